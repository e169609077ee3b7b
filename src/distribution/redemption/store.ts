import { sql, type Insertable, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ProgramSector, ProgramUnit, BenefitKind } from '../../programs/program-kinds.ts';
import type { RedemptionTable } from './tables.ts';

/**
 * The SQL of redemption. The hot path of a redemption reads once (card holder and the
 * entitlement's context, side by side) and writes in one transaction: posting,
 * redemption row, audit entry, SMS.
 */

export interface CardHolderRow {
  card_number: string;
  person_id: string;
  expires_at: Date;
  revoked_at: Date | null;
  revocation_reason: string | null;
  person_status: string;
  household_id: string;
  phone: string | null;
  region_code: string;
}

/** The card and the person it was issued to (with their household), whatever their status. */
export async function findCardHolder(db: Db, cardNumber: string): Promise<CardHolderRow | undefined> {
  return db
    .selectFrom('card')
    .innerJoin('person', 'person.id', 'card.person_id')
    .select(['card.card_number', 'card.person_id', 'card.expires_at', 'card.revoked_at', 'card.revocation_reason', 'person.status as person_status', 'person.household_id', 'person.phone', 'person.region_code'])
    .where('card.card_number', '=', cardNumber)
    .executeTakeFirst();
}

/** A person by id, as a card holder without a card (identification by an official's search). */
export async function findPersonHolder(db: Db, personId: string): Promise<Omit<CardHolderRow, 'card_number' | 'expires_at' | 'revoked_at' | 'revocation_reason'> | undefined> {
  return db
    .selectFrom('person')
    .select(['person.id as person_id', 'person.status as person_status', 'person.household_id', 'person.phone', 'person.region_code'])
    .where('person.id', '=', personId)
    .executeTakeFirst();
}

export interface ServedCycleRow {
  cycle_id: string;
  period: string;
  valid_from: string;
  valid_until: string;
  price_per_unit: string;
  program_code: string;
  name_es: string;
  name_en: string;
  sector: ProgramSector;
  unit: ProgramUnit;
  benefit_kind: BenefitKind;
  measure: string;
  item_es: string;
  currency: string;
  partial_pickups: boolean;
}

const servedCycleColumns = sql`c.id AS cycle_id, c.period, c.valid_from::text AS valid_from, c.valid_until::text AS valid_until, c.price_per_unit::text AS price_per_unit,
  p.code AS program_code, p.name_es, p.name_en, p.sector, p.unit, p.benefit_kind, p.measure, p.item_es, p.currency, p.partial_pickups`;

/** The open cycles valid on `today` of the programs that list the point. */
export async function servedCycles(db: Db, pointCode: string, today: string): Promise<ServedCycleRow[]> {
  const { rows } = await sql<ServedCycleRow>`SELECT ${servedCycleColumns}
    FROM cycle c JOIN program p ON p.id = c.program_id
    WHERE c.status = 'open' AND c.valid_from <= ${today}::date AND c.valid_until >= ${today}::date
      AND p.distribution_points @> ARRAY[${pointCode}]::text[]
    ORDER BY p.code, c.period`.execute(db);
  return rows;
}

export interface EntitlementAtPoint {
  cycle_id: string;
  subject: string;
  quantity: string;
  taken: string;
}

/** The entitlements among (cycle, subject) pairs that belong to the point, with what was already taken. */
export async function entitlementsAtPoint(db: Db, pointCode: string, pairs: readonly { cycleId: string; subject: string }[]): Promise<EntitlementAtPoint[]> {
  if (pairs.length === 0) return [];
  const { rows } = await sql<EntitlementAtPoint>`SELECT e.cycle_id, e.subject, e.quantity::text AS quantity,
      coalesce((SELECT sum(r.quantity) FROM redemption r WHERE r.cycle_id = e.cycle_id AND r.subject = e.subject), 0)::numeric(16,3)::text AS taken
    FROM entitlement e
    WHERE e.distribution_point = ${pointCode}
      AND (e.cycle_id, e.subject) IN (${sql.join(pairs.map((p) => sql`(${p.cycleId}::uuid, ${p.subject})`))})`.execute(db);
  return rows;
}

export interface PickupRow {
  id: string;
  receipt_no: string;
  cycle_id: string;
  subject: string;
  pickup: number;
  quantity: string;
  redeemed_at: Date;
  point_code: string;
  terminal_label: string | null;
}

/** Every pickup of the entitlements, in order. */
export async function pickupsOf(db: Db, pairs: readonly { cycleId: string; subject: string }[]): Promise<PickupRow[]> {
  if (pairs.length === 0) return [];
  const { rows } = await sql<PickupRow>`SELECT r.id, r.receipt_no::text AS receipt_no, r.cycle_id, r.subject, r.pickup, r.quantity::text AS quantity, r.redeemed_at, r.point_code, t.label AS terminal_label
    FROM redemption r LEFT JOIN terminal t ON t.id = r.terminal_id
    WHERE (r.cycle_id, r.subject) IN (${sql.join(pairs.map((p) => sql`(${p.cycleId}::uuid, ${p.subject})`))})
    ORDER BY r.cycle_id, r.subject, r.pickup`.execute(db);
  return rows;
}

