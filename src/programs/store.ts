import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ProgramRuleVersionTable, ProgramTable } from './tables.ts';

export type ProgramRow = Selectable<ProgramTable>;
export type NewProgram = Insertable<ProgramTable>;
export type RuleVersionRow = Selectable<ProgramRuleVersionTable>;
export type NewRuleVersion = Insertable<ProgramRuleVersionTable>;

/** Who made a change, and why: recorded with every version. */
export interface ChangeRecord {
  reason: string;
  changedBy: string | null;
  changedByName: string;
}

/** The fields a program version records: the definition and its status. */
export function programData(p: NewProgram | ProgramRow): Record<string, unknown> {
  return {
    code: p.code,
    name: { es: p.name_es, en: p.name_en },
    description: { es: p.description_es, en: p.description_en },
    sector: p.sector,
    unit: p.unit,
    benefitKind: p.benefit_kind,
    item: { es: p.item_es, en: p.item_en },
    measure: p.measure,
    currency: p.currency,
    frequency: p.frequency,
    distributionPoints: p.distribution_points ?? [],
    partialPickups: p.partial_pickups ?? false,
    status: p.status,
  };
}

/** Inserts a program and its first version; false when the code is taken. Runs inside the caller's transaction. */
export async function insertProgram(db: Db, row: NewProgram, first: ChangeRecord): Promise<boolean> {
  const inserted = await db.insertInto('program').values(row).onConflict((oc) => oc.column('code').doNothing()).returning('id').executeTakeFirst();
  if (!inserted) return false;
  await db
    .insertInto('program_version')
    .values({ program_id: row.id, version: row.version, data: JSON.stringify(programData(row)), reason: first.reason, changed_by: first.changedBy, changed_by_name: first.changedByName })
    .execute();
  return true;
}

/**
 * Applies a change to a program and appends the new version, only if the program is
 * still at `expectedVersion` (optimistic concurrency); undefined when someone changed
 * it first. Runs inside the caller's transaction.
 */
export async function appendProgramVersion(
  db: Db,
  id: string,
  expectedVersion: number,
  changes: Omit<Updateable<ProgramTable>, 'id' | 'code' | 'version' | 'updated_at' | 'updated_by' | 'updated_by_name'>,
  who: ChangeRecord,
): Promise<ProgramRow | undefined> {
  const updated = await db
    .updateTable('program')
    .set({ ...changes, version: expectedVersion + 1, updated_at: new Date(), updated_by: who.changedBy, updated_by_name: who.changedByName })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  if (!updated) return undefined;
  await db
    .insertInto('program_version')
    .values({ program_id: id, version: updated.version, data: JSON.stringify(programData(updated)), reason: who.reason, changed_by: who.changedBy, changed_by_name: who.changedByName })
    .execute();
  return updated;
}

export const findProgramByCode = (db: Db, code: string) => db.selectFrom('program').selectAll().where('code', '=', code).executeTakeFirst();

/** The program, locked until the caller's transaction ends: rule versions are numbered under this lock. */
export const lockProgramByCode = (db: Db, code: string) => db.selectFrom('program').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();

export function listPrograms(db: Db, options: { statuses?: readonly ProgramRow['status'][] } = {}) {
  let q = db.selectFrom('program').selectAll().orderBy('code');
  if (options.statuses) q = q.where('status', 'in', options.statuses);
  return q.execute();
}

export const programHistory = (db: Db, programId: string) =>
  db.selectFrom('program_version').selectAll().where('program_id', '=', programId).orderBy('version').execute();

/** Every rule version of the programs, oldest first. */
export function ruleVersionsOf(db: Db, programIds: readonly string[]): Promise<RuleVersionRow[]> {
  if (!programIds.length) return Promise.resolve([]);
  return db.selectFrom('program_rule_version').selectAll().where('program_id', 'in', programIds).orderBy('program_id').orderBy('version').execute();
}

export async function latestRuleVersion(db: Db, programId: string): Promise<number> {
  const r = await db.selectFrom('program_rule_version').select((eb) => eb.fn.max('version').as('v')).where('program_id', '=', programId).executeTakeFirst();
  return Number(r?.v ?? 0);
}

/** Appends a rule version (the primary key refuses a second one with the same number). Runs inside the caller's transaction. */
export const insertRuleVersion = (db: Db, row: NewRuleVersion) => db.insertInto('program_rule_version').values(row).execute();
