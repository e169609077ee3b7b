import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { signedIn } from '../../../test/support/officials.ts';
import { SYSTEM_ACTOR } from '../../audit/write-audit.ts';
import { post } from '../../ledger/post.ts';
import { collectionPosting } from '../../ledger/posting-templates.ts';
import { reverse } from '../../ledger/reverse.ts';
import { changeProgramStatus } from '../../programs/change-program-status.ts';
import { createProgram } from '../../programs/create-program.ts';
import { publishRule } from '../../programs/publish-rule.ts';
import { DEMO_PROGRAM_RULES } from '../../programs/rules/demo-program-rules.ts';
import { installDefaultCatalogue } from '../../registry/catalogue/default-catalogue.ts';
import { DEMO_REGIONS_CSV, loadRegions } from '../../regions/load-regions.ts';

const POINT = 'PDA-AN-01';
const PERIOD = '2026-11';
const food = DEMO_PROGRAM_RULES.find((r) => r.key === 'food_box')!;
const actor = { ...SYSTEM_ACTOR, programScopes: ['*'], regionScopes: ['*'] };

/**
 * A point's reconciliation over a cycle built in SQL: entitlements at the point, pickups
 * recorded as the redemption service records them (the row and its collection posting,
 * together), then one discrepancy after another, each of which must be listed.
 */
