import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../app-context.ts';
import { writeAuditBatch, type AuditRecord } from '../../audit/write-audit.ts';
import { coversRegion } from '../../auth/roles.ts';
import { DomainError } from '../../shared/domain-error.ts';
import type { AttributeDefinition } from '../catalogue/attribute-definition.ts';
import { blockingKeys, searchKeys } from '../dedup/blocking-keys.ts';
import type { RegistryActor } from '../enrol-household.ts';
import { addressKey, dedupPersonOf, hashKey, indexKeysOf } from '../find-duplicates.ts';
import { validatePersonAttributes } from '../person-attributes.ts';
import { newPersonRow } from '../person-row.ts';
import type { HouseholdInput } from '../schemas.ts';
import { householdData, personData, type NewHousehold, type NewPerson } from '../store.ts';
import { CsvSyntaxError } from './csv-records.ts';
import { findBatchPairs, type BatchProbe } from './find-batch-pairs.ts';
import {
  activePersonIds,
  existingRefs,
  insertBlockingKeysSet,
  insertDedupPairsBulk,
  insertHouseholdsSet,
  insertPersonsSet,
  parishCodes,
  personIdsByRefs,
  type NewDedupPair,
} from './import-store.ts';
import { readHouseholds, type CsvRow } from './read-households.ts';

export interface ImportProgress {
  rows: number;
  households: number;
  persons: number;
  rejectedRows: number;
}

export interface RejectedRow {
  line: number;
  reason: string;
  row: CsvRow;
}

export interface ImportOptions {
  actor: RegistryActor;
  /** Households per transaction: bigger is faster, smaller holds fewer locks. */
  batchSize?: number;
  onProgress?: (p: ImportProgress) => void;
  /** Every rejected row, as soon as it is known (the CLI writes them to the error file). */
  onRejected?: (r: RejectedRow) => void;
  requestId?: string;
  /** Run duplicate search on what is imported (default true). */
  dedup?: boolean;
}

export interface ImportResult extends ImportProgress {
  alreadyImported: number;
  duplicatePairs: number;
  rejected: RejectedRow[];
}

const MAX_REJECTED_KEPT = 10_000;
const INTRODUCER_PROBLEM = 'the introducer must be a registered, active person';

/** A household that passed every check that needs no database, with its rows, versions and dedup keys derived. */
interface PreparedHousehold {
  ref: string;
  lines: number[];
  rows: CsvRow[];
  input: HouseholdInput;
  household: NewHousehold;
  /** What the household's first version records. */
  version: Record<string, unknown>;
  members: PreparedMember[];
}

interface PreparedMember {
  row: NewPerson;
  /** What the person's first version records. */
  version: Record<string, unknown>;
  attributes: Record<string, unknown>;
  probe: BatchProbe;
}

/**
 * Imports a persons CSV (see csv-columns.ts). Good households are written in batches,
 * one transaction each holding everything the batch creates: households, persons,
 * their first versions, their blocking keys, the pairs the duplicate search queued and
 * an audit entry for every record. A household with a bad row is rejected whole, with
 * every line and the reason, and the import goes on. A `household_ref` already
 * imported is skipped, so running the same file twice creates nothing twice.
 *
 * Set-based: each table gets one statement per batch, and the duplicate search one
 * lookup per batch. Pipelined: while a batch commits, the next one is resolved and the
 * one after read and prepared. Streams: memory holds about three batches.
 */
