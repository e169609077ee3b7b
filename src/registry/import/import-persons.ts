import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../app-context.ts';
import { writeAuditBatch, type AuditRecord } from '../../audit/write-audit.ts';
import { coversRegion } from '../../auth/roles.ts';
import { DomainError } from '../../shared/domain-error.ts';
import type { RegistryActor } from '../enrol-household.ts';
import { blockingRowsOf, dedupPersonOf, findPairsForMany, indexKeysOf } from '../find-duplicates.ts';
import { insertBlockingKeys } from '../store.ts';
import type { AttributeDefinition } from '../catalogue/attribute-definition.ts';
import { validatePersonAttributes } from '../person-attributes.ts';
import { newPersonRow } from '../person-row.ts';
import type { HouseholdInput } from '../schemas.ts';
import type { NewHousehold, NewPerson } from '../store.ts';
import { activePersonIds, existingRefs, insertDedupPairsBulk, insertHouseholdsBulk, parishCodes, personIdsByRefs } from './import-store.ts';
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

/**
 * Imports a persons CSV (see csv-columns.ts). Good households are written in batches
 * (one transaction each, with their versions and audit entries); a household with a
 * bad row is rejected whole, with every line and the reason, and the import goes on.
 * A `household_ref` already imported is skipped, so running the same file twice
 * creates nothing twice. Each batch is then compared with the registry and the
 * possible duplicates go to the review queue. Streams: memory does not grow with the file.
 */