for (const engine of testEngines()) {
  describe(`reconciliation of a point and a cycle (${engine})`, () => {
    let t: TestApp;
    let cycleId: string;
    let auditor: Awaited<ReturnType<typeof signedIn>>;
    const url = () => `/api/distribution/points/${POINT}/reconciliation?cycle=${cycleId}`;
    const redemptionIds: string[] = [];
    const postingIds: string[] = [];

    /** What the redemption service writes for one pickup: the price's posting, then the row naming it. */
    async function redeem(subject: string, quantity: string, amount: string, method: 'cash' | 'mobile', pickup = 1) {
      const id = randomUUID();
      const reference = method === 'mobile' ? `MP${id.slice(0, 8)}` : null;
      await t.ctx.db.transaction().execute(async (tx) => {
        const { posting } = await post(tx, collectionPosting({
          idempotencyKey: `redemption:${id}:price`,
          cycle: { id: cycleId, programCode: 'food-box', period: PERIOD },
          point: POINT, currency: 'XAM', amount, method, paymentReference: reference, redemptionId: id,
        }));
        postingIds.push(posting.id);
        await sql`
          INSERT INTO redemption (id, cycle_id, subject, pickup, quantity, remaining, point_code, agent_name, card_number, identified_by, redeemed_at, offline,
            currency, price_per_unit, amount, payment_method, payment_reference, posting_id, request_hash)
          VALUES (${id}::uuid, ${cycleId}::uuid, ${subject}, ${pickup}, ${quantity}, 0, ${POINT}, 'agente', '12345678901', 'card', now(), false,
            'XAM', '25000.00', ${amount}, ${method}, ${reference}, ${posting.id}::uuid, ${createHash('sha256').update(id).digest()})`.execute(tx);
      });
      redemptionIds.push(id);
      return id;
    }

    const read = async () => {
      const r = await auditor.get(url());
      assert.equal(r.statusCode, 200, r.body);
      return r.json();
    };
    const kinds = (body: { discrepancies: { kind: string }[] }) => body.discrepancies.map((d) => d.kind).sort();

    before(async () => {
      t = await testApp(engine);
      await loadRegions(t.ctx.db, DEMO_REGIONS_CSV);
      await installDefaultCatalogue(t.ctx);
      await createProgram(t.ctx, actor, {
        code: 'food-box', name: { es: 'Caja', en: 'Box' }, description: { es: 'prueba', en: 'test' }, sector: 'food', unit: 'household', benefitKind: 'in_kind',
        item: { es: 'caja', en: 'box' }, measure: 'box', currency: 'XAM', frequency: 'monthly', distributionPoints: [POINT, 'PDA-AN-02'], reason: 'reconciliation test',
      });
      await publishRule(t.ctx, actor, 'food-box', { expectedRuleVersion: 0, eligibility: food.eligibility, quantity: food.quantity, pricePerUnit: '25000.00', costPerUnit: '400000.00', budgetPerCycle: '1000000000.00', reason: 'reconciliation test' });
      await changeProgramStatus(t.ctx, actor, 'food-box', 'activate', { expectedVersion: 1, reason: 'reconciliation test' });
      await sql`INSERT INTO distribution_point (code, name, kind, region_code, created_by_name) VALUES (${POINT}, 'Mercal La Pastora', 'food', 'AN-01', 'test'), ('PDA-AN-02', 'Otro punto', 'food', 'AN-01', 'test')`.execute(t.ctx.db);
      cycleId = randomUUID();
      await sql`
        INSERT INTO cycle (id, program_id, period, rule_version, reference_date, valid_from, valid_until, price_per_unit, cost_per_unit, budget, status, households_total, started_by_name, evaluated_at)
        SELECT ${cycleId}::uuid, id, ${PERIOD}, 1, '2026-11-01', '2026-11-01', '2026-11-30', 25000.00, 400000.00, 1000000000.00, 'open', 7, 'test', now() FROM program WHERE code = 'food-box'`.execute(t.ctx.db);
      // Five at the point (6 boxes), one at another point, one with no point in another state.
      await sql`
        INSERT INTO entitlement (cycle_id, subject, region_code, distribution_point, quantity, facts)
        VALUES (${cycleId}::uuid, 's1', 'AN-01-01', ${POINT}, 1, '{}'), (${cycleId}::uuid, 's2', 'AN-01-01', ${POINT}, 1, '{}'), (${cycleId}::uuid, 's3', 'AN-01-02', ${POINT}, 2, '{}'),
               (${cycleId}::uuid, 's4', 'AN-01-02', ${POINT}, 1, '{}'), (${cycleId}::uuid, 's5', 'AN-01-01', ${POINT}, 1, '{}'),
               (${cycleId}::uuid, 'o1', 'AN-01-01', 'PDA-AN-02', 1, '{}'), (${cycleId}::uuid, 'u1', 'CO-01-01', NULL, 1, '{}')`.execute(t.ctx.db);
      auditor = await signedIn(t, 'auditor');
    });
    after(() => t.close());

    it('is refused without a role that reads reconciliations, and outside the official\'s scopes is not found', async () => {
      const agent = await signedIn(t, 'distribution_agent');
      assert.equal((await agent.get(url())).statusCode, 403);
      const registrar = await signedIn(t, 'registrar');
      assert.equal((await registrar.get(`/api/distribution/points/${POINT}/reconciliation.csv?cycle=${cycleId}`)).statusCode, 403);
      const otherProgram = await signedIn(t, 'program_manager', { programs: ['pension'] });
      assert.equal((await otherProgram.get(url())).statusCode, 404, 'a cycle of another program');
      assert.deepEqual((await otherProgram.get(`/api/distribution/points/${POINT}/reconciliation/cycles`)).json().cycles, []);
      const otherRegion = await signedIn(t, 'administrator', { regions: ['CO'] });
      assert.equal((await otherRegion.get(url())).statusCode, 404, 'a point outside the regions');
      assert.equal((await otherRegion.post(`/api/distribution/points/${POINT}/deposits`, { amount: '1.00', currency: 'XAM', reference: 'SLIP-0' })).statusCode, 404);
      assert.equal((await auditor.get(`/api/distribution/points/${POINT}/reconciliation?cycle=not-a-uuid`)).statusCode, 400);
    });

    it('with every pickup posted, balances to the cent: entitlements, redeemed, outstanding, cash and mobile against the ledger', async () => {
      await redeem('s1', '1', '25000.00', 'cash');
      await redeem('s3', '2', '50000.00', 'mobile');
      const body = await read();
      assert.deepEqual(body.discrepancies, []);
      assert.equal(body.balanced, true);
      assert.deepEqual(body.entitlements, { count: 5, quantity: '6.000' });
      assert.deepEqual(body.redeemed, { entitlements: 2, pickups: 2, quantity: '3.000' });
      assert.deepEqual(body.outstanding, { count: 3, quantity: '3.000' });
      assert.deepEqual(body.expected, { cash: { count: 1, amount: '25000.00' }, mobile: { count: 1, amount: '50000.00' }, none: { count: 0 } });
      assert.deepEqual(body.ledger, { cash: '25000.00', mobile: '50000.00', collected: '75000.00', postings: 2, reversals: 0 });
      assert.deepEqual(body.till, [{ currency: 'XAM', collected: '25000.00', deposited: '0.00', shortages: '0.00', overages: '0.00', inTill: '25000.00' }]);
      const audit = await t.ctx.db.selectFrom('audit_entry').selectAll().where('action', '=', 'distribution.reconciliation_read').execute();
      assert.equal(audit.length, 1);
      assert.deepEqual([audit[0]!.purpose, audit[0]!.subject_id], ['oversight', POINT]);

      const cycles = (await auditor.get(`/api/distribution/points/${POINT}/reconciliation/cycles`)).json();
      assert.deepEqual(cycles.cycles.map((c: { id: string; program: string }) => [c.id, c.program]), [[cycleId, 'food-box']]);
      const points = (await auditor.get('/api/distribution/reconciliation/points?q=pastora')).json();
      assert.deepEqual(points.map((p: { code: string }) => p.code), [POINT]);
    });

    it('exports the same figures as CSV, RFC 4180 and UTF-8, one line per figure and method', async () => {
      const r = await auditor.get(`/api/distribution/points/${POINT}/reconciliation.csv?cycle=${cycleId}`);
      assert.equal(r.statusCode, 200);
      assert.match(String(r.headers['content-type']), /^text\/csv; charset=utf-8/);
      assert.match(String(r.headers['content-disposition']), new RegExp(`reconciliation-${POINT}-food-box-${PERIOD}\\.csv`));
      const text = r.rawPayload.toString('utf8');
      assert.ok(text.startsWith('\uFEFFsection,item,method,count,quantity,amount,currency,id,detail\r\n'));
      const lines = text.slice(1).split('\r\n');
      assert.equal(lines.at(-1), '', 'ends with CRLF');
      assert.ok(lines.includes('header,point,,,,,,PDA-AN-01,Mercal La Pastora'));
      assert.ok(lines.includes('header,balanced,,,,,,,yes'));
      assert.ok(lines.includes('entitlements,outstanding,,3,3.000,,,,'));
      assert.ok(lines.includes('expected,redemptions,mobile,1,,50000.00,XAM,,'));
      assert.ok(lines.includes('ledger,balance,cash,,,25000.00,XAM,,'));
      assert.ok(lines.includes('ledger,collected,,2,,75000.00,XAM,,"2 postings, 0 reversals"'), 'a field with a comma is quoted');
    });

    it('lists a reversed price and a posting nobody redeemed by id, and totals that differ by how much', async () => {
      await redeem('s2', '1', '25000.00', 'cash');
      // The price of the first pickup is reversed while the box stays handed over.
      await reverse(t.ctx.db, postingIds[0]!, { idempotencyKey: 'test:reverse-first', reason: 'devuelto por error', by: { officialId: null } });
      // A collection that no redemption claims.
      const orphanRedemption = randomUUID();
      const { posting: orphan } = await post(t.ctx.db, collectionPosting({
        idempotencyKey: 'test:orphan', cycle: { id: cycleId, programCode: 'food-box', period: PERIOD }, point: POINT, currency: 'XAM', amount: '25000.00', method: 'cash', redemptionId: orphanRedemption,
      }));
      const body = await read();
      assert.equal(body.balanced, false);
      assert.deepEqual(kinds(body), ['posting_reversed', 'posting_without_redemption']);
      const reversed = body.discrepancies.find((d: { kind: string }) => d.kind === 'posting_reversed');
      assert.deepEqual(reversed, { kind: 'posting_reversed', redemptionId: redemptionIds[0], postingId: postingIds[0], reversalId: reversed.reversalId, amount: '25000.00' });
      assert.deepEqual(body.discrepancies.find((d: { kind: string }) => d.kind === 'posting_without_redemption'), { kind: 'posting_without_redemption', postingId: orphan.id, redemptionId: orphanRedemption, amount: '25000.00', method: 'cash' });
      // Expected cash 50,000 (two pickups); the ledger 25,000 − 25,000 reversed + 25,000 + 25,000 unclaimed: equal in
      // sum, which is why every item is compared one by one as well.
      assert.deepEqual(body.ledger, { cash: '50000.00', mobile: '50000.00', collected: '100000.00', postings: 5, reversals: 1 });

      // The unclaimed posting reversed cancels itself out; now the totals differ, and say by how much.
      await reverse(t.ctx.db, orphan.id, { idempotencyKey: 'test:reverse-orphan', reason: 'sin retiro', by: { officialId: null } });
      const after = await read();
      assert.deepEqual(kinds(after), ['ledger_total_differs', 'ledger_total_differs', 'posting_reversed']);
      assert.deepEqual(after.discrepancies.filter((d: { kind: string }) => d.kind === 'ledger_total_differs'), [
        { kind: 'ledger_total_differs', account: 'cash', expected: '50000.00', ledger: '25000.00', difference: '-25000.00' },
        { kind: 'ledger_total_differs', account: 'collected', expected: '100000.00', ledger: '75000.00', difference: '-25000.00' },
      ]);
      const csv = (await auditor.get(`/api/distribution/points/${POINT}/reconciliation.csv?cycle=${cycleId}`)).rawPayload.toString('utf8');
      assert.ok(csv.includes('\r\nheader,balanced,,,,,,,no\r\n'));
      assert.ok(csv.includes('\r\ndiscrepancy,ledger_total_differs,cash,,,-25000.00,XAM,,"expected 50000.00, ledger 25000.00"\r\n'));
      assert.ok(csv.includes(`\r\ndiscrepancy,posting_reversed,,,,25000.00,XAM,${redemptionIds[0]},`));
    });

    it('lists open conflicts, pickups of entitlements assigned elsewhere and entitlements no point serves', async () => {
      const terminal = randomUUID();
      await sql`INSERT INTO terminal (id, point_code, label, enrolment_expires_at, public_key, enrolled_at, registered_by_name)
        VALUES (${terminal}::uuid, ${POINT}, 'tableta 1', now(), ${Buffer.alloc(32, 1)}, now(), 'test')`.execute(t.ctx.db);
      const conflict = randomUUID();
      await sql`
        INSERT INTO redemption_conflict (id, cycle_id, subject, reason, quantity, point_code, terminal_id, agent_name, redeemed_at, currency, amount, payment_method, record, request_hash, device_signature)
        VALUES (${conflict}::uuid, ${cycleId}::uuid, 's4', 'already_redeemed', 1, ${POINT}, ${terminal}::uuid, 'agente', now(), 'XAM', 0, 'none', '{}', ${Buffer.alloc(32, 2)}, ${Buffer.alloc(64, 3)})`.execute(t.ctx.db);
      const elsewhere = await redeem('o1', '1', '25000.00', 'cash');
      await sql`INSERT INTO entitlement (cycle_id, subject, region_code, distribution_point, quantity, facts) VALUES (${cycleId}::uuid, 'u2', 'AN-01-02', NULL, 3, '{}')`.execute(t.ctx.db);
      const body = await read();
      const named = (kind: string) => body.discrepancies.filter((d: { kind: string }) => d.kind === kind);
      assert.deepEqual(named('open_conflict'), [{ kind: 'open_conflict', conflictId: conflict, reason: 'already_redeemed', quantity: '1.000', amount: '0.00' }]);
      assert.deepEqual(named('redeemed_elsewhere_assigned'), [{ kind: 'redeemed_elsewhere_assigned', redemptionId: elsewhere, assignedPoint: 'PDA-AN-02' }]);
      assert.deepEqual(named('entitlements_unassigned'), [{ kind: 'entitlements_unassigned', regionCode: 'AN-01', entitlements: 1, quantity: '3.000' }]);
      assert.deepEqual(body.conflicts, { count: 1, quantity: '1.000', amount: '0.00', open: 1, resolved: 0 });
    });

    it('records a cash deposit once per slip (administrator), and the till shows the book against it', async () => {
      const admin = await signedIn(t, 'administrator', { regions: ['AN'] });
      const manager = await signedIn(t, 'program_manager');
      const slip = { amount: '20000.00', currency: 'XAM', reference: 'DEP-2026-0001' };
      assert.equal((await manager.post(`/api/distribution/points/${POINT}/deposits`, slip)).statusCode, 403);
      const first = await admin.post(`/api/distribution/points/${POINT}/deposits`, slip);
      assert.equal(first.statusCode, 201, first.body);
      const again = await admin.post(`/api/distribution/points/${POINT}/deposits`, slip);
      assert.equal(again.statusCode, 200);
      assert.equal(again.json().postingId, first.json().postingId);
      assert.equal((await admin.post(`/api/distribution/points/${POINT}/deposits`, { ...slip, amount: '20000.01' })).statusCode, 409, 'one slip, one amount');
      // Cash in: 25,000 (reversed to 0) + 25,000 + 25,000 (reversed) + 25,000 (assigned elsewhere) = 50,000 net; 20,000 deposited.
      assert.deepEqual(first.json().till, [{ currency: 'XAM', collected: '50000.00', deposited: '20000.00', shortages: '0.00', overages: '0.00', inTill: '30000.00' }]);
      assert.deepEqual((await admin.get(url())).json().till, first.json().till);
      const audit = await t.ctx.db.selectFrom('audit_entry').selectAll().where('action', '=', 'distribution.deposit_recorded').execute();
      assert.equal(audit.length, 1, 'the replay records nothing');
      assert.equal(audit[0]!.purpose, 'administration');
    });
  });
}
