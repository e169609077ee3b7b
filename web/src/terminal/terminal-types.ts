/**
 * What the terminal and the server's /api/terminal/* routes exchange, inferred from
 * the server's own zod schemas (type-only imports: nothing of the server reaches the
 * bundle). Quantities and money are exact decimal strings.
 */
import type { z } from 'zod';
import type * as redemption from '../../../src/distribution/redemption/schemas.ts';
import type * as sync from '../../../src/distribution/sync/schemas.ts';
import type * as terminals from '../../../src/distribution/terminals/schemas.ts';

/** A pickup record as it travels (protocol/terminal-protocol.ts), with the token of a person found without their card. */
export type RedemptionRecord = z.infer<typeof redemption.RedemptionRecordSchema>;
export type SignedRecord = z.infer<typeof redemption.SignedRecord>;
export type EnrolAnswer = z.infer<typeof terminals.Enrolment>;
export type PointSummary = EnrolAnswer['point'];
export type TerminalMe = z.infer<typeof terminals.TerminalIdentity>;
export type Due = z.infer<typeof redemption.Due>;
export type DueProgram = Due['program'];
export type Pickup = Due['pickups'][number];
export type DueAnswer = z.infer<typeof redemption.DueAnswer>;
export type Receipt = z.infer<typeof redemption.Receipt>;
export type PaymentMethod = Receipt['paymentMethod'];
export type IdentifyInput = z.input<typeof redemption.IdentifyInput>;
export type IdentifyMatch = z.infer<typeof redemption.IdentifyAnswer>['matches'][number];
export type TerminalPackage = z.infer<typeof sync.OfflinePackage>;
export type PackageCycle = TerminalPackage['cycles'][number];
export type PackageEntitlement = TerminalPackage['entitlements'][number];
export type SyncAnswer = z.infer<typeof sync.SyncAnswer>;
export type SyncResult = SyncAnswer['results'][number];
export type SyncStatus = SyncResult['status'];