export async function importPersons(ctx: AppContext, source: Readable, options: ImportOptions): Promise<ImportResult> {
  const batchSize = options.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new DomainError('VALIDATION_FAILED', `the batch size must be a whole number of households, at least 1 (not ${options.batchSize})`);
  const parishes = await parishCodes(ctx.db);
  const catalogue = new Map<string, AttributeDefinition | null>();
  const result: ImportResult = { rows: 0, households: 0, persons: 0, rejectedRows: 0, alreadyImported: 0, duplicatePairs: 0, rejected: [] };
  const reject = (lines: number[], rows: CsvRow[], reason: string) => {
    lines.forEach((line, i) => {
      const r = { line, reason, row: rows[i] ?? {} };
      result.rejectedRows++;
      if (result.rejected.length < MAX_REJECTED_KEPT) result.rejected.push(r);
      options.onRejected?.(r);
    });
  };

  let batch: PreparedHousehold[] = [];
  // Three stages overlap: while batch N is committed (the database's work), batch N+1
  // is resolved — looked up and compared with the registry, and with N still in memory —
  // and the next one is read and prepared (the process's work). Commits happen one at a
  // time and in order, so a batch never commits before a batch its records may name.
  let previous: ResolvedBatch | undefined;
  let committing: Promise<void> = Promise.resolve();
  const submit = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    // Resolved while `previous` may still be committing: it sees the batches before that one in the database.
    const resolved = await resolveBatch(ctx, current, previous, options, result, reject);
    await committing;
    committing = commitBatch(ctx, resolved, options, result);
    committing.catch(() => {}); // awaited at the next submit or at the end; no unhandled rejection meanwhile
    previous = resolved;
  };

  try {
    for await (const records of readHouseholds(source)) {
      for (const record of records) {
        result.rows += record.rows.length;
        if (!record.ok) {
          reject(record.lines, record.rows, record.reason);
          continue;
        }
        const prepared = await prepareHousehold(ctx, options.actor, record, parishes, catalogue);
        if ('problem' in prepared) {
          reject(record.lines, record.rows, prepared.problem);
          continue;
        }
        batch.push(prepared);
        if (batch.length >= batchSize) await submit();
      }
    }
    await submit();
    await committing;
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) {
      await committing.catch(() => {});
      throw error;
    }
    // Nothing after this point can be read; what was read before it is kept, and a rerun of the corrected file skips it.
    try {
      await submit();
      await committing;
    } catch (failure) {
      await committing.catch(() => {});
      throw failure;
    }
    const kept = result.households === 1 ? '1 household was' : `${result.households} households were`;
    throw new DomainError('VALIDATION_FAILED', `the file is not valid CSV (${kept} imported before this): ${error.message}`);
  }
  result.rejected.sort((a, b) => a.line - b.line);
  // The import as one act, beside the entry of every record it wrote.
  await writeAuditBatch(ctx.db, [
    {
      actor: options.actor,
      purpose: 'enrolment',
      action: 'registry.imported',
      summary: { rows: result.rows, households: result.households, persons: result.persons, alreadyImported: result.alreadyImported, rejectedRows: result.rejectedRows, duplicatePairs: result.duplicatePairs },
      requestId: options.requestId,
    },
  ]);
  return result;
}

const progressOf = (r: ImportResult): ImportProgress => ({ rows: r.rows, households: r.households, persons: r.persons, rejectedRows: r.rejectedRows });

/**
 * Checks what needs no database (parish, scope, one head, catalogue attributes — the
 * catalogue is read once per attribute) and derives ids, name keys and hashed
 * blocking and search keys. Introducers are checked when the batch is written.
 */
