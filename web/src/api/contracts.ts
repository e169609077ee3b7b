/**
 * The API's request and response types, inferred from the server's own zod schemas.
 * Type-only imports: nothing of the server reaches the bundle, and a changed
 * contract breaks `tsc` here instead of a screen in production.
 */
import type { z } from 'zod';
import type { AuditAction, Purpose } from '../../../src/audit/actions.ts';
import type * as audit from '../../../src/audit/schemas.ts';
import type * as auth from '../../../src/auth/schemas.ts';
import type { Role } from '../../../src/auth/roles.ts';
import type { ErrorCode } from '../../../src/shared/domain-error.ts';
import type { Region as RegionSchema } from '../../../src/regions/routes.ts';
import type * as registry from '../../../src/registry/schemas.ts';
import type * as catalogue from '../../../src/registry/catalogue/schemas.ts';

export type { AuditAction, ErrorCode, Purpose, Role };

export type LoginBody = z.infer<typeof auth.LoginBody>;
export type LoginResponse = z.infer<typeof auth.LoginResponse>;
export type SecondFactorBody = z.infer<typeof auth.SecondFactorBody>;
export type Me = z.infer<typeof auth.Me>;

export type AuditEntry = z.infer<typeof audit.AuditEntry>;
/** What the client sends; the server fills in the default limit. */
export type AuditQuery = Omit<z.infer<typeof audit.AuditQuery>, 'limit'> & { limit?: number };
export interface AuditPage {
  entries: AuditEntry[];
  nextBefore: number | null;
}
export type VerifyReport = z.infer<typeof audit.VerifyReport>;
export type Checkpoint = z.infer<typeof audit.Checkpoint>;
export type CheckpointKey = z.infer<typeof audit.CheckpointKey>;
export interface PublishedCheckpoints {
  checkpoints: Checkpoint[];
  keys: CheckpointKey[];
}

export type Region = z.infer<typeof RegionSchema>;

// The registry (src/registry/schemas.ts). Request bodies are the schemas' input types:
// what the client sends, before the server fills in defaults.
export type HouseholdInput = z.input<typeof registry.HouseholdInput>;
export type PersonInput = z.input<typeof registry.PersonInput>;
export type Evidence = z.infer<typeof registry.Evidence>;
export type BirthDate = z.input<typeof registry.BirthDate>;
export type Relationship = z.infer<typeof registry.Relationship>;
export type Address = z.infer<typeof registry.Address>;
export type DedupDecisionInput = NonNullable<HouseholdInput['dedupDecisions']>[number];
export type HouseholdView = z.infer<typeof registry.HouseholdView>;
export type PersonView = z.infer<typeof registry.PersonView>;
export type VersionView = z.infer<typeof registry.VersionView>;
export type PersonEdit = z.input<typeof registry.PersonEdit>;
export type RemovalRequestInput = z.input<typeof registry.RemovalRequestInput>;
export type RemovalDecision = z.input<typeof registry.RemovalDecision>;
export type RemovalView = z.infer<typeof registry.RemovalView>;
export type RemovalStatus = RemovalView['status'];
export type RemovalAction = RemovalView['actions'][number];
export type DedupReason = z.infer<typeof registry.DedupReason>;
export type PersonSummary = z.infer<typeof registry.PersonSummary>;
export type DedupCandidate = z.infer<typeof registry.DedupCandidate>;
export type DuplicateSuspected = z.infer<typeof registry.DuplicateSuspected>;
export type EnrolResult = z.infer<typeof registry.EnrolResult>;
/** What the client sends; the server fills in the default limit. */
// (birthYear is coerced from the query string, so its schema input is `unknown`.)
export type SearchQuery = Omit<z.input<typeof registry.SearchQuery>, 'limit' | 'birthYear'> & {
  limit?: number;
  birthYear?: z.infer<typeof registry.SearchQuery>['birthYear'];
};
export type SearchResult = z.infer<typeof registry.SearchResult>;
export type SearchPage = z.infer<typeof registry.SearchPage>;
export type HouseholdEdit = z.input<typeof registry.HouseholdEdit>;
export type HouseholdRecord = z.infer<typeof registry.HouseholdRecord>;
export type MemberMove = z.input<typeof registry.MemberMove>;
export type MoveResult = z.infer<typeof registry.MoveResult>;
export type MemberAddition = z.input<typeof registry.MemberAddition>;
export type MemberAdded = z.infer<typeof registry.MemberAdded>;
export type RemovalKind = RemovalView['kind'];
export type DedupPairView = z.infer<typeof registry.DedupPairView>;
export type DedupPairStatus = DedupPairView['status'];
export type DedupAction = DedupPairView['actions'][number];
export type DedupDecision = z.input<typeof registry.DedupDecision>;
export type ImportReport = z.infer<typeof registry.ImportReport>;
export type PhotoUpload = z.infer<typeof registry.PhotoUpload>;
export type PersonStatus = PersonView['status'];
export type Sex = NonNullable<PersonView['sex']>;

