import { z } from 'zod';

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

export const BirthDate = z
  .object({
    value: isoDate.describe('YYYY-MM-DD; with precision "year" only the year counts'),
    precision: z.enum(['day', 'year']).default('day'),
    declared: z.boolean().default(false).describe('declared without a document, possibly approximate'),
  })
  .refine((d) => d.value <= new Date().toISOString().slice(0, 10), { message: 'a birth date cannot be in the future' })
  .refine((d) => d.value >= '1890-01-01', { message: 'a birth date before 1890 is not plausible' });

export const Evidence = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('document'),
    type: z.enum(['national_id', 'passport', 'birth_certificate', 'foreign_id']),
    number: z.string().trim().regex(/^[A-Z0-9-]{4,20}$/i, '4-20 letters, digits or dashes'),
  }),
  z.object({ kind: z.literal('introducer'), introducerId: z.uuid().describe('a registered person who vouches'), note: z.string().max(500).optional() }),
  z.object({ kind: z.literal('household_head'), note: z.string().max(500).optional() }),
  z.object({ kind: z.literal('sworn_declaration'), note: z.string().max(500).optional() }),
]);

export const Relationship = z.enum(['head', 'spouse', 'child', 'parent', 'other']);

/** A person's fields without defaults: the shape of a correction, where absent means "unchanged". */
const PersonFields = z.object({
  relationship: Relationship,
  givenNames: text(120),
  familyNames: text(120).describe('both family names, particles included: "de la Cruz Pérez"'),
  sex: z.enum(['F', 'M', 'X']).nullable(),
  birthDate: BirthDate.nullable(),
  placeOfBirth: z.string().trim().max(120).nullable(),
  phone: z.string().trim().regex(/^\+?[0-9][0-9 ()-]{6,23}$/, 'digits, optionally with +, spaces, dashes and parentheses').nullable(),
  evidence: z.array(Evidence).min(1, 'record at least one piece of evidence of identity (a document, an introducer, the household head, or a sworn declaration)'),
  attributes: z.record(z.string(), z.unknown()).describe('catalogue attributes; in a correction, only the keys given change'),
});

export const PersonInput = PersonFields.extend({
  sex: PersonFields.shape.sex.default(null),
  birthDate: PersonFields.shape.birthDate.default(null),
  placeOfBirth: PersonFields.shape.placeOfBirth.default(null),
  phone: PersonFields.shape.phone.default(null),
  attributes: PersonFields.shape.attributes.default({}),
});

export const Address = z.object({
  street: text(200),
  number: z.string().trim().max(60).optional().describe('"12-34", "Casa 15", "s/n", "Edificio 3, apto 2-B"'),
  reference: z.string().trim().max(300).optional(),
});

const ParishCode = z.string().regex(/^[A-Z0-9]{2}-[A-Z0-9]{2,3}-[A-Z0-9]{2,3}$/, 'a parish code, e.g. AN-01-02');
const DistributionPoint = z.string().trim().max(40).nullable().describe('the code of the distribution point the household is assigned to');
const Reason = z.string().trim().min(3).max(500);
const ExpectedVersion = z.number().int().min(1).describe('the version the official read; a newer one means someone else changed it');

export const HouseholdInput = z.object({
  regionCode: ParishCode,
  address: Address,
  distributionPoint: DistributionPoint.default(null),
  members: z.array(PersonInput).min(1).max(40),
  reason: z.string().trim().min(3).max(500).default('enrolment'),
  dedupDecisions: z
    .array(
      z.object({
        member: z.number().int().min(0).describe('index in members'),
        candidateId: z.uuid(),
        decision: z.enum(['same', 'different']),
      }),
    )
    .default([])
    .describe('the registrar’s answers to a DUPLICATE_SUSPECTED response: "same" links the member to the existing record instead of creating one'),
});

export type PersonInput = z.infer<typeof PersonInput>;
export type HouseholdInput = z.infer<typeof HouseholdInput>;
export type Relationship = z.infer<typeof Relationship>;