export async function importPersons(ctx: AppContext, source: Readable, options: ImportOptions): Promise<ImportResult> {
  const batchSize = options.batchSize ?? 1000;
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
  let batch: { ref: string; lines: number[]; rows: CsvRow[]; input: HouseholdInput }[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    const seen = await existingRefs(ctx.db, current.map((h) => `import:${h.ref}`));
    const fresh = current.filter((h) => !seen.has(`import:${h.ref}`));
    result.alreadyImported += current.length - fresh.length;
    // Persons named by person_ref in this batch, and introducers named by introducer_ref.
    const batchRefs = new Map<string, string>();
    for (const h of fresh) h.rows.forEach((row) => row.person_ref && batchRefs.set(row.person_ref, randomUUID()));
    const introducerRefs = [...new Set(fresh.flatMap((h) => h.rows.flatMap((row) => (row.introducer_ref ? [row.introducer_ref] : []))))];
    const earlier = await personIdsByRefs(ctx.db, introducerRefs.filter((r) => !batchRefs.has(r)).map((r) => `import:p:${r}`));
    for (const h of fresh) {
      h.rows.forEach((row, i) => {
        if (!row.introducer_ref) return;
        const id = batchRefs.get(row.introducer_ref) ?? earlier.get(`import:p:${row.introducer_ref}`);
        for (const e of h.input.members[i]!.evidence) if (e.kind === 'introducer' && id) e.introducerId = id;
      });
    }
    const introducers = await activePersonIds(
      ctx.db,
      fresh.flatMap((h) => h.input.members.flatMap((m) => m.evidence.flatMap((e) => (e.kind === 'introducer' ? [e.introducerId] : [])))),
    );
    for (const id of batchRefs.values()) introducers.add(id);
    const households: NewHousehold[] = [];
    const persons: NewPerson[] = [];
    const audit: AuditRecord[] = [];
    const dedupProbes: Parameters<typeof findPairsForMany>[1] = [];
    for (const h of fresh) {
      const checked = await checkHousehold(ctx, options.actor, h.input, parishes, introducers, catalogue);
      if ('problem' in checked) {
        reject(h.lines, h.rows, checked.problem);
        continue;
      }
      const householdId = randomUUID();
      households.push({
        id: householdId,
        region_code: h.input.regionCode,
        address: JSON.stringify(h.input.address),
        distribution_point: h.input.distributionPoint,
        version: 1,
        external_ref: `import:${h.ref}`,
      });
      audit.push({ actor: options.actor, purpose: 'enrolment', action: 'registry.household_enrolled', subject: { type: 'household', id: householdId }, summary: { members: h.input.members.length, source: 'import' }, requestId: options.requestId });
      for (const [i, m] of h.input.members.entries()) {
        const personRef = h.rows[i]?.person_ref;
        const id = (personRef && batchRefs.get(personRef)) || randomUUID();
        const probe = { ...dedupPersonOf(m, { id, householdId, regionCode: h.input.regionCode, address: h.input.address }), id };
        dedupProbes.push(probe);
        persons.push(
          newPersonRow(
            m,
            { id, householdId, regionCode: h.input.regionCode, externalRef: personRef ? `import:p:${personRef}` : `import:${h.ref}/${i}` },
            { attributes: checked.attributes[i]!, nameKeys: indexKeysOf(probe) },
          ),
        );
        audit.push({ actor: options.actor, purpose: 'enrolment', action: 'registry.person_enrolled', subject: { type: 'person', id }, summary: { householdId, source: 'import' }, requestId: options.requestId });
      }
    }
    if (households.length) {
      await ctx.db.transaction().execute(async (tx) => {
        await insertHouseholdsBulk(tx, households, persons, { reason: 'import', changedBy: options.actor.id, changedByName: options.actor.name });
        await insertBlockingKeys(tx, dedupProbes.flatMap(blockingRowsOf));
        await writeAuditBatch(tx, audit);
      });
      result.households += households.length;
      result.persons += persons.length;
      if (options.dedup !== false) {
        const pairs = await findPairsForMany(ctx.db, dedupProbes);
        result.duplicatePairs += await insertDedupPairsBulk(
          ctx.db,
          pairs.map((p) => ({ id: randomUUID(), person_a: p.a, person_b: p.b, score: p.score, reasons: JSON.stringify(p.reasons), source: 'import' as const })),
        );
      }
    }
    options.onProgress?.(progressOf(result));
  };

  try {
    for await (const record of readHouseholds(source)) {
      result.rows += record.rows.length;
      if (!record.ok) {
        reject(record.lines, record.rows, record.reason);
        continue;
      }
      batch.push(record);
      if (batch.length >= batchSize) await flush();
    }
  } catch (error) {
    // csv-parse's errors (unclosed quote, wrong column count) carry a CSV_ code and the line.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('CSV_')) {
      throw new DomainError('VALIDATION_FAILED', `the file is not valid CSV (${result.households} households were imported before this): ${(error as Error).message}`);
    }
    throw error;
  }
  await flush();
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

/** The household's problem, or its members' attributes checked against the catalogue (kept, so they are checked once). */
async function checkHousehold(
  ctx: AppContext,
  actor: RegistryActor,
  h: HouseholdInput,
  parishes: Set<string>,
  introducers: Set<string>,
  catalogue: Map<string, AttributeDefinition | null>,
): Promise<{ problem: string } | { attributes: Record<string, unknown>[] }> {
  if (!parishes.has(h.regionCode)) return { problem: `region_code ${h.regionCode} is not a parish of the country's divisions` };
  if (!coversRegion(actor.regionScopes, h.regionCode)) return { problem: `region ${h.regionCode} is outside your scope` };
  const heads = h.members.filter((m) => m.relationship === 'head').length;
  if (heads !== 1) return { problem: `a household has exactly one head; this one has ${heads}` };
  const attributes: Record<string, unknown>[] = [];
  for (const m of h.members) {
    for (const e of m.evidence) if (e.kind === 'introducer' && !introducers.has(e.introducerId)) return { problem: 'the introducer must be a registered, active person' };
    try {
      attributes.push(await validatePersonAttributes(ctx.db, m.attributes, 'attributes', catalogue));
    } catch (error) {
      if (error instanceof DomainError) return { problem: error.message };
      throw error;
    }
  }
  return { attributes };
}
