import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { generatePopulation } from './generate-population.ts';

const PARISHES = [
  { code: 'AN-01-01', name: 'La Pastora' },
  { code: 'AN-01-02', name: 'La Esperanza' },
  { code: 'CO-01-01', name: 'El Cerrito' },
];

/**
 * A way to force a full collection, so that heap figures measure what is kept, not
 * garbage not yet collected: `global.gc` under --expose-gc, otherwise the flag set
 * at run time and gc taken from a fresh context (a documented V8 behaviour).
 */
function findGc(): (() => void) | undefined {
  if (typeof globalThis.gc === 'function') return () => globalThis.gc!();
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

describe('generatePopulation: streaming', () => {
  it('does no work ahead: the first households of ten million come without making the rest', () => {
    const population = generatePopulation({ seed: 'lazy', households: 10_000_000, duplicates: 1_000_000, parishes: PARISHES, today: '2026-12-01' });
    let n = 0;
    for (const h of population) {
      assert.ok(h.members.length > 0, h.externalId);
      if (++n === 1000) break;
    }
    assert.equal(n, 1000);
  });

  it('streams 200,000 households (with 20,000 duplicates) in constant memory', (t) => {
    const gc = findGc();
    const heap = () => {
      gc?.();
      return process.memoryUsage().heapUsed;
    };
    const households = 200_000;
    let seen = 0;
    let duplicates = 0;
    let baseline = 0;
    const samples: number[] = [];
    for (const h of generatePopulation({ seed: 'stream', households, duplicates: 20_000, parishes: PARISHES, today: '2026-12-01' })) {
      seen++;
      duplicates += h.plantedDuplicates.length;
      // Past the warm-up (tables built, code optimised, the duplicate buffer filled), then every 30,000.
      if (seen === 10_000) baseline = heap();
      else if (seen > 10_000 && seen % 30_000 === 0) samples.push(heap());
    }
    assert.equal(duplicates, 20_000);
    assert.ok(seen >= households, `${seen} households`);
    const growth = Math.max(...samples) - baseline;
    // With a real collection, what is kept must stay flat; without one, only a loose bound is honest.
    const bound = gc ? 8 * 2 ** 20 : 96 * 2 ** 20;
    const mb = (x: number) => `${(x / 2 ** 20).toFixed(1)} MB`;
    t.diagnostic(`heap after gc: baseline ${mb(baseline)}, then ${samples.map(mb).join(', ')} (gc: ${Boolean(gc)})`);
    assert.ok(growth < bound, `heap grew by ${mb(growth)} over ${seen} households (baseline ${mb(baseline)}, samples ${samples.map(mb).join(', ')}, gc: ${Boolean(gc)})`);
  });
});