async function prepareHousehold(
  ctx: AppContext,
  actor: RegistryActor,
  record: { ref: string; lines: number[]; rows: CsvRow[]; input: HouseholdInput },
  parishes: Set<string>,
  catalogue: Map<string, AttributeDefinition | null>,
): Promise<PreparedHousehold | { problem: string }> {
  const h = record.input;
  if (!parishes.has(h.regionCode)) return { problem: `region_code ${h.regionCode} is not a parish of the country's divisions` };
  if (!coversRegion(actor.regionScopes, h.regionCode)) return { problem: `region ${h.regionCode} is outside your scope` };
  let heads = 0;
  for (const m of h.members) if (m.relationship === 'head') heads++;
  if (heads !== 1) return { problem: `a household has exactly one head; this one has ${heads}` };
  const attributes: Record<string, unknown>[] = [];
  for (const m of h.members) {
    try {
      attributes.push(await validatePersonAttributes(ctx.db, m.attributes, 'attributes', catalogue));
    } catch (error) {
      if (error instanceof DomainError) return { problem: error.message };
      throw error;
    }
  }
  const household: NewHousehold = {
    id: randomUUID(),
    region_code: h.regionCode,
    address: JSON.stringify(h.address),
    distribution_point: h.distributionPoint,
    version: 1,
    external_ref: `import:${record.ref}`,
  };
  const householdId = household.id;
  const address = addressKey(h.regionCode, h.address);
  const members = h.members.map((m, i): PreparedMember => {
    const id = randomUUID();
    const person = { ...dedupPersonOf(m, { id, householdId, regionCode: h.regionCode }), addressKey: address, id };
    // Index and search keys overlap: each distinct key is hashed once.
    const hashed = new Map<string, number>();
    const hashOf = (key: string) => {
      let k = hashed.get(key);
      if (k === undefined) hashed.set(key, (k = hashKey(key)));
      return k;
    };
    // The same rows as blockingRowsOf: the distinct hashes of the blocking keys.
    const indexKeys = [...new Set(blockingKeys(person).map(hashOf))];
    const search = [...new Set(searchKeys(person).map(hashOf))];
    const personRef = record.rows[i]?.person_ref;
    const row = newPersonRow(
      m,
      { id, householdId, regionCode: h.regionCode, externalRef: personRef ? `import:p:${personRef}` : `import:${record.ref}/${i}` },
      { attributes: attributes[i]!, nameKeys: indexKeysOf(person) },
    );
    return { row, version: personData(row), attributes: attributes[i]!, probe: { person, indexKeys, searchKeys: search } };
  });
  return { ref: record.ref, lines: record.lines, rows: record.rows, input: h, household, version: householdData(household), members };
}

/** A batch checked against the database and ready to commit: its rows, pairs and audit entries. */
interface ResolvedBatch {
  households: NewHousehold[];
  householdVersions: Record<string, unknown>[];
  persons: NewPerson[];
  personVersions: Record<string, unknown>[];
  /** Hashed blocking keys and, at the same index, the person each belongs to. */
  keys: number[];
  keyOwners: string[];
  pairs: NewDedupPair[];
  audit: AuditRecord[];
  probes: BatchProbe[];
  /** person_ref → id of the persons written, for introducers named in the next batch. */
  refs: Map<string, string>;
  ids: Set<string>;
}

/**
 * Checks a batch against the database and finishes its rows: skips households already
 * imported, resolves and checks introducers, and searches duplicates against the
 * registry and within the batch. `previous` is the batch before it, which may not be
 * committed yet: its persons count as registered and are compared from memory.
 * Writes nothing.
 */
