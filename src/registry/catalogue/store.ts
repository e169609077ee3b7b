import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { AttributeLabels } from './attribute-definition.ts';
import type {
  AttributeDefinitionTable,
  AttributeDefinitionVersionTable,
  AttributeProposalTable,
  ProposalStatus,
} from './tables.ts';

export type DefinitionRow = Selectable<AttributeDefinitionTable>;
export type VersionRow = Selectable<AttributeDefinitionVersionTable>;
export type ProposalRow = Selectable<AttributeProposalTable>;
export type ProposalWithNames = ProposalRow & { proposed_by_name: string | null; decided_by_name: string | null };

// Advisory lock of catalogue writes: proposals and decisions are rare, so one lock
// serialises them all and no two changes to the catalogue can interleave.
const CATALOGUE_LOCK = 4_242_300;

const jsonb = (value: AttributeLabels) => sql<AttributeLabels>`cast(${JSON.stringify(value)} as jsonb)`;

/** Takes the catalogue's write lock until the caller's transaction ends. */
export async function lockCatalogue(tx: Db) {
  await sql`select pg_advisory_xact_lock(${CATALOGUE_LOCK})`.execute(tx);
}

export const findDefinition = (db: Db, key: string) =>
  db.selectFrom('attribute_definition').selectAll().where('key', '=', key).executeTakeFirst();

export function listDefinitions(db: Db, options: { status?: 'active' | 'retired' | undefined; keys?: readonly string[] | undefined } = {}) {
  let q = db.selectFrom('attribute_definition').selectAll().orderBy('key');
  if (options.status) q = q.where('status', '=', options.status);
  if (options.keys) {
    if (!options.keys.length) return Promise.resolve([]);
    q = q.where('key', 'in', options.keys);
  }
  return q.execute();
}

export const listVersions = (db: Db, key: string) =>
  db.selectFrom('attribute_definition_version').selectAll().where('key', '=', key).orderBy('version').execute();

/** Inserts the first version's row of the current catalogue. False when the key exists. */
export async function insertDefinition(db: Db, row: Insertable<AttributeDefinitionTable>) {
  const inserted = await db
    .insertInto('attribute_definition')
    .values({ ...row, labels: jsonb(row.labels) })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Moves an entry from `baseVersion` to the row's version. False when it is no longer at `baseVersion`. */
export async function updateDefinition(db: Db, baseVersion: number, row: Insertable<AttributeDefinitionTable>) {
  const { key, ...rest } = row;
  const updated = await db
    .updateTable('attribute_definition')
    .set({ ...rest, labels: jsonb(row.labels) })
    .where('key', '=', key)
    .where('version', '=', baseVersion)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/** Appends a version. False when that version of the key already exists. */
export async function insertVersion(db: Db, row: Insertable<AttributeDefinitionVersionTable>) {
  const inserted = await db
    .insertInto('attribute_definition_version')
    .values({ ...row, labels: jsonb(row.labels) })
    .onConflict((oc) => oc.columns(['key', 'version']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Inserts a proposal. False when another proposal for the key is still pending. The
 * index predicate is a literal: PostgreSQL matches a partial unique index only when
 * it can prove the conflict target's predicate, which a bound parameter prevents.
 */
export async function insertProposal(db: Db, row: Insertable<AttributeProposalTable>) {
  const inserted = await db
    .insertInto('attribute_proposal')
    .values({ ...row, labels: jsonb(row.labels) })
    .onConflict((oc) => oc.column('key').where('status', '=', sql.lit('pending')).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export const findPendingProposalFor = (db: Db, key: string) =>
  db.selectFrom('attribute_proposal').select(['id']).where('key', '=', key).where('status', '=', 'pending').executeTakeFirst();

function proposalsWithNames(db: Db) {
  return db
    .selectFrom('attribute_proposal as p')
    .leftJoin('official as proposer', 'proposer.id', 'p.proposed_by')
    .leftJoin('official as decider', 'decider.id', 'p.decided_by')
    .selectAll('p')
    .select(['proposer.username as proposed_by_name', 'decider.username as decided_by_name']);
}

export const findProposal = (db: Db, id: string): Promise<ProposalWithNames | undefined> =>
  proposalsWithNames(db).where('p.id', '=', id).executeTakeFirst();

export function listProposals(db: Db, options: { status?: ProposalStatus | undefined; limit: number }): Promise<ProposalWithNames[]> {
  let q = proposalsWithNames(db).orderBy('p.proposed_at', 'desc').orderBy('p.id').limit(options.limit);
  if (options.status) q = q.where('p.status', '=', options.status);
  return q.execute();
}

/** Records the decision on a pending proposal. False when it was not pending any more. */
export async function decideProposalRow(
  db: Db,
  id: string,
  decision: { status: 'approved' | 'rejected'; decided_by: string | null; decided_at: Date; decision_reason: string | null },
) {
  const updated = await db
    .updateTable('attribute_proposal')
    .set(decision)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}
