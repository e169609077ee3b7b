import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextBatch, settleBatch, SYNC_BATCH_SIZE, type QueuedRecord } from '../../web/src/terminal/redemption-queue.ts';
import { revokedDeviceStep } from '../../web/src/terminal/revoked-device.ts';
import { precacheFiles, type BundleFile } from '../../web/src/terminal/service-worker/precache-plugin.ts';
import type { RedemptionRecord } from '../../web/src/terminal/terminal-types.ts';

/**
 * The offline queue as data (web/src/terminal/redemption-queue.ts): a record leaves it
 * only when the server kept it (recorded, duplicate, or a conflict for a supervisor);
 * a refused one stays with its reason and is not sent again by itself. And the list
 * of files the service worker keeps for /terminal to open offline.
 */
function queued(n: number, refused = false): QueuedRecord {
  const record: RedemptionRecord = {
    id: `r-${String(n).padStart(4, '0')}`,
    terminalId: 't-1',
    agentId: 'a-1',
    cycleId: 'c-food',
    subject: `hh-${n}`,
    cardNumber: 'ACDE2345679',
    quantity: '1',
    payment: { method: 'cash', amount: '1500.00', currency: 'VES' },
    redeemedAt: new Date(Date.UTC(2026, 11, 10, 9, 0, n)).toISOString(),
  };
  return { record, signature: 'sig', queuedAt: record.redeemedAt, ...(refused ? { refused: { code: 'X', message: 'no', at: '' } } : {}) };
}

describe('the next batch of the queue', () => {
  it('sends the oldest first, at most one batch, and never a refused record', () => {
    const queue = [queued(3), queued(1, true), queued(2), ...Array.from({ length: 600 }, (_, i) => queued(10 + i))].reverse();
    const batch = nextBatch(queue);
    assert.equal(batch.length, SYNC_BATCH_SIZE);
    assert.deepEqual(batch.slice(0, 3).map((q) => q.record.id), ['r-0002', 'r-0003', 'r-0010']);
    assert.ok(batch.every((q) => !q.refused));
    assert.deepEqual(nextBatch([queued(1, true)]), []);
  });
});

describe('a sync answer applied to the batch sent', () => {
  const now = new Date('2026-12-10T12:00:00.000Z');

  it('settles recorded, duplicate and conflict; keeps refused with the reason; keeps what was not answered', () => {
    const sent = [queued(1), queued(2), queued(3), queued(4), queued(5)];
    const outcome = settleBatch(
      sent,
      [
        { id: 'r-0001', status: 'recorded' },
        { id: 'r-0002', status: 'duplicate' },
        { id: 'r-0003', status: 'conflict', conflict: { id: 'k-1', reason: 'already_redeemed', conflictsWith: ['x'] } },
        { id: 'r-0004', status: 'refused', error: { code: 'TERMINAL_SIGNATURE_INVALID', message: 'bad signature' } },
        { id: 'r-9999', status: 'recorded' },
        { id: 'r-0001', status: 'refused' },
      ],
      now,
      new Map([['c-food', { es: 'Caja de alimentos', en: 'Food box' }]]),
    );
    assert.deepEqual(outcome.settled, ['r-0001', 'r-0002', 'r-0003']);
    assert.deepEqual(outcome.refused.map((q) => [q.record.id, q.refused?.code, q.refused?.message]), [['r-0004', 'TERMINAL_SIGNATURE_INVALID', 'bad signature']]);
    assert.deepEqual(outcome.unanswered, ['r-0005']);
    assert.deepEqual(outcome.conflicts, [
      { id: 'k-1', reason: 'already_redeemed', programName: { es: 'Caja de alimentos', en: 'Food box' }, cardNumber: 'ACDE2345679', redeemedAt: sent[2]!.record.redeemedAt, reportedAt: now.toISOString() },
    ]);
  });
});

describe('the files the service worker keeps', () => {
  const chunk = (fileName: string, extra: Partial<BundleFile> = {}): BundleFile => ({ type: 'chunk', fileName, imports: [], dynamicImports: [], ...extra });

  it('are the entry with its static imports and the terminal chunk with all it loads, plus the shell and the manifest', () => {
    const bundle: Record<string, BundleFile> = {
      'assets/index.js': chunk('assets/index.js', { isEntry: true, imports: ['assets/shared.js'], dynamicImports: ['assets/console.js', 'assets/terminal-app.js'], viteMetadata: { importedCss: new Set(['assets/index.css']) } }),
      'assets/shared.js': chunk('assets/shared.js'),
      'assets/console.js': chunk('assets/console.js', { imports: ['assets/console-only.js'] }),
      'assets/console-only.js': chunk('assets/console-only.js'),
      'assets/terminal-app.js': chunk('assets/terminal-app.js', { facadeModuleId: '/w/web/src/terminal/terminal-app.tsx', imports: ['assets/shared.js', 'assets/result.js'], dynamicImports: ['assets/qr-decoder.js'], viteMetadata: { importedCss: new Set(['assets/terminal.css']) } }),
      'assets/result.js': chunk('assets/result.js'),
      'assets/qr-decoder.js': chunk('assets/qr-decoder.js'),
      'assets/index.css': { type: 'asset', fileName: 'assets/index.css' },
    };
    assert.deepEqual(precacheFiles(bundle, ['/index.html', '/terminal.webmanifest']), [
      '/assets/index.css',
      '/assets/index.js',
      '/assets/qr-decoder.js',
      '/assets/result.js',
      '/assets/shared.js',
      '/assets/terminal-app.js',
      '/assets/terminal.css',
      '/index.html',
      '/terminal.webmanifest',
    ]);
    const { 'assets/terminal-app.js': _, ...withoutTerminal } = bundle;
    assert.throws(() => precacheFiles(withoutTerminal), /no chunk for terminal/);
  });
});

describe('what a revoked device does with its queue', () => {
  const live = { sessionLive: true, sent: false };
  it('wipes at once only when nothing waits', () => {
    assert.deepEqual(revokedDeviceStep([], live), { kind: 'wipe' });
    assert.deepEqual(revokedDeviceStep([], { sessionLive: false, sent: false }), { kind: 'wipe' });
    assert.deepEqual(revokedDeviceStep([], { sessionLive: true, sent: true }), { kind: 'wipe' }, 'every record was answered and kept by the server');
  });
  it('sends everything once when a session is live, refused records included', () => {
    assert.deepEqual(revokedDeviceStep([queued(1)], live), { kind: 'send' });
    assert.deepEqual(revokedDeviceStep([queued(1, true)], live), { kind: 'send' });
  });
  it('keeps unanswered records, sealed, until an agent signs in online — never wipes them', () => {
    assert.deepEqual(revokedDeviceStep([queued(1), queued(2, true)], { sessionLive: false, sent: false }), { kind: 'waitForSignIn', waiting: 1 });
    // Sent, but the network went before the answer: still waiting, still kept.
    assert.deepEqual(revokedDeviceStep([queued(1), queued(2)], { sessionLive: true, sent: true }), { kind: 'waitForSignIn', waiting: 2 });
  });
  it('keeps refused records for a supervisor to see once the server has answered all of them', () => {
    const refused = [queued(1, true), queued(2, true)];
    const step = revokedDeviceStep(refused, { sessionLive: true, sent: true });
    assert.equal(step.kind, 'keepRefused');
    assert.deepEqual(step.kind === 'keepRefused' && step.refused.map((q) => q.record.id), ['r-0001', 'r-0002']);
    assert.equal(revokedDeviceStep(refused, { sessionLive: false, sent: false }).kind, 'keepRefused');
  });
});