/**
 * Everything a redemption decides on, in one read: the cycle and program (NULL columns
 * when there is no such cycle), the entitlement at any point, what was taken, the last
 * pickup, the point's name, a redemption that already has this id, and the card with
 * its holder (`card_*`, NULL when no card has the number or none was given).
 */
export interface RedemptionContext extends Omit<ServedCycleRow, 'cycle_id'> {
  cycle_id: string | null;
  cycle_status: string;
  served_here: boolean;
  entitled: string | null;
  entitlement_point: string | null;
  pickups: number;
  taken: string;
  last_redeemed_at: Date | null;
  last_point_code: string | null;
  last_terminal_label: string | null;
  point_name: string | null;
  existing_id: string | null;
  existing_hash: Buffer | null;
  card_number: string | null;
  card_person_id: string | null;
  card_expires_at: Date | null;
  card_revoked_at: Date | null;
  card_revocation_reason: string | null;
  card_person_status: string | null;
  card_household_id: string | null;
  card_phone: string | null;
  card_region_code: string | null;
}

/** The card holder's columns of a RedemptionContext, as findCardHolder answers them; undefined when there is no card. */
export const cardHolderOf = (c: RedemptionContext): CardHolderRow | undefined =>
  c.card_number === null
    ? undefined
    : {
        card_number: c.card_number,
        person_id: c.card_person_id!,
        expires_at: c.card_expires_at!,
        revoked_at: c.card_revoked_at,
        revocation_reason: c.card_revocation_reason,
        person_status: c.card_person_status!,
        household_id: c.card_household_id!,
        phone: c.card_phone,
        region_code: c.card_region_code!,
      };

export async function redemptionContext(db: Db, q: { id: string; cycleId: string; subject: string; pointCode: string; cardNumber: string | null }): Promise<RedemptionContext> {
  const { rows } = await sql<RedemptionContext>`SELECT ${servedCycleColumns}, c.status AS cycle_status,
      p.distribution_points @> ARRAY[${q.pointCode}]::text[] AS served_here,
      e.quantity::text AS entitled, e.distribution_point AS entitlement_point,
      coalesce(s.pickups, 0)::int AS pickups, coalesce(s.taken, 0)::numeric(16,3)::text AS taken,
      l.redeemed_at AS last_redeemed_at, l.point_code AS last_point_code, l.label AS last_terminal_label,
      (SELECT name FROM distribution_point WHERE code = ${q.pointCode}) AS point_name,
      x.id AS existing_id, x.request_hash AS existing_hash,
      h.card_number, h.person_id AS card_person_id, h.expires_at AS card_expires_at, h.revoked_at AS card_revoked_at, h.revocation_reason AS card_revocation_reason,
      h.status AS card_person_status, h.household_id AS card_household_id, h.phone AS card_phone, h.region_code AS card_region_code
    FROM (VALUES (1)) AS one (x)
    LEFT JOIN (cycle c JOIN program p ON p.id = c.program_id) ON c.id = ${q.cycleId}::uuid
    LEFT JOIN entitlement e ON e.cycle_id = c.id AND e.subject = ${q.subject}
    LEFT JOIN LATERAL (SELECT count(*) AS pickups, sum(quantity) AS taken FROM redemption WHERE cycle_id = c.id AND subject = ${q.subject}) s ON true
    LEFT JOIN LATERAL (SELECT r.redeemed_at, r.point_code, t.label FROM redemption r LEFT JOIN terminal t ON t.id = r.terminal_id
                       WHERE r.cycle_id = c.id AND r.subject = ${q.subject} ORDER BY r.pickup DESC LIMIT 1) l ON true
    LEFT JOIN redemption x ON x.id = ${q.id}::uuid
    LEFT JOIN LATERAL (SELECT k.card_number, k.person_id, k.expires_at, k.revoked_at, k.revocation_reason, pe.status, pe.household_id, pe.phone, pe.region_code
                       FROM card k JOIN person pe ON pe.id = k.person_id WHERE k.card_number = ${q.cardNumber}) h ON true`.execute(db);
  return rows[0]!;
}

/** The next receipt number, taken ahead of the redemption's INSERT (its audit entry and SMS name it). */
export const nextReceiptNo = sql<number>`nextval(pg_get_serial_sequence('redemption', 'receipt_no'))`;

/** What is written with a redemption, only when its row is: each a data-modifying statement given the condition "the row was inserted". */
export interface WrittenWith {
  audit: (inserted: RawBuilder<boolean>) => RawBuilder<unknown>;
  sms: ((inserted: RawBuilder<boolean>) => RawBuilder<unknown>) | undefined;
}

