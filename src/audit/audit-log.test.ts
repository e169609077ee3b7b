import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testContext, type TestContext } from '../../test/support/app.ts';
import { testEngines } from '../../test/support/databases.ts';
import { verifyEd25519 } from '../keys/service.ts';
import { AUDIT_CHAINS, canonicalJson, entryHash, GENESIS_HASH } from './chain.ts';
import { makeCheckpoint, parseCheckpointPayload } from './checkpoints.ts';
import { verifyAuditLog } from './verify-chain.ts';
import { insertEntriesGuarded, lockChainHead } from './store.ts';
import { appendAfterStaleHead, prepareAudit, SYSTEM_ACTOR, writeAudit, writeAuditBatch } from './write-audit.ts';

const actor = { id: null, name: 'tester', role: 'auditor' };

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } }), '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });
  it('changes the hash when any field changes', () => {
    const base = {
      chain: 0, seq: 1, at: new Date(0), actorId: null, actorName: 'a', role: 'r', purpose: 'p', action: 'x',
      outcome: 'success', subjectType: null, subjectId: null, detail: {}, requestId: null,
    };
    const h = entryHash(GENESIS_HASH, base).toString('hex');
    for (const [k, v] of Object.entries({ seq: 2, actorName: 'b', purpose: 'q', detail: { a: 1 }, at: new Date(1) })) {
      assert.notEqual(entryHash(GENESIS_HASH, { ...base, [k]: v }).toString('hex'), h, k);
    }
    assert.notEqual(entryHash(Buffer.alloc(32, 1), base).toString('hex'), h, 'previous hash');
  });
});