// The attribute catalogue (src/registry/catalogue/).
export type { AttributeType, Sector, Sensitivity } from '../../../src/registry/catalogue/attribute-definition.ts';
export type { ProhibitedCategory } from '../../../src/registry/catalogue/prohibited-attributes.ts';
export type CatalogueEntry = z.infer<typeof catalogue.CatalogueEntry>;
export type ProposalBody = z.input<typeof catalogue.ProposalBody>;
export type Proposal = z.infer<typeof catalogue.Proposal>;
export type ProposalStatus = Proposal['status'];
export type ProposalDecision = z.infer<typeof catalogue.Decision>;
export type ApproveBody = z.input<typeof catalogue.ApproveBody>;
export type RejectBody = z.input<typeof catalogue.RejectBody>;

// The CSV import's columns (src/registry/import/csv-columns.ts): names only, as types.
import type { ATTRIBUTE_PREFIX, PERSON_CSV_COLUMNS, REQUIRED_COLUMNS } from '../../../src/registry/import/csv-columns.ts';
export type ImportColumn = keyof typeof PERSON_CSV_COLUMNS;
export type RequiredImportColumn = (typeof REQUIRED_COLUMNS)[number];
export type ImportAttributePrefix = typeof ATTRIBUTE_PREFIX;

// Cards (src/credentials/schemas.ts).
import type * as credentials from '../../../src/credentials/schemas.ts';
export type CardView = z.infer<typeof credentials.CardView>;
export type CardStatus = CardView['status'];
export type IssueReason = CardView['issueReason'];
export type RevocationReason = NonNullable<CardView['revocationReason']>;
export type IssueCardInput = z.input<typeof credentials.IssueCardInput>;
export type ReissueCardInput = z.input<typeof credentials.ReissueCardInput>;
export type ReissueReason = ReissueCardInput['reason'];
export type RevokeCardInput = z.input<typeof credentials.RevokeCardInput>;
/** The published trust list, as the server describes it; the verifier still checks every byte. */
export type TrustListView = z.infer<typeof credentials.TrustListView>;

// Programs as published to anyone (src/programs/schemas.ts): the rule in force and every version.
import type * as programs from '../../../src/programs/schemas.ts';
export type PublicProgram = z.infer<typeof programs.PublicProgram>;
export type PublicProgramDetail = z.infer<typeof programs.PublicProgramDetail>;
export type PublicRuleVersion = z.infer<typeof programs.PublicRuleVersion>;
export type RuleState = PublicRuleVersion['state'];
export type ProgramSector = PublicProgram['sector'];
export type ProgramUnit = PublicProgram['unit'];
export type BenefitKind = PublicProgram['benefitKind'];
export type ProgramFrequency = PublicProgram['frequency'];
export type ProgramStatus = PublicProgram['status'];

