import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../src/audit/write-audit.ts';
import { issueFirstCards } from '../../src/credentials/issue-cards-in-bulk.ts';
import { runCycle } from '../../src/cycles/run-cycle.ts';
import type { RedemptionRecord } from '../../src/distribution/protocol/terminal-protocol.ts';
import { changeProgramStatus } from '../../src/programs/change-program-status.ts';
import { createProgram } from '../../src/programs/create-program.ts';
import type { ProgramDefinition } from '../../src/programs/program-definition.ts';
import { todayUtc } from '../../src/programs/program-definition.ts';
import { publishRule } from '../../src/programs/publish-rule.ts';
import { installDefaultCatalogue } from '../../src/registry/catalogue/default-catalogue.ts';
import type { AppContext } from '../../src/app-context.ts';
import type { TestApp } from '../support/app.ts';
import { signedIn } from '../support/officials.ts';
import { setUpTerminal, signRecord, signedInject, type TestTerminal } from '../support/terminal-client.ts';

/** The installation itself, as the demo seed acts: may back-date a first rule to the month's first day (test mode). */
export const SYSTEM = { ...SYSTEM_ACTOR, programScopes: ['*'], regionScopes: ['*'] };
export const thisMonth = todayUtc().slice(0, 7);

export const definition = (code: string, o: { sector: string; unit: string; measure: string; points: string[]; partialPickups?: boolean }): ProgramDefinition => ({
  code,
  name: { es: `Programa ${code}`, en: `Program ${code}` },
  description: { es: 'programa de prueba', en: 'test program' },
  sector: o.sector as ProgramDefinition['sector'],
  unit: o.unit as ProgramDefinition['unit'],
  benefitKind: 'in_kind',
  item: { es: 'beneficio', en: 'benefit' },
  measure: o.measure,
  currency: 'XAM',
  frequency: 'monthly',
  distributionPoints: o.points,
  partialPickups: o.partialPickups ?? false,
});

/** Defines, rules (from the first of this month) and activates a program, then runs this month's cycle; answers the cycle id. */
export async function programWithCycle(ctx: AppContext, def: ProgramDefinition, rule: { eligibility: string; quantity: string; pricePerUnit: string }) {
  const first = `${thisMonth}-01`;
  await createProgram(ctx, SYSTEM, { ...def, reason: 'programa de prueba' });
  await publishRule(ctx, SYSTEM, def.code, { expectedRuleVersion: 0, ...rule, costPerUnit: '1000.00', budgetPerCycle: '99999999999.00', validFrom: first, reason: 'regla de prueba' }, { demoFirstRuleFrom: first });
  await changeProgramStatus(ctx, SYSTEM, def.code, 'activate', { expectedVersion: 1, reason: 'en operación' });
  const run = await runCycle(ctx, SYSTEM, def.code, thisMonth);
  if (run.cycle.status !== 'open') throw new Error(`cycle of ${def.code} is ${run.cycle.status}`);
  const row = await ctx.db.selectFrom('cycle').innerJoin('program', 'program.id', 'cycle.program_id').select('cycle.id').where('program.code', '=', def.code).where('cycle.period', '=', thisMonth).executeTakeFirstOrThrow();
  return row.id;
}

const member = (relationship: string, givenNames: string, familyNames: string, birth: string, document: string, extra: Record<string, unknown> = {}) => ({
  relationship,
  givenNames,
  familyNames,
  sex: 'F',
  birthDate: { value: birth },
  attributes: {},
  evidence: [{ kind: 'document', type: 'national_id', number: document }],
  ...extra,
});

export interface Fixture {
  terminal: TestTerminal;
  /** A second enrolled terminal of the same point (another device, another agent). */
  second: TestTerminal;
  /** A terminal of another point in the same region. */
  elsewhere: TestTerminal;
  /** Household name → its members' card numbers (head first). */
  cards: Record<string, string[]>;
  households: Record<string, string>;
  foodCycle: string;
  fuelCycle: string;
}

/**
 * A point with two terminals, another point, four households of the point (one with a
 * phone, one of another point), cards for everyone, a household food program (whole
 * pickups, 25,000.00 a box) and a person fuel program (partial pickups, 0.45 a litre,
 * 40 litres to each vehicle owner), with this month's cycles run.
 */