/**
 * A redemption with its audit entry and SMS, in one statement (data-modifying CTEs).
 * The row's INSERT is ON CONFLICT DO NOTHING with no target, so that both its id (the
 * same request again) and UNIQUE (cycle_id, subject, pickup) (a concurrent pickup of
 * the same entitlement) make it insert nothing instead of failing; `receipt_no` comes
 * from `nextReceiptNo`. The audit entry and the SMS are written only when the row is.
 * Answers the row's time (null: nothing inserted) and whether the audit entry was
 * written (its guard may find the chain head stale).
 */
export function redemptionWithRecords(row: Insertable<RedemptionTable> & { receipt_no: number }, w: WrittenWith) {
  const inserted = sql<boolean>`EXISTS (SELECT 1 FROM r)`;
  return sql<{ recorded_at: Date | null; audited: boolean }>`WITH r AS (
      INSERT INTO redemption (id, receipt_no, cycle_id, subject, pickup, quantity, remaining, point_code, terminal_id, agent_id, agent_name, card_number, identified_by,
        redeemed_at, offline, currency, price_per_unit, amount, payment_method, payment_reference, posting_id, request_hash, device_signature)
      OVERRIDING SYSTEM VALUE
      VALUES (${row.id}::uuid, ${row.receipt_no}::bigint, ${row.cycle_id}::uuid, ${row.subject}, ${row.pickup}::smallint, ${row.quantity}::numeric, ${row.remaining}::numeric,
        ${row.point_code}, ${row.terminal_id ?? null}::uuid, ${row.agent_id ?? null}::uuid, ${row.agent_name}, ${row.card_number ?? null}, ${row.identified_by},
        ${row.redeemed_at}::timestamptz, ${row.offline}, ${row.currency}, ${row.price_per_unit}::numeric, ${row.amount}::numeric, ${row.payment_method}, ${row.payment_reference ?? null},
        ${row.posting_id ?? null}::uuid, ${row.request_hash}::bytea, ${row.device_signature ?? null}::bytea)
      ON CONFLICT DO NOTHING
      RETURNING recorded_at
    ), a AS (${w.audit(inserted)}), n AS (${w.sms ? w.sms(inserted) : sql`SELECT 1`})
    SELECT (SELECT recorded_at FROM r) AS recorded_at, EXISTS (SELECT 1 FROM a) AS audited`;
}

export async function insertRedemptionWithRecords(tx: Db, row: Insertable<RedemptionTable> & { receipt_no: number }, w: WrittenWith) {
  const { rows } = await redemptionWithRecords(row, w).execute(tx);
  return rows[0]!;
}

export interface ReceiptRow {
  id: string;
  receipt_no: string;
  cycle_id: string;
  subject: string;
  period: string;
  program_code: string;
  name_es: string;
  name_en: string;
  quantity: string;
  remaining: string;
  amount: string;
  currency: string;
  payment_method: 'cash' | 'mobile' | 'none';
  payment_reference: string | null;
  point_code: string;
  point_name: string;
  terminal_label: string | null;
  redeemed_at: Date;
  recorded_at: Date;
  agent_name: string;
  offline: boolean;
  request_hash: Buffer;
  sms_queued: boolean;
}

/** A redemption as its receipt shows it. */
export async function findReceipt(db: Db, id: string): Promise<ReceiptRow | undefined> {
  const { rows } = await sql<ReceiptRow>`SELECT r.id, r.receipt_no::text AS receipt_no, r.cycle_id, r.subject, c.period, p.code AS program_code, p.name_es, p.name_en,
      r.quantity::text AS quantity, r.remaining::text AS remaining, r.amount::text AS amount, r.currency, r.payment_method, r.payment_reference,
      r.point_code, dp.name AS point_name, t.label AS terminal_label, r.redeemed_at, r.recorded_at, r.agent_name, r.offline, r.request_hash,
      EXISTS (SELECT 1 FROM notification n WHERE n.about_type = 'redemption' AND n.about_id = r.id::text) AS sms_queued
    FROM redemption r JOIN cycle c ON c.id = r.cycle_id JOIN program p ON p.id = c.program_id
    JOIN distribution_point dp ON dp.code = r.point_code LEFT JOIN terminal t ON t.id = r.terminal_id
    WHERE r.id = ${id}::uuid`.execute(db);
  return rows[0];
}

/** Whether the official is, or was, assigned to the point (an offline agent's record is accepted for either). */
export async function wasAssigned(db: Db, pointCode: string, officialId: string): Promise<{ name: string } | undefined> {
  return db
    .selectFrom('distribution_point_agent as a')
    .innerJoin('official as o', 'o.id', 'a.official_id')
    .select('o.display_name as name')
    .where('a.point_code', '=', pointCode)
    .where('a.official_id', '=', officialId)
    .limit(1)
    .executeTakeFirst();
}

export const pointRegion = (db: Db, pointCode: string) => db.selectFrom('distribution_point').select(['region_code', 'name']).where('code', '=', pointCode).executeTakeFirst();
