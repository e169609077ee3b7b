import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testContext, type TestContext } from '../../test/support/app.ts';
import { testEngines } from '../../test/support/databases.ts';
import { enqueueSms } from './enqueue-sms.ts';
import { MAX_ATTEMPTS, sendPendingNotifications } from './send-notifications.ts';
import { FileSmsProvider, type SmsProvider } from './sms-provider.ts';

const dir = mkdtempSync(join(tmpdir(), 'amparo-sms-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { to: string; body: string; ref: string }) : []);

/** The cases every SMS provider passes (STYLE.md: one conformance suite per swappable adapter). */
const providers: { name: string; make(): { provider: SmsProvider; delivered(): { to: string; body: string }[] } }[] = [
  {
    name: 'file',
    make() {
      const file = join(dir, `conformance-${Math.random()}.log`);
      return { provider: new FileSmsProvider(file), delivered: () => lines(file) };
    },
  },
];

for (const p of providers) {
  describe(`SMS provider conformance: ${p.name}`, () => {
    it('delivers the message whole, once per send, with a reference of its own', async () => {
      const { provider, delivered } = p.make();
      const a = await provider.send('+58 412 5550101', 'amparo: recibo 1. Caja: 1 × caja.');
      const b = await provider.send('+58 412 5550102', 'línea con acentos y "comillas"\nen dos líneas');
      assert.notEqual(a.providerRef, b.providerRef);
      assert.deepEqual(delivered().map((d) => [d.to, d.body]), [
        ['+58 412 5550101', 'amparo: recibo 1. Caja: 1 × caja.'],
        ['+58 412 5550102', 'línea con acentos y "comillas"\nen dos líneas'],
      ]);
    });
  });
}

for (const engine of testEngines()) {
  describe(`notification outbox (${engine})`, () => {
    let t: TestContext;
    before(async () => {
      t = await testContext(engine);
    });
    after(() => t.close());

    it('queues a message with the transaction that commits, and none with one that rolls back', async () => {
      await t.ctx.db.transaction().execute((tx) => enqueueSms(tx, { to: '+58 412 0000001', template: 'receipt', body: 'confirmado', about: { type: 'redemption', id: 'a' } }));
      await assert.rejects(
        t.ctx.db.transaction().execute(async (tx) => {
          await enqueueSms(tx, { to: '+58 412 0000002', template: 'receipt', body: 'deshecho', about: { type: 'redemption', id: 'b' } });
          throw new Error('the redemption failed');
        }),
        /the redemption failed/,
      );
      const rows = await t.ctx.db.selectFrom('notification').select(['recipient', 'body']).execute();
      assert.deepEqual(rows, [{ recipient: '+58 412 0000001', body: 'confirmado' }]);
      await assert.rejects(enqueueSms(t.ctx.db, { to: 'x', template: 'receipt', body: 'fuera de una transacción' }), /inside the transaction/);
    });

    it('sends each message once, in order, even when the sender runs twice', async () => {
      await t.ctx.db.transaction().execute((tx) => enqueueSms(tx, { to: '+58 412 0000003', template: 'receipt', body: 'segundo' }));
      const file = join(dir, `outbox-${engine}.log`);
      const provider = new FileSmsProvider(file);
      assert.deepEqual(await sendPendingNotifications(t.ctx.db, provider), { sent: 2, failed: 0, ran: true });
      assert.deepEqual(await sendPendingNotifications(t.ctx.db, provider), { sent: 0, failed: 0, ran: true });
      assert.deepEqual(lines(file).map((l) => l.body), ['confirmado', 'segundo']);
      const deliveries = await t.ctx.db.selectFrom('notification_delivery').selectAll().execute();
      assert.equal(deliveries.length, 2);
      assert.ok(deliveries.every((d) => d.outcome === 'sent' && d.provider === 'file' && d.attempt === 1));
    });

    it('moves its starting point past what is done, but never past the last minute', async () => {
      const file = join(dir, `progress-${engine}.log`);
      const provider = new FileSmsProvider(file);
      const progress = { afterSeq: 0 };
      await t.ctx.db.transaction().execute((tx) => enqueueSms(tx, { to: '+58 412 0000010', template: 'receipt', body: 'tercero' }));
      assert.equal((await sendPendingNotifications(t.ctx.db, provider, () => new Date(), progress)).sent, 1);
      assert.equal(progress.afterSeq, 0, 'a message of the last minute may still have a lower seq committing');
      await t.ctx.db.transaction().execute((tx) => enqueueSms(tx, { to: '+58 412 0000011', template: 'receipt', body: 'cuarto' }));
      const later = () => new Date(Date.now() + 2 * 60_000);
      assert.equal((await sendPendingNotifications(t.ctx.db, provider, later, progress)).sent, 1);
      const last = await t.ctx.db.selectFrom('notification').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      assert.equal(progress.afterSeq, Number(last.seq));
      await t.ctx.db.transaction().execute((tx) => enqueueSms(tx, { to: '+58 412 0000012', template: 'receipt', body: 'quinto' }));
      assert.equal((await sendPendingNotifications(t.ctx.db, provider, later, progress)).sent, 1);
      assert.deepEqual(lines(file).map((l) => l.body), ['tercero', 'cuarto', 'quinto']);
    });

    it('never rewrites a message or a delivery: the database refuses it', async () => {
      await assert.rejects(sql`UPDATE notification SET body = 'otro texto'`.execute(t.ctx.db));
      await assert.rejects(sql`DELETE FROM notification_delivery`.execute(t.ctx.db));
      await assert.rejects(sql`TRUNCATE notification_delivery`.execute(t.ctx.db));
      await assert.rejects(sql`TRUNCATE notification CASCADE`.execute(t.ctx.db));
      assert.ok((await t.ctx.db.selectFrom('notification_delivery').select('attempt').execute()).length > 0);
    });

    it('records a failed attempt, waits before retrying, and stops after the last attempt', async () => {
      await t.ctx.db.transaction().execute((tx) => enqueueSms(tx, { to: '+58 412 0000004', template: 'receipt', body: 'falla' }));
      const failing: SmsProvider = { name: 'failing', send: () => Promise.reject(new Error('gateway down')) };
      let clock = Date.now();
      const now = () => new Date(clock);
      assert.deepEqual(await sendPendingNotifications(t.ctx.db, failing, now), { sent: 0, failed: 1, ran: true });
      assert.deepEqual(await sendPendingNotifications(t.ctx.db, failing, now), { sent: 0, failed: 0, ran: true }, 'too soon to retry');
      for (let i = 2; i <= MAX_ATTEMPTS; i++) {
        clock += 60 * 60_000;
        assert.deepEqual(await sendPendingNotifications(t.ctx.db, failing, now), { sent: 0, failed: 1, ran: true });
      }
      clock += 60 * 60_000;
      assert.deepEqual(await sendPendingNotifications(t.ctx.db, failing, now), { sent: 0, failed: 0, ran: true }, 'left for an operator');
      const attempts = await t.ctx.db.selectFrom('notification_delivery').selectAll().where('outcome', '=', 'failed').orderBy('attempt').execute();
      assert.deepEqual(attempts.map((a) => [a.attempt, a.error]), Array.from({ length: MAX_ATTEMPTS }, (_, i) => [i + 1, 'gateway down']));
    });
  });
}