async function resolveBatch(
  ctx: AppContext,
  households: PreparedHousehold[],
  previous: ResolvedBatch | undefined,
  options: ImportOptions,
  result: ImportResult,
  reject: (lines: number[], rows: CsvRow[], reason: string) => void,
): Promise<ResolvedBatch> {
  const seen = await existingRefs(ctx.db, households.map((h) => `import:${h.ref}`));
  let accepted = households.filter((h) => !seen.has(`import:${h.ref}`));
  result.alreadyImported += households.length - accepted.length;

  // Introducers named by person_ref: a person of this batch, of the one before, or imported earlier.
  const batchRefs = new Map<string, string>();
  for (const h of accepted) h.rows.forEach((row, i) => row.person_ref && batchRefs.set(row.person_ref, h.members[i]!.row.id));
  const refOf = (ref: string) => batchRefs.get(ref) ?? previous?.refs.get(ref);
  const named = new Set<string>();
  for (const h of accepted) for (const row of h.rows) if (row.introducer_ref && !refOf(row.introducer_ref)) named.add(`import:p:${row.introducer_ref}`);
  const earlier = await personIdsByRefs(ctx.db, [...named]);
  for (const h of accepted) {
    h.rows.forEach((row, i) => {
      if (!row.introducer_ref) return;
      const id = refOf(row.introducer_ref) ?? earlier.get(`import:p:${row.introducer_ref}`);
      if (!id) return;
      const input = h.input.members[i]!;
      for (const e of input.evidence) if (e.kind === 'introducer') e.introducerId = id;
      const m = h.members[i]!;
      m.row = newPersonRow(input, { id: m.row.id, householdId: h.household.id, regionCode: h.input.regionCode, externalRef: m.row.external_ref ?? null }, { attributes: m.attributes, nameKeys: m.row.dedup_keys ?? [] });
      m.version = personData(m.row);
    });
  }
  const introducerIds = (h: PreparedHousehold) => h.input.members.flatMap((m) => m.evidence.flatMap((e) => (e.kind === 'introducer' ? [e.introducerId] : [])));
  const inBatch = new Set(accepted.flatMap((h) => h.members.map((m) => m.row.id)));
  const registered = await activePersonIds(ctx.db, [...new Set(accepted.flatMap(introducerIds))].filter((id) => !inBatch.has(id) && !previous?.ids.has(id)));
  for (const id of previous?.ids ?? []) registered.add(id);
  // An introducer from this batch counts only if their own household is written: drop
  // households until every introducer is registered or stays in the batch.
  for (;;) {
    const members = new Set(accepted.flatMap((h) => h.members.map((m) => m.row.id)));
    const next = accepted.filter((h) => introducerIds(h).every((id) => registered.has(id) || members.has(id)));
    if (next.length === accepted.length) break;
    for (const h of accepted) if (!next.includes(h)) reject(h.lines, h.rows, INTRODUCER_PROBLEM);
    accepted = next;
  }

  const resolved: ResolvedBatch = { households: [], householdVersions: [], persons: [], personVersions: [], keys: [], keyOwners: [], pairs: [], audit: [], probes: [], refs: new Map(), ids: new Set() };
  const audit = { actor: options.actor, purpose: 'enrolment' as const, requestId: options.requestId };
  for (const h of accepted) {
    const householdId = h.household.id;
    resolved.households.push(h.household);
    resolved.householdVersions.push(h.version);
    resolved.audit.push({ ...audit, action: 'registry.household_enrolled', subject: { type: 'household', id: householdId }, summary: { members: h.members.length, source: 'import' } });
    h.members.forEach((m, i) => {
      const id = m.row.id;
      resolved.persons.push(m.row);
      resolved.personVersions.push(m.version);
      for (const k of m.probe.indexKeys) {
        resolved.keys.push(k);
        resolved.keyOwners.push(id);
      }
      resolved.probes.push(m.probe);
      resolved.ids.add(id);
      const ref = h.rows[i]?.person_ref;
      if (ref) resolved.refs.set(ref, id);
      resolved.audit.push({ ...audit, action: 'registry.person_enrolled', subject: { type: 'person', id }, summary: { householdId, source: 'import' } });
    });
  }
  if (options.dedup !== false && resolved.probes.length > 0) {
    const pairs = await findBatchPairs(ctx.db, resolved.probes, previous?.probes ?? []);
    resolved.pairs = pairs.map((p) => ({ id: randomUUID(), person_a: p.a, person_b: p.b, score: p.score, reasons: JSON.stringify(p.reasons), source: 'import' as const }));
  }
  return resolved;
}

/** Writes a resolved batch in one transaction, one statement per table, and reports progress. */
async function commitBatch(ctx: AppContext, batch: ResolvedBatch, options: ImportOptions, result: ImportResult): Promise<void> {
  if (batch.households.length > 0) {
    const by = { reason: 'import', changedBy: options.actor.id, changedByName: options.actor.name };
    const queued = await ctx.db.transaction().execute(async (tx) => {
      await insertHouseholdsSet(tx, batch.households, batch.householdVersions, by);
      await insertPersonsSet(tx, batch.persons, batch.personVersions, by);
      await insertBlockingKeysSet(tx, batch.keys, batch.keyOwners);
      const inserted = await insertDedupPairsBulk(tx, batch.pairs);
      await writeAuditBatch(tx, batch.audit);
      return inserted;
    });
    result.households += batch.households.length;
    result.persons += batch.persons.length;
    result.duplicatePairs += queued;
  }
  options.onProgress?.(progressOf(result));
}
