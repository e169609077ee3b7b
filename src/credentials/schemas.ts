import { z } from 'zod';
import { formatCardNumber, parseCardNumber } from './codec/card-number.ts';

export const REVOCATION_REASONS = ['lost', 'stolen', 'damaged', 'renewal', 'data_changed', 'deceased', 'duplicate', 'fraud', 'other'] as const;
export const REISSUE_REASONS = ['lost', 'stolen', 'damaged', 'renewal', 'data_changed'] as const;

/** A card number as typed: spaces, dashes, lower case and look-alikes are fine; a bad check symbol is not. */
export const CardNumber = z.string().max(40).transform((value, context) => {
  const parsed = parseCardNumber(value);
  if (!parsed.ok) {
    context.addIssue({ code: 'custom', message: `not a valid card number (${parsed.problem === 'check' ? 'check symbol does not match: a typo?' : parsed.problem})` });
    return z.NEVER;
  }
  return parsed.cardNumber;
});

export const CardParams = z.object({ cardNumber: CardNumber });

export const CardView = z.object({
  cardNumber: z.string(),
  formatted: z.string().describe('XXXX-XXXX-XXX, for reading aloud and printing'),
  personId: z.uuid(),
  statusIndex: z.number().int(),
  kid: z.string(),
  withFace: z.boolean(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  issuedByName: z.string(),
  issueReason: z.enum(['first', 'lost', 'stolen', 'damaged', 'renewal', 'data_changed']),
  replaces: z.string().nullable(),
  status: z.enum(['valid', 'revoked', 'expired']),
  revokedAt: z.string().nullable(),
  revokedByName: z.string().nullable(),
  revocationReason: z.enum(REVOCATION_REASONS).nullable(),
  revocationNote: z.string().nullable(),
  qrText: z.string().describe('The signed QR text (base45), as printed'),
});
export type CardView = z.infer<typeof CardView>;

export const IssueCardInput = z.object({
  withFace: z.boolean().default(false).describe('Put a small face image from the current photo into the QR'),
});

export const ReissueCardInput = z.object({
  reason: z.enum(REISSUE_REASONS),
  withFace: z.boolean().optional().describe('Default: as the card it replaces'),
});

export const RevokeCardInput = z.object({
  reason: z.enum(REVOCATION_REASONS),
  note: z.string().trim().max(500).optional(),
});

export const PrintBatchInput = z.object({
  cardNumbers: z.array(CardNumber).min(1).max(500),
});

export const VerifyInput = z.object({ text: z.string().max(10_000) });

export const CardVerificationView = z.object({
  valid: z.boolean(),
  reason: z.enum(['bad_format', 'bad_signature', 'unknown_key', 'expired', 'not_yet_valid', 'revoked', 'status_unavailable']).optional(),
  message: z.string().optional(),
  card: z
    .object({
      cardNumber: z.string(),
      formatted: z.string(),
      fullName: z.string(),
      birthDate: z.string().nullable(),
      gender: z.number().int().nullable(),
      country: z.string().nullable(),
      issuedAt: z.string(),
      expiresAt: z.string(),
      hasFace: z.boolean(),
    })
    .optional(),
});

export type CardVerificationView = z.infer<typeof CardVerificationView>;

const PublishedKey = z.object({
  kid: z.string(),
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  alg: z.literal('EdDSA'),
  x: z.string().describe('raw public key, base64url'),
});

export const TrustListView = z
  .object({
    format: z.literal('amparo-trust-list/1'),
    issuer: z.string().describe('the iss of every card'),
    issuedAt: z.string(),
    nextUpdate: z.string(),
    statusListUri: z.string(),
    anchor: PublishedKey.describe('the trust anchor that signs this list and the status list; verifiers pin it'),
    keys: z.array(PublishedKey.extend({ notBefore: z.string(), notAfter: z.string(), state: z.enum(['current', 'retired']) })),
    signature: z.string().describe('Ed25519 by the anchor over the canonical JSON of the other fields, base64url'),
  })
  .describe('The signed trust list; see docs/credential-format.md');

export { formatCardNumber };
