import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoise, memoisePair } from './memo.ts';

describe('memoise', () => {
  it('answers as the function does, computing each key once until the cache is full', () => {
    const calls: string[] = [];
    const upper = memoise((s) => {
      calls.push(s);
      return s.toUpperCase();
    }, 2);
    assert.equal(upper('a'), 'A');
    assert.equal(upper('a'), 'A');
    assert.equal(upper('b'), 'B');
    assert.deepEqual(calls, ['a', 'b']);
    assert.equal(upper('c'), 'C', 'full: emptied, then kept');
    assert.equal(upper('a'), 'A');
    assert.deepEqual(calls, ['a', 'b', 'c', 'a']);
  });

  it('caches undefined answers too', () => {
    let n = 0;
    const nothing = memoise(() => {
      n++;
      return undefined;
    });
    nothing('x');
    nothing('x');
    assert.equal(n, 1);
  });
});

describe('memoisePair', () => {
  it('keeps (a, b) and (b, a) apart, and stays bounded', () => {
    let n = 0;
    const concat = memoisePair((a, b) => {
      n++;
      return `${a}${b}`;
    }, 3);
    assert.equal(concat('a', 'b'), 'ab');
    assert.equal(concat('b', 'a'), 'ba');
    assert.equal(concat('a', 'b'), 'ab');
    assert.equal(n, 2);
    concat('c', 'd');
    concat('e', 'f');
    assert.equal(concat('a', 'b'), 'ab');
    assert.equal(n, 5, 'emptied when full');
  });
});
