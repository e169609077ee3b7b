import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { freshDatabase, testEngines, type TestDatabase } from '../../test/support/databases.ts';
import { DomainError } from '../shared/domain-error.ts';
import { balances, trialBalance } from './balances.ts';
import { findPostingByIdempotencyKey, getPosting, readJournal } from './journal.ts';
import { post } from './post.ts';
import type { PostingRequest } from './posting-request.ts';
import { collectionPosting, depositPosting, discrepancyPosting, settlementPosting } from './posting-templates.ts';
import { reverse } from './reverse.ts';
import { balancesQuery } from './store.ts';

const POINT = 'PDA-AN-01';
const OTHER_POINT = 'PDA-AN-02';
const cycle = { id: randomUUID(), programCode: 'food-box', period: '2026-12' };
const otherCycle = { id: randomUUID(), programCode: 'food-box', period: '2027-01' };

let keys = 0;
const key = (what = 'test') => `${what}:${++keys}:${randomUUID()}`;

const cash = (amount: string, extra: Partial<Parameters<typeof collectionPosting>[0]> = {}) =>
  collectionPosting({ idempotencyKey: key('price'), cycle, point: POINT, currency: 'VES', amount, method: 'cash', redemptionId: randomUUID(), ...extra });

/** The DomainError a promise rejects with, checked to be one. */
async function domainError(promise: Promise<unknown>, code: DomainError['code']): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DomainError, `expected a DomainError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected ${code}, but it succeeded`);
}

const balanceOf = (rows: Awaited<ReturnType<typeof balances>>, account: string, currency = 'VES') => rows.find((r) => r.account === account && r.currency === currency)?.balance;

