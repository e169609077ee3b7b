import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jaroWinkler, typingDistance } from './string-similarity.ts';

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 0.001, `${actual} ≠ ${expected}`);

describe('jaroWinkler', () => {
  it('matches the published values', () => {
    close(jaroWinkler('martha', 'marhta'), 0.961);
    close(jaroWinkler('dwayne', 'duane'), 0.84);
    close(jaroWinkler('dixon', 'dicksonx'), 0.813);
  });
  it('is 1 for equal strings, 0 for nothing in common or an empty one, and symmetric', () => {
    assert.equal(jaroWinkler('maria', 'maria'), 1);
    assert.equal(jaroWinkler('abc', 'xyz'), 0);
    assert.equal(jaroWinkler('', 'maria'), 0);
    assert.equal(jaroWinkler('rodriguez', 'rodirguez'), jaroWinkler('rodirguez', 'rodriguez'));
  });
});

describe('typingDistance', () => {
  it('counts insertions, deletions, substitutions and neighbour swaps as one slip each', () => {
    assert.equal(typingDistance('perez', 'perez'), 0);
    assert.equal(typingDistance('perez', 'pereez'), 1);
    assert.equal(typingDistance('perez', 'prez'), 1);
    assert.equal(typingDistance('perez', 'peres'), 1);
    assert.equal(typingDistance('perez', 'perze'), 1);
    assert.equal(typingDistance('alberto', 'roberto'), 2);
    assert.equal(typingDistance('', 'ana'), 3);
  });
});
