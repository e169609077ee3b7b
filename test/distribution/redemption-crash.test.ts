import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { balances, trialBalance } from '../../src/ledger/balances.ts';
import { testEngines } from '../support/databases.ts';
import { logIn, pool, redeemOverHttp, seedLoadInstallation, signedRedemption, startLoadServer, type LoadInstallation, type RunningServer } from './load-installation.ts';

const ENTITLEMENTS = 600;
const CLIENTS = 30;
/** The server is killed once this many redemptions were acknowledged, with many more in flight. */
const KILL_AFTER = 150;

/**
 * Issue 6: SIGKILL the server in the middle of a redemption load, restart it: every
 * redemption that was acknowledged (2xx) is there exactly once, its price posting and
 * audit entry with it; nothing that was not acknowledged is half-written.
 */
for (const engine of testEngines()) {
  describe(`redemptions survive a SIGKILL of the server (${engine})`, () => {
    let inst: LoadInstallation;
    let server: RunningServer | undefined;
    before(async () => {
      inst = await seedLoadInstallation(engine, ENTITLEMENTS);
    });
    after(async () => {
      await server?.stop();
      await inst?.remove();
    });

    it('keeps every acknowledged redemption, once, and nothing half-written', async () => {
      server = await startLoadServer(inst);
      const first = server;
      const session = await logIn(first.url, inst.agentUsername);
      const bodies = inst.entitlements.map((e) => signedRedemption(inst, e));
      let acknowledged = 0;
      let killing: Promise<void> | undefined;
      const outcomes = await pool(bodies, CLIENTS, async (body) => {
        try {
          const r = await redeemOverHttp(first.url, inst, session, body);
          if (r.status === 201) acknowledged++;
          if (acknowledged >= KILL_AFTER) killing ??= first.kill('SIGKILL');
          return r.status;
        } catch {
          return 0; // no answer: the server died with the request in flight, or before it
        }
      });
      await killing;
      const acked = bodies.filter((_, i) => outcomes[i] === 201);
      const unanswered = outcomes.filter((s) => s === 0).length;
      assert.ok(acked.length >= KILL_AFTER, `acknowledged ${acked.length}`);
      assert.ok(unanswered > 0, 'the kill happened in the middle of the load');
      assert.deepEqual(new Set(outcomes), new Set([201, 0]), `only acknowledgements or no answer: ${[...new Set(outcomes)]}`);

      server = await startLoadServer(inst);
      const again = await logIn(server.url, inst.agentUsername);
      // Sent again after the restart, each acknowledged record finds its redemption: the same receipt.
      const replays = await pool(acked, 10, (body) => redeemOverHttp(server!.url, inst, again, body));
      assert.ok(replays.every((r) => r.status === 200), JSON.stringify(replays.filter((r) => r.status !== 200).slice(0, 3)));
      await server.stop();
      server = undefined;

      const database = await inst.open();
      try {
        const db = database.db;
        const ids = acked.map((b) => b.record.id);
        const present = await db.selectFrom('redemption').select('id').where('id', 'in', ids).execute();
        assert.equal(present.length, ids.length, 'every acknowledged redemption is there');
        const integrity = (
          await sql<{ redemptions: string; subjects: string; without_posting: string; orphan_postings: string; without_audit: string; orphan_audits: string }>`SELECT
            (SELECT count(*) FROM redemption WHERE cycle_id = ${inst.cycleId}) AS redemptions,
            (SELECT count(DISTINCT subject) FROM redemption WHERE cycle_id = ${inst.cycleId}) AS subjects,
            (SELECT count(*) FROM redemption r WHERE r.cycle_id = ${inst.cycleId} AND NOT EXISTS (
               SELECT 1 FROM ledger_posting p WHERE p.id = r.posting_id AND p.idempotency_key = 'redemption:' || r.id || ':price')) AS without_posting,
            (SELECT count(*) FROM ledger_posting p WHERE p.idempotency_key LIKE 'redemption:%' AND NOT EXISTS (
               SELECT 1 FROM redemption r WHERE r.posting_id = p.id)) AS orphan_postings,
            (SELECT count(*) FROM redemption r WHERE r.cycle_id = ${inst.cycleId} AND NOT EXISTS (
               SELECT 1 FROM audit_entry a WHERE a.action = 'distribution.redeemed' AND a.subject_id = r.id::text)) AS without_audit,
            (SELECT count(*) FROM audit_entry a WHERE a.action = 'distribution.redeemed' AND NOT EXISTS (
               SELECT 1 FROM redemption r WHERE r.id::text = a.subject_id)) AS orphan_audits`.execute(db)
        ).rows[0]!;
        const n = Number(integrity.redemptions);
        assert.ok(n >= ids.length && n <= bodies.length);
        assert.deepEqual(
          [integrity.subjects, integrity.without_posting, integrity.orphan_postings, integrity.without_audit, integrity.orphan_audits].map(Number),
          [n, 0, 0, 0, 0],
          'no entitlement twice; every redemption with its posting and audit entry, and none of them without their redemption',
        );
        const trial = await trialBalance(db);
        assert.equal(trial.balanced, true);
        const collected = (await balances(db, { cycle: inst.cycleId })).find((b) => b.account.endsWith(':collected'))!;
        assert.equal(collected.balance, `${BigInt(n) * 25000n}.00`);
      } finally {
        await database.close();
      }
    });
  });
}
