import { z } from 'zod';

/** The signed pickup record (protocol/terminal-protocol.ts RedemptionRecord), as it travels. */
export const RedemptionRecordSchema = z.object({
  id: z.uuid().describe('chosen by the terminal: the same record sent twice is one redemption'),
  terminalId: z.uuid(),
  agentId: z.uuid(),
  cycleId: z.uuid(),
  subject: z.string().min(1).max(64).describe("the entitlement's sector pseudonym, as GET /api/terminal/due gave it"),
  cardNumber: z.string().max(20).describe('the scanned card number, normalised; "" with an identificationToken'),
  identificationToken: z.string().min(1).max(400).optional().describe('for a person identified without their card (POST /api/terminal/identify)'),
  quantity: z.string().max(20).describe('exact decimal text, e.g. "1" or "12.500"'),
  payment: z.object({
    method: z.enum(['cash', 'mobile', 'none']),
    amount: z.string().max(24).describe('decimal text: quantity × price per unit, rounded to the cent half up'),
    currency: z.string().max(3),
    reference: z.string().max(64).optional().describe("a mobile payment's network reference"),
  }),
  redeemedAt: z.string().max(40).describe('ISO 8601 with ms, by the terminal clock'),
});

export const SignedRecord = z.object({
  record: RedemptionRecordSchema,
  signature: z.string().max(100).describe('base64url Ed25519 signature of offlineRecordSigningText(record) under the terminal key'),
});

const Bilingual = z.object({ es: z.string(), en: z.string() });

export const Pickup = z.object({ redemptionId: z.string(), receiptNo: z.number().int(), quantity: z.string(), redeemedAt: z.string(), pointCode: z.string(), terminalLabel: z.string().nullable() });

export const DueProgram = z.object({ code: z.string(), name: Bilingual, sector: z.string(), unit: z.string(), benefitKind: z.string(), measure: z.string() });

export const Due = z.object({
  cycleId: z.string(),
  subject: z.string(),
  program: DueProgram,
  period: z.string(),
  validUntil: z.string(),
  quantity: z.string(),
  remaining: z.string(),
  pricePerUnit: z.string(),
  currency: z.string(),
  partialPickups: z.boolean(),
  pickups: z.array(Pickup),
});

export const CardState = z.object({
  number: z.string(),
  status: z.enum(['valid', 'revoked', 'expired', 'holder_inactive']),
  revocationReason: z.string().optional(),
});

export const DueQuery = z
  .object({
    card: z.string().max(30).optional().describe('the card number (dashes and look-alikes accepted)'),
    token: z.string().max(400).optional().describe('an identification token from POST /api/terminal/identify'),
  })
  .refine((q) => (q.card === undefined) !== (q.token === undefined), 'give card or token, one of them');

export const DueAnswer = z.object({ card: CardState.optional().describe('absent for a person identified without a card'), due: z.array(Due) });

export const Receipt = z.object({
  redemptionId: z.string(),
  receiptNo: z.number().int(),
  program: z.object({ code: z.string(), name: Bilingual }),
  period: z.string(),
  quantity: z.string(),
  remaining: z.string(),
  amount: z.string(),
  currency: z.string(),
  paymentMethod: z.enum(['cash', 'mobile', 'none']),
  paymentReference: z.string().optional(),
  pointCode: z.string(),
  pointName: z.string(),
  terminalLabel: z.string().nullable(),
  redeemedAt: z.string(),
  recordedAt: z.string(),
  agentName: z.string(),
  offline: z.boolean(),
  smsQueued: z.boolean(),
  replayed: z.boolean(),
});

export const ReceiptParams = z.object({ id: z.uuid() });

export const IdentifyInput = z.object({
  givenNames: z.string().trim().min(2).max(200),
  familyNames: z.string().trim().min(2).max(200),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD').optional(),
  reason: z.string().trim().min(10).max(500).describe('why the person has no card with them; kept in the audit log'),
});

export const IdentifyAnswer = z.object({
  matches: z.array(z.object({ token: z.string().describe('stands for the person for 15 minutes at this point'), name: z.string(), birthYear: z.number().int().nullable(), due: z.array(Due) })),
});