for (const engine of testEngines()) {
  describe(`audit log (${engine})`, () => {
    let t: TestContext;
    before(async () => {
      t = await testContext(engine);
    });
    after(() => t.close());

    it('chains entries and verifies a clean log', async () => {
      for (let i = 0; i < 20; i++) {
        await writeAudit(t.ctx.db, { actor, purpose: 'oversight', action: 'audit.read', summary: { i, note: 'ñandú' } });
      }
      const report = await verifyAuditLog(t.ctx.db);
      assert.deepEqual(report.problems, []);
      assert.equal(report.entries, 20);
    });

    it('keeps every chain gapless under concurrent writers', async () => {
      await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          t.ctx.db.transaction().execute(async (tx) => {
            await writeAudit(tx, { actor, purpose: 'oversight', action: 'audit.read', summary: { i } });
          }),
        ),
      );
      const report = await verifyAuditLog(t.ctx.db);
      assert.deepEqual(report.problems, []);
      const chains = await t.ctx.db.selectFrom('audit_entry').select('chain').distinct().execute();
      assert.ok(chains.every((c) => c.chain >= 0 && c.chain < AUDIT_CHAINS));
    });

    it('chains a batch like single entries', async () => {
      await writeAuditBatch(t.ctx.db, Array.from({ length: 2500 }, (_, i) => ({ actor, purpose: 'enrolment' as const, action: 'registry.person_enrolled' as const, subject: { type: 'person', id: `p${i}` } })));
      const report = await verifyAuditLog(t.ctx.db);
      assert.deepEqual(report.problems, []);
    });

    it('rolls the entry back with the change it records', async () => {
      const before = await t.ctx.db.selectFrom('audit_entry').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      await assert.rejects(
        t.ctx.db.transaction().execute(async (tx) => {
          await writeAudit(tx, { actor, purpose: 'oversight', action: 'audit.read' });
          throw new Error('the change failed');
        }),
      );
      const after = await t.ctx.db.selectFrom('audit_entry').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(before.n));
      assert.deepEqual((await verifyAuditLog(t.ctx.db)).problems, []);
    });

    it('is refused UPDATE, DELETE and TRUNCATE by the database itself', async () => {
      await assert.rejects(sql`update audit_entry set actor_name = 'x'`.execute(t.ctx.db), /append-only/);
      await assert.rejects(sql`delete from audit_entry`.execute(t.ctx.db), /append-only/);
      await assert.rejects(sql`truncate audit_entry`.execute(t.ctx.db), /append-only/);
      await assert.rejects(sql`truncate audit_checkpoint`.execute(t.ctx.db), /append-only/);
    });

    it('signs checkpoints that verify with the published key', async () => {
      const cp = await makeCheckpoint(t.ctx.db, t.ctx.keys, 'https://amparo.test', SYSTEM_ACTOR);
      const payload = parseCheckpointPayload(cp.payload);
      assert.ok(payload.heads.length >= 1);
      const publicKey = await t.ctx.keys.publicKey(cp.kid);
      assert.ok(publicKey && verifyEd25519(publicKey, Buffer.from(cp.payload), cp.signature));
      assert.ok(!verifyEd25519(publicKey, Buffer.from(cp.payload.replace('"count":', '"count":1')), cp.signature));
      const report = await verifyAuditLog(t.ctx.db);
      assert.deepEqual(report.problems, []);
      assert.equal(report.checkpoints, 1);
      await assert.rejects(sql`delete from audit_checkpoint`.execute(t.ctx.db), /append-only/);
      await assert.rejects(sql`update audit_checkpoint set payload = '{}'`.execute(t.ctx.db), /append-only/);
    });

    it('appends after the real head when the head read with the chain lock was stale', async () => {
      await t.ctx.db.transaction().execute(async (tx) => {
        const audit = await prepareAudit(tx);
        const at = new Date();
        // Another entry lands on the chain after the head was read: the head is stale now.
        assert.equal((await insertEntriesGuarded(tx, audit.rows([{ actor, purpose: 'oversight', action: 'audit.read', summary: { first: true } }], at))).length, 1);
        const stale = audit.rows([{ actor, purpose: 'oversight', action: 'audit.read', summary: { second: true } }], at);
        assert.deepEqual(await insertEntriesGuarded(tx, stale), [], 'the guard refuses an entry after a stale head');
        const ids = await appendAfterStaleHead(tx, audit.chain, [{ actor, purpose: 'oversight', action: 'audit.read', summary: { second: true } }], at);
        assert.equal(ids.length, 1);
      });
      assert.deepEqual((await verifyAuditLog(t.ctx.db)).problems, []);
    });

    if (engine === 'postgres') {
      it('takes exactly one chain, a free one, in one statement', async () => {
        // Hold every chain but one in other transactions; the writer must take the free one.
        const free = 5;
        const release: (() => void)[] = [];
        const transactions: Promise<void>[] = [];
        const holders = Array.from({ length: AUDIT_CHAINS }, (_, c) => c)
          .filter((c) => c !== free)
          .map(
            (c) =>
              new Promise<void>((held) => {
                transactions.push(
                  t.ctx.db.transaction().execute(async (tx) => {
                    await sql`SELECT pg_advisory_xact_lock(4242100, ${c}::int)`.execute(tx);
                    held();
                    await new Promise<void>((done) => release.push(done));
                  }),
                );
              }),
          );
        await Promise.all(holders);
        try {
          await t.ctx.db.transaction().execute(async (tx) => {
            const head = await lockChainHead(tx);
            assert.equal(head.chain, free);
            const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`.execute(tx);
            assert.equal(rows[0]!.n, 1, 'no other chain is locked on the way');
          });
        } finally {
          release.forEach((done) => done());
          await Promise.all(transactions);
        }
      });
    }

    if (engine === 'postgres') {
      it('waits for a chain when every one is busy, then appends after the entry its holder committed meanwhile', async () => {
        const release: (() => void)[] = [];
        const holders = Array.from({ length: AUDIT_CHAINS }, (_, c) =>
          t.ctx.db.transaction().execute(async (tx) => {
            await sql`SELECT pg_advisory_xact_lock(4242100, ${c}::int)`.execute(tx);
            await new Promise<void>((go) => release.push(go));
            // Every other chain is busy: this holder appends to its own chain, after the waiting writer's snapshot.
            await writeAudit(tx, { actor, purpose: 'oversight', action: 'audit.read', summary: { holder: c } });
          }),
        );
        while (release.length < AUDIT_CHAINS) await new Promise((r) => setImmediate(r));
        const writer = t.ctx.db.transaction().execute((tx) => writeAudit(tx, { actor, purpose: 'oversight', action: 'audit.read', summary: { waited: true } }));
        for (;;) {
          const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`.execute(t.ctx.db);
          if (rows[0]!.n > 0) break;
          await new Promise((r) => setImmediate(r));
        }
        release.forEach((done) => done());
        await Promise.all(holders);
        await writer;
        assert.deepEqual((await verifyAuditLog(t.ctx.db)).problems, []);
      });
    }

    it('names the altered entry when a row is changed behind its back', async () => {
      const victim = await t.ctx.db.selectFrom('audit_entry').select(['id', 'chain', 'seq']).orderBy('id').offset(5).limit(1).executeTakeFirstOrThrow();
      await tamper(t, sql`update audit_entry set purpose = 'statistics' where id = ${victim.id}`);
      const report = await verifyAuditLog(t.ctx.db);
      assert.equal(report.ok, false);
      const problem = report.problems.find((p) => p.chain === victim.chain);
      assert.equal(problem?.entryId, victim.id);
      assert.match(problem!.reason, /altered/);

      // A broken chain longer than a page is still walked to its end (it once re-read one page forever).
      const total = (await verifyAuditLog(t.ctx.db)).entries;
      const paged = await verifyAuditLog(t.ctx.db, 2);
      assert.equal(paged.entries, total);
      assert.equal(paged.problems.find((p) => p.chain === victim.chain)?.entryId, victim.id);
    });

    it('walks a chain above today\'s chain count too: an entry slipped in there is not out of sight', async () => {
      const chain = AUDIT_CHAINS + 3;
      await tamper(
        t,
        sql`insert into audit_entry (chain, seq, at, actor_name, role, purpose, action, outcome, detail, prev_hash, hash)
            values (${chain}, 1, now(), 'nadie', 'system', 'oversight', 'audit.read', 'success', '{}'::jsonb, ${GENESIS_HASH}, ${Buffer.alloc(32, 7)})`,
      );
      const report = await verifyAuditLog(t.ctx.db);
      assert.ok(report.problems.some((p) => p.chain === chain && p.seq === 1 && /altered/.test(p.reason)), JSON.stringify(report.problems));
    });
  });

  describe(`audit log deletions (${engine})`, () => {
    let t: TestContext;
    before(async () => {
      t = await testContext(engine);
    });
    after(() => t.close());

    it('shows a deleted middle entry as a gap, and a deleted tail through the checkpoint', async () => {
      for (let i = 0; i < 40; i++) await writeAudit(t.ctx.db, { actor, purpose: 'oversight', action: 'audit.read', summary: { i } });
      await makeCheckpoint(t.ctx.db, t.ctx.keys, 'https://amparo.test');
      const head = await t.ctx.db.selectFrom('audit_entry').select(['chain', 'seq']).where('action', '=', 'audit.read').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      // Delete the newest read on that chain: no gap remains, only the checkpoint knows.
      await tamper(t, sql`delete from audit_entry where chain = ${head.chain} and seq >= ${head.seq}`);
      let report = await verifyAuditLog(t.ctx.db);
      assert.equal(report.ok, false);
      assert.ok(report.problems.some((p) => /missing \(entries were deleted\)/.test(p.reason)), JSON.stringify(report.problems));

      const middle = await t.ctx.db.selectFrom('audit_entry').select(['chain', 'seq']).where('seq', '=', 2).limit(1).executeTakeFirstOrThrow();
      await tamper(t, sql`delete from audit_entry where chain = ${middle.chain} and seq = 2`);
      report = await verifyAuditLog(t.ctx.db);
      assert.ok(report.problems.some((p) => p.chain === middle.chain && p.seq === 3 && /missing/.test(p.reason)));
    });
  });
}

/** What an intruder with superuser rights does: switch the guard off, rewrite, switch it on. */
async function tamper(t: TestContext, statement: ReturnType<typeof sql>) {
  await t.ctx.db.connection().execute(async (conn) => {
    await sql`alter table audit_entry disable trigger audit_entry_append_only`.execute(conn);
    try {
      await statement.execute(conn);
    } finally {
      await sql`alter table audit_entry enable trigger audit_entry_append_only`.execute(conn);
    }
  });
}