export const PersonView = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  relationship: Relationship,
  regionCode: z.string(),
  givenNames: z.string(),
  familyNames: z.string(),
  sex: z.enum(['F', 'M', 'X']).nullable(),
  birthDate: z.object({ value: z.string(), precision: z.enum(['day', 'year']), declared: z.boolean() }).nullable(),
  placeOfBirth: z.string().nullable(),
  phone: z.string().nullable(),
  evidence: z.array(Evidence),
  attributes: z.record(z.string(), z.unknown()),
  withheldAttributes: z.array(z.string()).describe('special attributes recorded but not readable for your purpose: keys only'),
  status: z.enum(['active', 'tombstoned', 'merged']),
  version: z.number().int(),
});

export const HouseholdView = z.object({
  id: z.uuid(),
  regionCode: z.string(),
  address: Address,
  distributionPoint: z.string().nullable(),
  status: z.enum(['active', 'tombstoned']),
  version: z.number().int(),
  members: z.array(PersonView),
});

export const VersionView = z.object({
  version: z.number().int(),
  data: z.record(z.string(), z.unknown()),
  reason: z.string(),
  changedBy: z.string(),
  changedAt: z.string(),
});

export const PersonEdit = z.object({
  expectedVersion: ExpectedVersion,
  reason: Reason,
  changes: PersonFields.partial().refine((c) => Object.values(c).some((v) => v !== undefined), { message: 'nothing to change' }),
});

/** A household without its members: what a correction answers (reading the members again is a read of their records). */
export const HouseholdRecord = HouseholdView.omit({ members: true });

export const MemberRelationship = z.object({ personId: z.uuid(), relationship: Relationship });

export const HouseholdEdit = z.object({
  expectedVersion: ExpectedVersion,
  reason: Reason,
  changes: z
    .object({
      regionCode: ParishCode.optional().describe('a parish in your regions; every member moves with the household'),
      address: Address.optional(),
      distributionPoint: DistributionPoint.optional(),
      relationships: z
        .array(MemberRelationship)
        .min(1)
        .max(40)
        .optional()
        .describe('new relationships of members, applied together: a household keeps exactly one head, so a new head and the old one change in the same correction'),
    })
    .refine((c) => Object.values(c).some((v) => v !== undefined), { message: 'nothing to change' }),
});

export const MemberMove = z.object({
  expectedVersion: ExpectedVersion.describe('the version of this household (the one the person leaves) that the official read'),
  personId: z.uuid().describe('a member of this household, not its head'),
  toHouseholdId: z.uuid().describe('an active household in your regions'),
  relationship: Relationship.exclude(['head']).describe('how the person is related to the head of the household they join'),
  reason: Reason,
});

const HouseholdVersionRef = z.object({ householdId: z.uuid(), version: z.number().int() });

export const MoveResult = z.object({
  personId: z.uuid(),
  personVersion: z.number().int(),
  from: HouseholdVersionRef,
  to: HouseholdVersionRef,
});

export const MemberAddition = z.object({
  expectedVersion: ExpectedVersion,
  reason: Reason,
  member: PersonInput.describe('not the head: a household keeps its one head'),
  dedupDecisions: z
    .array(z.object({ candidateId: z.uuid(), decision: z.enum(['same', 'different']) }))
    .default([])
    .describe('answers to a DUPLICATE_SUSPECTED response (whose member is 0): "same" moves that registered person into this household instead of making a new record'),
});

export type HouseholdEdit = z.infer<typeof HouseholdEdit>;

export const MemberAdded = z.object({
  personId: z.uuid(),
  linked: z.boolean().describe('true when the member is a registered person who was moved in, not a new record'),
  householdVersion: z.number().int(),
});

export const RemovalRequestInput = z.object({
  reason: z.enum(['duplicate', 'death', 'other']),
  note: z.string().trim().min(3).max(1000).describe('e.g. the death certificate number, or the surviving record'),
});

export const RemovalDecision = z.object({ note: z.string().trim().min(3).max(1000) });

export const RemovalDecisionResult = z.object({
  id: z.uuid(),
  status: z.enum(['pending', 'approved', 'rejected', 'undone']),
  actions: z.array(z.enum(['approve', 'reject', 'undo'])),
});

