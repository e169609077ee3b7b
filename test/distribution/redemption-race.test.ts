import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { balances, trialBalance } from '../../src/ledger/balances.ts';
import { testEngines } from '../support/databases.ts';
import { logIn, pool, PRICE, redeemOverHttp, seedLoadInstallation, signedRedemption, startLoadServer, type LoadInstallation, type RunningServer } from './load-installation.ts';

const ENTITLEMENTS = 1000;
const CLIENTS = 100;
/** Each entitlement is attempted by this many clients, each with a record of its own. */
const ATTEMPTS_EACH = 3;

/** A deterministic shuffle (the attempts on one entitlement land on different clients at different times). */
function shuffled<T>(items: T[], seed = 42): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Issue 6: the real server, 1,000 entitlements and 100 concurrent clients all trying to
 * redeem them, each entitlement by several clients: exactly 1,000 redemptions, every
 * loser told ALREADY_REDEEMED, no double, and the ledger balances to the cent.
 */
for (const engine of testEngines()) {
  describe(`redemption race over HTTP (${engine})`, () => {
    let inst: LoadInstallation;
    let server: RunningServer;
    before(async () => {
      inst = await seedLoadInstallation(engine, ENTITLEMENTS);
      assert.equal(inst.entitlements.length, ENTITLEMENTS);
      server = await startLoadServer(inst);
    });
    after(async () => {
      await server?.stop();
      await inst?.remove();
    });

    it(`${CLIENTS} clients, ${ENTITLEMENTS} entitlements, ${ATTEMPTS_EACH} attempts each: exactly one wins each, the others hear ALREADY_REDEEMED`, async () => {
      const session = await logIn(server.url, inst.agentUsername);
      const attempts = shuffled(inst.entitlements.flatMap((e) => Array.from({ length: ATTEMPTS_EACH }, () => ({ e, body: signedRedemption(inst, e) }))));
      const results = await pool(attempts, CLIENTS, (a) => redeemOverHttp(server.url, inst, session, a.body));
      const tally = new Map<string, number>();
      for (const r of results) tally.set(`${r.status} ${r.code ?? ''}`.trim(), (tally.get(`${r.status} ${r.code ?? ''}`.trim()) ?? 0) + 1);
      assert.deepEqual(Object.fromEntries(tally), { '201': ENTITLEMENTS, '409 ALREADY_REDEEMED': ENTITLEMENTS * (ATTEMPTS_EACH - 1) }, server.output());
      const winners = new Set(attempts.filter((_, i) => results[i]!.status === 201).map((a) => a.e.subject));
      assert.equal(winners.size, ENTITLEMENTS, 'one winner per entitlement');
      await server.stop();

      const database = await inst.open();
      try {
        const db = database.db;
        const counts = (
          await sql<{ redemptions: string; entitlements: string; postings: string; audits: string }>`SELECT
            (SELECT count(*) FROM redemption WHERE cycle_id = ${inst.cycleId}) AS redemptions,
            (SELECT count(DISTINCT subject) FROM redemption WHERE cycle_id = ${inst.cycleId}) AS entitlements,
            (SELECT count(*) FROM ledger_posting p JOIN redemption r ON r.posting_id = p.id WHERE r.cycle_id = ${inst.cycleId}) AS postings,
            (SELECT count(*) FROM audit_entry WHERE action = 'distribution.redeemed') AS audits`.execute(db)
        ).rows[0]!;
        assert.deepEqual(
          [counts.redemptions, counts.entitlements, counts.postings, counts.audits].map(Number),
          [ENTITLEMENTS, ENTITLEMENTS, ENTITLEMENTS, ENTITLEMENTS],
        );
        const trial = await trialBalance(db);
        assert.equal(trial.balanced, true, JSON.stringify(trial));
        const collected = (await balances(db, { cycle: inst.cycleId })).find((b) => b.account.endsWith(':collected'))!;
        assert.equal(collected.balance, `${(BigInt(ENTITLEMENTS) * 25000n).toString()}.00`);
        assert.equal(PRICE, '25000.00');
      } finally {
        await database.close();
      }
    });
  });
}
