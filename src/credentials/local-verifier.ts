/**
 * The server's and the CLI's own verifier: the same trust list and status list
 * that are published, checked the same way a distant verifier checks them.
 */
import type { AppContext } from '../app-context.ts';
import { decodeStatusListToken, type StatusList } from './codec/status-list.ts';
import { trustStoreFrom, type TrustStore } from './codec/trust-list.ts';
import { verifyCard, type CardVerification } from './codec/verify-card.ts';
import { nodeVerifier } from './node-ed25519.ts';
import { statusListToken, trustListDocument } from './publication.ts';

const FRESH_MS = 2_000;
const cache = new WeakMap<AppContext, { at: number; trust: TrustStore; statusList: StatusList }>();

export async function verificationLists(ctx: AppContext): Promise<{ trust: TrustStore; statusList: StatusList }> {
  const cached = cache.get(ctx);
  if (cached && Date.now() - cached.at < FRESH_MS) return cached;
  const trust = trustStoreFrom(await trustListDocument(ctx), nodeVerifier);
  const statusList = decodeStatusListToken(await statusListToken(ctx), trust.verifyAnchor);
  const fresh = { at: Date.now(), trust, statusList };
  cache.set(ctx, fresh);
  return fresh;
}

/** Forget the cached lists (after a revocation in this process). */
export const forgetVerificationLists = (ctx: AppContext) => cache.delete(ctx);

export async function verifyCardText(ctx: AppContext, text: string): Promise<CardVerification> {
  return verifyCard(text, await verificationLists(ctx));
}