export async function distributionFixture(t: TestApp): Promise<Fixture> {
  const terminal = await setUpTerminal(t, { regionCode: 'AN-01' });
  const second = await setUpTerminal(t, { regionCode: 'AN-01', pointCode: terminal.pointCode, admin: terminal.admin, label: 'Tablet 2' });
  const elsewhere = await setUpTerminal(t, { regionCode: 'AN-01', admin: terminal.admin });
  await installDefaultCatalogue(t.ctx);
  const registrar = await signedIn(t, 'registrar', { regions: ['*'] });
  const households: Record<string, string> = {};
  const persons: Record<string, string[]> = {};
  const enrol = async (name: string, point: string, members: unknown[]) => {
    const r = await registrar.post('/api/registry/households', { regionCode: 'AN-01-01', distributionPoint: point, address: { street: 'Calle Sucre', number: '3' }, members });
    if (r.statusCode !== 201) throw new Error(`enrol ${name}: ${r.body}`);
    households[name] = r.json().householdId;
    persons[name] = r.json().personIds;
  };
  await enrol('rondon', terminal.pointCode, [
    member('head', 'Carmen Elena', 'Rondón Pérez', '1985-03-10', 'V-31223344', { phone: '+58 412 5550101', attributes: { owns_vehicle: true } }),
    member('child', 'Ana Sofía', 'Mora Rondón', '2015-05-01', 'V-31344556'),
  ]);
  await enrol('guerra', terminal.pointCode, [member('head', 'Rosa', 'Guerra Silva', '1975-01-01', 'V-32000001', { attributes: { owns_vehicle: true } })]);
  await enrol('acosta', terminal.pointCode, [member('head', 'Josefina', 'Acosta Rivas', '1955-02-02', 'V-37788990')]);
  await enrol('lejos', elsewhere.pointCode, [member('head', 'Eduardo', 'Villegas Pinto', '1960-04-04', 'V-36677889')]);
  await issueFirstCards(t.ctx, { ...SYSTEM_ACTOR, regionScopes: ['*'] });
  const cards: Record<string, string[]> = {};
  for (const [name, ids] of Object.entries(persons)) {
    const rows = await t.ctx.db.selectFrom('card').select(['card_number', 'person_id']).where('person_id', 'in', ids).execute();
    cards[name] = ids.map((id) => rows.find((r) => r.person_id === id)!.card_number);
  }
  const points = [terminal.pointCode, elsewhere.pointCode];
  const foodCycle = await programWithCycle(t.ctx, definition('test-food', { sector: 'food', unit: 'household', measure: 'box', points }), { eligibility: 'household.size > 0', quantity: '1', pricePerUnit: '25000.00' });
  const fuelCycle = await programWithCycle(t.ctx, definition('test-fuel', { sector: 'fuel', unit: 'person', measure: 'litre', points, partialPickups: true }), { eligibility: 'person.owns_vehicle', quantity: '40', pricePerUnit: '0.45' });
  return { terminal, second, elsewhere, cards, households, foodCycle, fuelCycle };
}

/** A redemption record of the terminal's agent, as the web terminal builds it. */
export function recordFor(terminal: TestTerminal, due: { cycleId: string; subject: string }, o: { card: string; quantity: string; amount: string; method?: 'cash' | 'mobile' | 'none'; reference?: string; currency?: string; id?: string; redeemedAt?: string; agentId?: string }): RedemptionRecord {
  return {
    id: o.id ?? randomUUID(),
    terminalId: terminal.terminalId,
    agentId: o.agentId ?? terminal.agentId,
    cycleId: due.cycleId,
    subject: due.subject,
    cardNumber: o.card,
    quantity: o.quantity,
    payment: { method: o.method ?? 'cash', amount: o.amount, currency: o.currency ?? 'XAM', ...(o.reference ? { reference: o.reference } : {}) },
    redeemedAt: o.redeemedAt ?? new Date().toISOString(),
  };
}

/** Signed GET/POST of the terminal's agent. */
export const terminalRequest = (t: TestApp, terminal: TestTerminal, method: 'GET' | 'POST', url: string, body?: unknown) =>
  signedInject(t.app, { method, url, ...(body === undefined ? {} : { body }), terminal, session: terminal.agent });

export const redeemOnline = (t: TestApp, terminal: TestTerminal, record: RedemptionRecord, signature = signRecord(terminal.privateKey, record)) =>
  terminalRequest(t, terminal, 'POST', '/api/terminal/redemptions', { record, signature });