// Programs as program managers define them (src/programs/schemas.ts). Request bodies
// are the schemas' input types: what the client sends, before the server's defaults.
export type Program = z.infer<typeof programs.Program>;
export type ProgramDetail = z.infer<typeof programs.ProgramDetail>;
export type RuleVersion = z.infer<typeof programs.RuleVersion>;
export type ProgramAction = Program['actions'][number];
export type ProgramInput = z.input<typeof programs.ProgramInput>;
export type ProgramEdit = z.input<typeof programs.ProgramEdit>;
export type ProgramStatusChange = z.input<typeof programs.StatusChange>;
export type RuleInput = z.input<typeof programs.RuleInput>;
export type Vocabulary = z.infer<typeof programs.Vocabulary>;
export type VocabularyFact = Vocabulary['facts'][number];
export type WithheldAttribute = Vocabulary['withheld'][number];
export type ExplainInput = z.input<typeof programs.ExplainInput>;
export type Explanation = z.infer<typeof programs.Explanation>;
export type ExplanationClause = Explanation['quantityClause'];
/** One problem of a refused rule: `error.details.problems` of a 422 RULE_VIOLATION from POST …/rules. */
export type { ProgramRuleProblem as RuleProblem } from '../../../src/programs/compile-program-rules.ts';
export type { RuleProblemCode } from '../../../src/programs/rules/check-rule.ts';

// Cycles of a program (src/cycles/schemas.ts).
import type * as cycles from '../../../src/cycles/schemas.ts';
export type Cycle = z.infer<typeof cycles.Cycle>;
export type CycleDetail = z.infer<typeof cycles.CycleDetail>;
export type CycleStatus = Cycle['status'];
export type CycleAction = Cycle['actions'][number];
export type CycleRunAnswer = z.infer<typeof cycles.RunAnswer>;
export type CyclePreview = z.infer<typeof cycles.Preview>;
export type CycleReason = z.input<typeof cycles.CycleReason>;
export type CycleChangesPage = z.infer<typeof cycles.ChangesPage>;
export type CycleChange = CycleChangesPage['items'][number];

// A distribution point's reconciliation and cash deposits (src/distribution/reconciliation/schemas.ts).
import type * as reconciliation from '../../../src/distribution/reconciliation/schemas.ts';
export type Reconciliation = z.infer<typeof reconciliation.Reconciliation>;
export type ReconciliationDiscrepancy = Reconciliation['discrepancies'][number];
export type ReconciliationPoint = z.infer<typeof reconciliation.ReconciliationPoint>;
export type ReconciliationCycle = z.infer<typeof reconciliation.ReconciliationCycle>;
export type PointCycles = z.infer<typeof reconciliation.PointCycles>;
export type DepositInput = z.input<typeof reconciliation.DepositInput>;
export type DepositResult = z.infer<typeof reconciliation.DepositResult>;

// Conflicts of offline sync, for supervisors (src/distribution/conflicts/schemas.ts).
import type * as conflicts from '../../../src/distribution/conflicts/schemas.ts';
export type ConflictSummary = z.infer<typeof conflicts.Conflict>;
export type ConflictDetail = z.infer<typeof conflicts.ConflictDetail>;
export type ConflictStatus = ConflictSummary['status'];
export type ConflictDecision = z.infer<typeof conflicts.Resolution>['decision'];

// Distribution points, their agents and terminals (src/distribution/points|terminals/schemas.ts).
import type * as points from '../../../src/distribution/points/schemas.ts';
import type * as terminals from '../../../src/distribution/terminals/schemas.ts';
export type Official = z.infer<typeof auth.Official>;
export type DistributionPoint = z.infer<typeof points.Point>;
export type DistributionPointInput = z.input<typeof points.NewPoint>;
export type DistributionPointChange = z.input<typeof points.PointChange>;
export type DistributionPointSummary = z.infer<typeof points.PointSummary>;
export type DistributionPointsPage = z.infer<typeof points.PointsPage>;
export type DistributionPointDetail = z.infer<typeof points.PointDetail>;
export type DistributionPointAgent = z.infer<typeof points.PointAgent>;
export type MyDistributionPoints = z.infer<typeof points.MyPoints>;
export type PointKind = DistributionPoint['kind'];
export type Terminal = z.infer<typeof terminals.Terminal>;
export type TerminalState = Terminal['state'];
export type RegisteredTerminal = z.infer<typeof terminals.RegisteredTerminal>;
export type TerminalEnrolmentInput = z.input<typeof terminals.EnrolmentInput>;
export type TerminalEnrolment = z.infer<typeof terminals.Enrolment>;
export type TerminalIdentity = z.infer<typeof terminals.TerminalIdentity>;
