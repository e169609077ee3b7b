import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareNameTokens, tokenSimilarity, TOKEN_MATCH } from './compare-names.ts';
import { normaliseName } from './normalise.ts';

const compare = (a: string, b: string) => {
  const forward = compareNameTokens(normaliseName(a), normaliseName(b));
  const backward = compareNameTokens(normaliseName(b), normaliseName(a));
  assert.equal(forward?.agreement, backward?.agreement, `symmetric: ${a} / ${b}`);
  return forward;
};

describe('tokenSimilarity', () => {
  it('matches typing slips and same-sounding spellings', () => {
    for (const [a, b] of [['rodriguez', 'rodirguez'], ['fernando', 'frenando'], ['pedro', 'pefro'], ['rosa', 'risa'], ['gabriel', 'gabrdl'], ['yepez', 'llepez'], ['hernandez', 'ernandes']]) {
      assert.ok(tokenSimilarity(a!, b!) >= TOKEN_MATCH, `${a} / ${b}`);
    }
  });
  it('keeps apart different names that string metrics find close', () => {
    for (const [a, b] of [['maria', 'marisol'], ['daniel', 'daniela'], ['mario', 'maria'], ['carlos', 'carla'], ['rosa', 'rosalba'], ['jose', 'josefina'], ['alberto', 'roberto'], ['carolina', 'catalina'], ['luis', 'luisa'], ['ana', 'ada']]) {
      assert.ok(tokenSimilarity(a!, b!) < TOKEN_MATCH, `${a} / ${b}`);
    }
  });
  it('lets an initial match a name with the same first letter', () => {
    assert.ok(tokenSimilarity('j', 'jose') >= TOKEN_MATCH);
    assert.equal(tokenSimilarity('j', 'maria'), 0);
  });
});

describe('compareNameTokens', () => {
  it('classifies agreement from equal to different', () => {
    assert.equal(compare('María José', 'Maria Jose')?.agreement, 'equal');
    assert.equal(compare('Yesenia', 'Llesenia')?.agreement, 'sound_alike');
    assert.equal(compare('Rodríguez Pérez', 'Rodirguez Perez')?.agreement, 'similar');
    assert.equal(compare('María José', 'María')?.agreement, 'subset');
    assert.equal(compare('J. Carlos', 'Juan Carlos')?.agreement, 'subset');
    assert.equal(compare('María José', 'María Fernanda')?.agreement, 'partial');
    assert.equal(compare('Pedro', 'Luis')?.agreement, 'different');
    assert.equal(compare('Mariajosé', 'María José')?.agreement, 'sound_alike');
    assert.equal(compare('', 'Pedro'), null);
  });
  it('says which tokens it took for the same name', () => {
    assert.deepEqual(compare('María José', 'Jose Maria')?.matched, [['maria', 'maria'], ['jose', 'jose']]);
    assert.deepEqual(compare('Rodríguez Pérez', 'Rodirguez')?.matched, [['rodriguez', 'rodirguez']]);
    assert.deepEqual(compare('Pedro', 'Luis')?.matched, []);
  });
  it('notices a shared family name in another place', () => {
    const moved = compare('Hernández Rojas', 'González Hernández');
    assert.deepEqual([moved?.agreement, moved?.reordered], ['partial', true]);
    const kept = compare('Hernández Rojas', 'Hernández González');
    assert.deepEqual([kept?.agreement, kept?.reordered], ['partial', false]);
  });
  it('notices names in another order and a missing first name', () => {
    const reordered = compare('José María', 'María José');
    assert.deepEqual([reordered?.agreement, reordered?.reordered], ['equal', true]);
    const second = compare('Camila Isabel', 'Isabel');
    assert.deepEqual([second?.agreement, second?.firstMissing], ['subset', true]);
    const first = compare('Camila Isabel', 'Camila');
    assert.deepEqual([first?.agreement, first?.firstMissing], ['subset', false]);
  });
});