export const RemovalView = z.object({
  id: z.uuid(),
  kind: z.enum(['person', 'household']).describe('what is to be removed'),
  personId: z.uuid().nullable().describe('the person to be removed; null for a household'),
  householdId: z.uuid().describe("the household to be removed, or the person's household"),
  personName: z.string().describe('the person, or the head of the household'),
  regionCode: z.string(),
  reason: z.enum(['duplicate', 'death', 'other']),
  note: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'undone']),
  requestedAt: z.string(),
  actions: z.array(z.enum(['approve', 'reject', 'undo'])),
});

/** Why two records look alike, for the registrar (both languages: the console picks). */
export const DedupReason = z.object({ code: z.string(), weight: z.number(), en: z.string(), es: z.string() });

export const PersonSummary = z.object({
  personId: z.uuid(),
  householdId: z.uuid(),
  givenNames: z.string(),
  familyNames: z.string(),
  sex: z.enum(['F', 'M', 'X']).nullable(),
  birthDate: z.object({ value: z.string(), precision: z.enum(['day', 'year']), declared: z.boolean() }).nullable(),
  regionCode: z.string(),
  status: z.enum(['active', 'tombstoned', 'merged']),
});

export const DedupCandidate = PersonSummary.extend({
  score: z.number().min(0).max(1),
  decision: z.enum(['same', 'review']).describe('"same": almost certainly the same person; "review": the registrar must decide'),
  reasons: z.array(DedupReason),
});

/** details of a 409 DUPLICATE_SUSPECTED answer to an enrolment. */
export const DuplicateSuspected = z.object({
  members: z.array(z.object({ member: z.number().int(), candidates: z.array(DedupCandidate) })),
});

export const EnrolResult = z.object({
  householdId: z.uuid(),
  personIds: z.array(z.uuid()).describe('the records created, in the order of members that were created'),
  linked: z.array(z.object({ member: z.number().int(), personId: z.uuid() })).describe('members the registrar said are an existing person'),
});

export const SEARCH_LIMIT_MAX = 100;

export const SearchQuery = z.object({
  name: z.string().trim().min(2).max(200).optional().describe('given and/or family names; typos and missing accents are fine'),
  birthDate: z.iso.date().optional(),
  birthYear: z.coerce.number().int().min(1890).max(2100).optional(),
  regionCode: z.string().max(20).optional().describe('a region and everything below it'),
  document: z.string().trim().max(20).optional().describe('a document number'),
  card: z.string().trim().max(40).optional().describe('a card number as printed (XXXX-XXXX-XXX); spaces, dashes and lower case are fine'),
  limit: z.coerce.number().int().min(1).max(SEARCH_LIMIT_MAX).default(25).describe(`results per page, at most ${SEARCH_LIMIT_MAX}`),
  cursor: z.string().max(200).optional().describe('`next` of the previous page of the same search'),
});

export const SearchResult = PersonSummary.extend({ score: z.number().min(0).max(1).nullable() });

export const SearchPage = z.object({
  results: z.array(SearchResult).describe('best match first, then by record; the same search over the same data pages in the same order'),
  next: z.string().nullable().describe('the cursor of the next page, or null on the last one'),
  capped: z.boolean().describe('more persons match than one search ranks: add a birth date, a region or more names'),
});

export const DedupPairView = z.object({
  id: z.uuid(),
  a: PersonSummary,
  b: PersonSummary,
  score: z.number(),
  reasons: z.array(DedupReason),
  status: z.enum(['pending', 'same', 'different', 'undone']),
  source: z.string().describe('enrolment, import or batch'),
  createdAt: z.string(),
  actions: z.array(z.enum(['same', 'different', 'undo'])),
});

export const DedupDecision = z.object({
  decision: z.enum(['same', 'different']),
  note: z.string().trim().max(1000).default(''),
});

export const ImportReport = z.object({
  rows: z.number().int(),
  households: z.number().int(),
  persons: z.number().int(),
  alreadyImported: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  duplicatePairs: z.number().int().describe('pairs put in the review queue'),
});

export const PhotoUpload = z.object({
  contentType: z.enum(['image/webp', 'image/jpeg', 'image/png']),
  dataBase64: z.string().max(400_000).describe('at most ~300 kB of image'),
});
