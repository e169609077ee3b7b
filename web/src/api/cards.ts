import { apiRequest } from './client.ts';
import type { CardView, IssueCardInput, ReissueCardInput, RevokeCardInput } from './contracts.ts';

// The card endpoints of the console (src/credentials/routes.ts). Listing a person's
// cards is audited as a read of their data: screens ask once and keep what they got.

const card = (cardNumber: string) => `/api/cards/${encodeURIComponent(cardNumber)}`;

/** Every card the person has had, newest first. */
export const listCards = (personId: string, signal?: AbortSignal) =>
  apiRequest<{ cards: CardView[] }>('GET', `/api/registry/persons/${encodeURIComponent(personId)}/cards`, signal ? { signal } : {}).then((r) => r.cards);

/**
 * 201 with the new card; ApiError 409 CONFLICT (details.cardNumber) when the person
 * already has a card that is not revoked, 422 RULE_VIOLATION e.g. a face without a photo.
 */
export const issueCard = (personId: string, body: IssueCardInput) =>
  apiRequest<CardView>('POST', `/api/registry/persons/${encodeURIComponent(personId)}/cards`, { body });

/** The new card; the old one is revoked in the same transaction, with the same reason. */
export const reissueCard = (cardNumber: string, body: ReissueCardInput) => apiRequest<CardView>('POST', `${card(cardNumber)}/reissue`, { body });

export const revokeCard = (cardNumber: string, body: RevokeCardInput) => apiRequest<CardView>('POST', `${card(cardNumber)}/revoke`, { body });

/** The printable card (ID-1 PDF): a plain link, opened by the browser with the session cookie; printing is audited. */
export const cardPdfPath = (cardNumber: string) => `${card(cardNumber)}/pdf`;