for (const engine of testEngines()) {
  describe(`ledger (${engine})`, () => {
    let database: TestDatabase;
    let officialId: string;
    const db = () => database.db;
    const postingCount = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ledger_posting`.execute(db())).rows[0]!.n);

    before(async () => {
      database = await freshDatabase(engine);
      officialId = randomUUID();
      await sql`INSERT INTO official (id, username, display_name, role, password_hash)
        VALUES (${officialId}::uuid, 'agente.uno', 'Agente Uno', 'distribution_agent', 'not-a-hash')`.execute(db());
    });
    after(() => database.close());

    it('records a balanced collection, in cash or by mobile payment, and derives balances per point, program and cycle', async () => {
      const device = randomUUID();
      const paid = await post(db(), cash('25000.00', { officialId, deviceId: device }));
      assert.equal(paid.created, true);
      const p = paid.posting;
      assert.equal(p.kind, 'collection');
      assert.deepEqual(p.lines, [
        { account: `point:${POINT}:cash`, currency: 'VES', side: 'debit', amount: '25000.00' },
        { account: 'program:food-box:cycle:2026-12:collected', currency: 'VES', side: 'credit', amount: '25000.00' },
      ]);
      assert.deepEqual({ ...p.references, redemptionId: null }, { cycleId: cycle.id, program: 'food-box', point: POINT, redemptionId: null, deviceId: device, officialId, paymentReference: null });
      assert.ok(p.seq >= 1);
      assert.deepEqual(await getPosting(db(), p.id), p);

      const mobile = await post(db(), cash('12500.5', { method: 'mobile', paymentReference: '00012345678' }));
      assert.equal(mobile.posting.lines[0]!.account, `point:${POINT}:mobile`);
      assert.equal(mobile.posting.lines[0]!.amount, '12500.50');
      assert.equal(mobile.posting.references.paymentReference, '00012345678');
      await post(db(), cash('1.00', { point: OTHER_POINT }));
      await post(db(), cash('7.25', { cycle: otherCycle }));

      const byPointAndCycle = await balances(db(), { point: POINT, cycle: cycle.id });
      assert.deepEqual(byPointAndCycle, [
        { account: `point:${POINT}:cash`, currency: 'VES', type: 'asset', debits: '25000.00', credits: '0.00', balance: '25000.00' },
        { account: `point:${POINT}:mobile`, currency: 'VES', type: 'asset', debits: '12500.50', credits: '0.00', balance: '12500.50' },
        { account: 'program:food-box:cycle:2026-12:collected', currency: 'VES', type: 'income', debits: '0.00', credits: '37500.50', balance: '37500.50' },
      ]);
      assert.equal(balanceOf(await balances(db(), { accountPrefix: 'program:food-box:cycle:2026-12' }), 'program:food-box:cycle:2026-12:collected'), '37501.50');
      assert.equal(balanceOf(await balances(db(), { cycle: otherCycle.id }), 'program:food-box:cycle:2027-01:collected'), '7.25');
      assert.deepEqual(
        (await balances(db(), { accountPrefix: `point:${POINT}` })).map((b) => b.account),
        [`point:${POINT}:cash`, `point:${POINT}:mobile`],
      );
      assert.deepEqual((await balances(db(), { program: 'food-box', point: OTHER_POINT })).map((b) => [b.account, b.balance]), [
        [`point:${OTHER_POINT}:cash`, '1.00'],
        ['program:food-box:cycle:2026-12:collected', '1.00'],
      ]);
      assert.deepEqual(await balances(db(), { program: 'fuel' }), []);
      const trial = await trialBalance(db());
      assert.equal(trial.balanced, true);
      assert.deepEqual(trial.currencies, [{ currency: 'VES', debits: '37508.75', credits: '37508.75', postings: 4 }]);
    });

    it('refuses an unbalanced posting with RULE_VIOLATION, naming the currency and both sums, and writes nothing', async () => {
      const before = await postingCount();
      const request: PostingRequest = {
        idempotencyKey: key(),
        kind: 'collection',
        lines: [
          { account: `point:${POINT}:cash`, currency: 'VES', side: 'debit', amount: '10.00' },
          { account: 'program:food-box:cycle:2026-12:collected', currency: 'VES', side: 'credit', amount: '9.99' },
        ],
        references: { point: POINT, program: 'food-box', cycleId: cycle.id },
      };
      const e = await domainError(post(db(), request), 'RULE_VIOLATION');
      assert.match(e.message, /does not balance in VES: debits 10\.00, credits 9\.99/);
      assert.deepEqual(e.details, { currency: 'VES', debits: '10.00', credits: '9.99' });

      // Balanced in total but not in each currency.
      const mixed = await domainError(
        post(db(), {
          ...request,
          lines: [
            { account: `point:${POINT}:cash`, currency: 'VES', side: 'debit', amount: '10.00' },
            { account: 'program:food-box:cycle:2026-12:collected', currency: 'USD', side: 'credit', amount: '10.00' },
          ],
        }),
        'RULE_VIOLATION',
      );
      assert.match(mixed.message, /does not balance in USD: debits 0\.00, credits 10\.00/);
      assert.equal(await postingCount(), before);
    });

    it('takes amounts only as decimal text with at most two places, more than zero', async () => {
      const before = await postingCount();
      const withAmount = (amount: unknown) => ({ ...cash('1.00'), lines: cash('1.00').lines.map((l) => ({ ...l, amount: amount as string })) });
      for (const amount of [12.5, '0.005', '-1.00', '0.00', '0', '1e3', ' 1.00', '01.00', '1.', '99999999999999999.00', null]) {
        const e = await domainError(post(db(), withAmount(amount)), 'VALIDATION_FAILED');
        assert.match(e.message, /^lines\[0\]\.amount must be/, String(amount));
      }
      assert.equal((await post(db(), withAmount('9999999999999999.99'))).posting.lines[1]!.amount, '9999999999999999.99');
      assert.equal(await postingCount(), before + 1);
    });

    it('keeps to the chart and to the rules of each kind of posting', async () => {
      const refused = async (request: PostingRequest, code: DomainError['code'], message: RegExp) => assert.match((await domainError(post(db(), request), code)).message, message);
      const base = cash('5.00');
      await refused({ ...base, lines: [{ ...base.lines[0]!, account: 'point:PDA-AN-01:vault' }, base.lines[1]!] }, 'VALIDATION_FAILED', /lines\[0\]\.account must be an account of the chart/);
      await refused({ ...base, lines: [{ ...base.lines[0]!, account: 'treasury:main' }, base.lines[1]!] }, 'RULE_VIOLATION', /a collection posting may debit only point:<point>:cash or point:<point>:mobile; lines\[0\] debits treasury:main/);
      await refused({ ...base, lines: [{ ...base.lines[0]!, account: `point:${OTHER_POINT}:cash` }, base.lines[1]!] }, 'RULE_VIOLATION', /account of point PDA-AN-02, but the posting is for point PDA-AN-01/);
      await refused({ ...base, references: { ...base.references, program: 'pension' } }, 'RULE_VIOLATION', /account of program food-box, but the posting is for program pension/);
      await refused({ ...base, references: { ...base.references, cycleId: null } }, 'RULE_VIOLATION', /a collection posting needs references\.cycleId/);
      await refused(cash('5.00', { method: 'mobile' }), 'RULE_VIOLATION', /mobile payment is recorded with the payment network's reference/);
      await refused(cash('5.00', { method: 'mobile', paymentReference: '+58 414 1234567' }), 'VALIDATION_FAILED', /never the payer's phone/);
      await refused({ ...base, kind: 'reversal' as never }, 'VALIDATION_FAILED', /a reversal is made with reverse\(\)/);
      await refused({ ...base, lines: base.lines.slice(0, 1) }, 'VALIDATION_FAILED', /lines must be a list of 2 to 1000 lines/);
      await refused({ ...base, lines: base.lines.map((l) => ({ ...l, currency: 'bs' })) }, 'VALIDATION_FAILED', /currency must be a three-letter currency code/);
      await refused({ ...base, idempotencyKey: '' }, 'VALIDATION_FAILED', /idempotencyKey must be/);
      await refused({ ...base, effectiveAt: new Date(Date.now() + 86_400_000) }, 'RULE_VIOLATION', /is in the future/);
      await refused(discrepancyPosting({ idempotencyKey: key(), point: POINT, currency: 'VES', amount: '1.00', direction: 'shortage', method: 'cash', reason: '' }), 'VALIDATION_FAILED', /memo must say why/);
    });

    it('is idempotent: the same request twice gives one posting; the same key for something else is CONFLICT', async () => {
      const request = cash('3.50', { officialId });
      const before = await postingCount();
      const first = await post(db(), request);
      const again = await post(db(), request);
      assert.equal(again.created, false);
      assert.deepEqual(again.posting, first.posting);
      // The same lines in another order are the same request.
      assert.equal((await post(db(), { ...request, lines: [...request.lines].reverse() })).posting.id, first.posting.id);
      assert.equal(await postingCount(), before + 1);

      const e = await domainError(post(db(), { ...request, lines: request.lines.map((l) => ({ ...l, amount: '3.51' })) }), 'CONFLICT');
      assert.match(e.message, new RegExp(`idempotency key ${request.idempotencyKey} was used for a different posting \\(${first.posting.id}\\)`));
      await domainError(post(db(), { ...request, memo: 'otra cosa' }), 'CONFLICT');
      assert.equal(await postingCount(), before + 1);
      assert.equal((await findPostingByIdempotencyKey(db(), request.idempotencyKey))?.id, first.posting.id);
    });

    it('reverses a posting once, with the opposite lines, and never a reversal', async () => {
      const original = (await post(db(), cash('40.00', { cycle: { ...cycle, period: '2026-11', id: randomUUID() }, method: 'mobile', paymentReference: 'PM-777' }))).posting;
      const reversalKey = key('reversal');
      const reversed = await reverse(db(), original.id, { idempotencyKey: reversalKey, reason: 'cobrado por error', by: { officialId } });
      const r = reversed.posting;
      assert.equal(r.kind, 'reversal');
      assert.equal(r.reverses, original.id);
      assert.equal(r.memo, 'cobrado por error');
      assert.deepEqual(r.references, { ...original.references, officialId, deviceId: null });
      assert.deepEqual(
        r.lines,
        original.lines.map((l) => ({ ...l, side: l.side === 'debit' ? 'credit' : 'debit' })),
      );
      const net = await balances(db(), { cycle: original.references.cycleId! });
      assert.deepEqual(net.map((b) => [b.account, b.debits, b.credits, b.balance]), [
        [`point:${POINT}:mobile`, '40.00', '40.00', '0.00'],
        ['program:food-box:cycle:2026-11:collected', '40.00', '40.00', '0.00'],
      ]);

      // The same reversal again is the same reversal.
      const replay = await reverse(db(), original.id, { idempotencyKey: reversalKey, reason: 'cobrado por error', by: { officialId } });
      assert.equal(replay.created, false);
      assert.equal(replay.posting.id, r.id);
      const twice = await domainError(reverse(db(), original.id, { idempotencyKey: key('reversal'), reason: 'otra vez', by: { officialId: null } }), 'CONFLICT');
      assert.match(twice.message, new RegExp(`posting ${original.id} was already reversed by posting ${r.id}`));
      const ofReversal = await domainError(reverse(db(), r.id, { idempotencyKey: key('reversal'), reason: 'deshacer', by: { officialId: null } }), 'RULE_VIOLATION');
      assert.match(ofReversal.message, /is itself a reversal and cannot be reversed/);
      await domainError(reverse(db(), randomUUID(), { idempotencyKey: key(), reason: 'no existe', by: { officialId: null } }), 'NOT_FOUND');
      await domainError(reverse(db(), 'not-a-uuid', { idempotencyKey: key(), reason: 'no existe', by: { officialId: null } }), 'NOT_FOUND');
      await domainError(reverse(db(), original.id, { idempotencyKey: key(), reason: '', by: { officialId: null } }), 'VALIDATION_FAILED');
      assert.equal((await trialBalance(db())).balanced, true);
    });

    it('sums exactly: 0.10 + 0.20 is 0.30, and 99,900 cents are 999.00', async () => {
      const point = 'PDA-EXACT-1';
      const collected = 'program:food-box:cycle:2026-12:collected';
      await post(db(), {
        idempotencyKey: key(),
        kind: 'collection',
        lines: [
          { account: `point:${point}:cash`, currency: 'VES', side: 'debit', amount: '0.10' },
          { account: `point:${point}:cash`, currency: 'VES', side: 'debit', amount: '0.20' },
          { account: collected, currency: 'VES', side: 'credit', amount: '0.30' },
        ],
        references: { point, program: 'food-box', cycleId: cycle.id },
      });
      assert.notEqual(0.1 + 0.2, 0.3);
      assert.equal(balanceOf(await balances(db(), { accountPrefix: `point:${point}` }), `point:${point}:cash`), '0.30');

      // 100 postings of 999 one-cent debits and one 9.99 credit: in binary floating
      // point the same sum comes out as 998.9999999999…; in numeric it is 999.00.
      const big = 'PDA-EXACT-2';
      const cents = Array.from({ length: 999 }, () => ({ account: `point:${big}:cash`, currency: 'VES', side: 'debit' as const, amount: '0.01' }));
      for (let i = 0; i < 100; i++) {
        await post(db(), {
          idempotencyKey: key('cents'),
          kind: 'collection',
          lines: [...cents, { account: collected, currency: 'VES', side: 'credit', amount: '9.99' }],
          references: { point: big, program: 'food-box', cycleId: cycle.id },
        });
      }
      let float = 0;
      for (let i = 0; i < 99_900; i++) float += 0.01;
      assert.notEqual(float, 999);
      const rows = await balances(db(), { point: big });
      assert.deepEqual(rows.map((b) => [b.account, b.debits, b.credits, b.balance]), [
        [`point:${big}:cash`, '999.00', '0.00', '999.00'],
        [collected, '0.00', '999.00', '999.00'],
      ]);
      const trial = await trialBalance(db());
      assert.equal(trial.balanced, true);
      assert.equal(trial.currencies.find((c) => c.currency === 'VES')!.debits, trial.currencies.find((c) => c.currency === 'VES')!.credits);
    });

    it('runs inside the caller\'s transaction and is undone with it', async () => {
      const request = cash('2.00');
      await assert.rejects(
        db().transaction().execute(async (tx) => {
          const { posting } = await post(tx, request);
          assert.equal((await findPostingByIdempotencyKey(tx, request.idempotencyKey))?.id, posting.id);
          throw new Error('the redemption failed');
        }),
        /the redemption failed/,
      );
      assert.equal(await findPostingByIdempotencyKey(db(), request.idempotencyKey), undefined);
      const committed = await db().transaction().execute((tx) => post(tx, request));
      assert.equal(committed.created, true);
      assert.equal((await getPosting(db(), committed.posting.id)).lines.length, 2);
    });

    it('moves cash to the treasury, confirms mobile payments and keeps discrepancies in view', async () => {
      const point = 'PDA-FLOW-1';
      const collect = (amount: string, method: 'cash' | 'mobile', paymentReference?: string) =>
        post(db(), collectionPosting({ idempotencyKey: key(), cycle, point, currency: 'VES', amount, method, paymentReference: paymentReference ?? null }));
      await collect('100.00', 'cash');
      await collect('50.00', 'cash');
      await collect('30.00', 'mobile', 'PM-1');
      await collect('20.00', 'mobile', 'PM-2');
      // The agent counts 140.00 in the till and deposits it; PM-1 reaches the bank, PM-2 never does.
      await post(db(), depositPosting({ idempotencyKey: key(), point, currency: 'VES', amount: '140.00', officialId, paymentReference: 'SLIP-0042' }));
      await post(db(), settlementPosting({ idempotencyKey: key(), point, currency: 'VES', amount: '30.00', paymentReference: 'STMT-2026-12-05' }));
      let rows = await balances(db(), { accountPrefix: `point:${point}` });
      assert.deepEqual(rows.map((b) => [b.account, b.balance]), [
        [`point:${point}:cash`, '10.00'],
        [`point:${point}:mobile`, '20.00'],
      ]);
      await post(db(), discrepancyPosting({ idempotencyKey: key(), point, currency: 'VES', amount: '10.00', direction: 'shortage', method: 'cash', reason: 'faltante al contar la caja', officialId }));
      await post(db(), discrepancyPosting({ idempotencyKey: key(), point, currency: 'VES', amount: '20.00', direction: 'shortage', method: 'mobile', reason: 'PM-2 nunca llegó al banco', paymentReference: 'PM-2' }));
      rows = await balances(db(), { point });
      assert.deepEqual(rows.map((b) => [b.account, b.type, b.balance]), [
        [`point:${point}:cash`, 'asset', '0.00'],
        [`point:${point}:discrepancy`, 'expense', '30.00'],
        [`point:${point}:mobile`, 'asset', '0.00'],
        ['program:food-box:cycle:2026-12:collected', 'income', '200.00'],
        ['treasury:main', 'asset', '170.00'],
      ]);
      // Deposits and settlements are the point's but no cycle's: a cycle's view keeps what was collected.
      assert.deepEqual((await balances(db(), { point, cycle: cycle.id })).map((b) => [b.account, b.balance]), [
        [`point:${point}:cash`, '150.00'],
        [`point:${point}:mobile`, '50.00'],
        ['program:food-box:cycle:2026-12:collected', '200.00'],
      ]);
      await assert.rejects(post(db(), depositPosting({ idempotencyKey: key(), point, currency: 'VES', amount: '1.00', officialId: null, treasury: 'Main' })), /account of the chart/);
    });

    it('answers balances as of a time, by when the money changed hands', async () => {
      const point = 'PDA-TIME-1';
      const at = (iso: string) => new Date(iso);
      await post(db(), collectionPosting({ idempotencyKey: key(), cycle, point, currency: 'VES', amount: '5.00', method: 'cash', effectiveAt: at('2025-02-01T10:00:00Z') }));
      await post(db(), collectionPosting({ idempotencyKey: key(), cycle, point, currency: 'VES', amount: '7.00', method: 'cash', effectiveAt: at('2025-02-03T10:00:00Z') }));
      const till = async (asOf?: Date) => balanceOf(await balances(db(), { point, ...(asOf ? { asOf } : {}) }), `point:${point}:cash`);
      assert.equal(await till(at('2025-01-31T00:00:00Z')), undefined);
      assert.equal(await till(at('2025-02-01T10:00:00Z')), '5.00');
      assert.equal(await till(at('2025-02-02T00:00:00Z')), '5.00');
      assert.equal(await till(), '12.00');
      assert.equal((await trialBalance(db(), { asOf: at('2025-02-02T00:00:00Z') })).balanced, true);
    });

    it('reads the journal a page at a time, in recording order, filtered like balances', async () => {
      const point = 'PDA-JOURNAL';
      const made = [];
      for (let i = 1; i <= 5; i++) made.push((await post(db(), collectionPosting({ idempotencyKey: key(), cycle, point, currency: 'VES', amount: `${i}.00`, method: 'cash' }))).posting);
      await reverse(db(), made[1]!.id, { idempotencyKey: key(), reason: 'error de caja', by: { officialId: null } });
      const first = await readJournal(db(), { point, limit: 4 });
      assert.deepEqual(first.postings.map((p) => p.id), made.slice(0, 4).map((p) => p.id));
      assert.deepEqual(first.postings[0], made[0]);
      assert.equal(first.next, made[3]!.seq);
      const second = await readJournal(db(), { point, limit: 4, after: first.next! });
      assert.deepEqual(second.postings.map((p) => p.kind), ['collection', 'reversal']);
      assert.equal(second.next, null);
      assert.deepEqual((await readJournal(db(), { point, kind: 'reversal' })).postings.map((p) => p.reverses), [made[1]!.id]);
      assert.equal((await readJournal(db(), { accountPrefix: `point:${point}:cash` })).postings.length, 6);
      await domainError(readJournal(db(), { limit: 501 }), 'VALIDATION_FAILED');
      await domainError(readJournal(db(), { accountPrefix: 'point:%' }), 'VALIDATION_FAILED');
    });

    it('has 20 concurrent postings with 20 keys make 20, and 20 with one key make one', async () => {
      const point = 'PDA-RACE-1';
      const distinct = await Promise.all(Array.from({ length: 20 }, (_, i) => post(db(), collectionPosting({ idempotencyKey: `race:${point}:${i}`, cycle, point, currency: 'VES', amount: '1.10', method: 'cash' }))));
      assert.equal(new Set(distinct.map((r) => r.posting.id)).size, 20);
      assert.ok(distinct.every((r) => r.created));

      const same = collectionPosting({ idempotencyKey: `race:${point}:same`, cycle, point, currency: 'VES', amount: '2.20', method: 'cash' });
      const results = await Promise.all(Array.from({ length: 20 }, () => post(db(), same)));
      assert.equal(new Set(results.map((r) => r.posting.id)).size, 1);
      assert.equal(results.filter((r) => r.created).length, 1);

      const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM ledger_posting WHERE point_code = ${point}`.execute(db());
      assert.equal(Number(rows[0]!.n), 21);
      assert.equal(balanceOf(await balances(db(), { point }), `point:${point}:cash`), '24.20');

      // Ten officials reversing one posting at once: one reversal, nine CONFLICTs.
      const target = distinct[0]!.posting.id;
      const attempts = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => reverse(db(), target, { idempotencyKey: `race:${point}:reverse:${i}`, reason: 'duplicado', by: { officialId: null } })));
      assert.equal(attempts.filter((a) => a.status === 'fulfilled').length, 1);
      for (const a of attempts) if (a.status === 'rejected') assert.equal((a.reason as DomainError).code, 'CONFLICT', String(a.reason));
      assert.equal(balanceOf(await balances(db(), { point }), `point:${point}:cash`), '23.10');
      assert.equal((await trialBalance(db())).balanced, true);
    });

    it('sums in numeric and hands back text: the compiled balance query', () => {
      const compiled = balancesQuery({ accountPrefix: 'point:PDA-AN-01', cycleId: cycle.id }).compile(db());
      assert.equal(
        compiled.sql.replace(/\s+/g, ' ').trim(),
        [
          'SELECT l.account, l.currency, a.type,',
          "coalesce(sum(l.amount) FILTER (WHERE l.side = 'debit'), 0.00)::text AS debits,",
          "coalesce(sum(l.amount) FILTER (WHERE l.side = 'credit'), 0.00)::text AS credits,",
          "(CASE WHEN a.type IN ('asset', 'expense') THEN 1 ELSE -1 END * sum(CASE WHEN l.side = 'debit' THEN l.amount ELSE -l.amount END))::text AS balance",
          'FROM ledger_line l JOIN ledger_account a ON a.code = l.account AND a.currency = l.currency',
          'JOIN ledger_posting p ON p.id = l.posting_id',
          'WHERE ("l"."account" = $1 OR ("l"."account" >= $2 COLLATE "C" AND "l"."account" < $3 COLLATE "C")) AND p.cycle_id = $4::uuid',
          'GROUP BY l.account, l.currency, a.type ORDER BY l.account, l.currency',
        ].join(' '),
      );
      assert.deepEqual(compiled.parameters, ['point:PDA-AN-01', 'point:PDA-AN-01:', 'point:PDA-AN-01;', cycle.id]);
    });
  });
}
