import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseDocumentNumber, normaliseDocumentType, normaliseName } from './normalise.ts';

describe('normaliseName', () => {
  it('folds case, accents and ñ, and drops punctuation', () => {
    assert.deepEqual(normaliseName('  PÉREZ-Rodríguez '), ['perez', 'rodriguez']);
    assert.deepEqual(normaliseName('Núñez  Muñoz'), ['nunez', 'munoz']);
    assert.deepEqual(normaliseName('Agüero, Ibáñez.'), ['aguero', 'ibanez']);
    assert.deepEqual(normaliseName('José\u0301 Mari\u0301a'), ['jose', 'maria']); // combining accents typed separately
  });

  it('joins a stray accent or apostrophe instead of splitting the word', () => {
    assert.deepEqual(normaliseName('Pe´rez'), ['perez']);
    assert.deepEqual(normaliseName("D'Ángelo O'Brien"), ['dangelo', 'obrien']);
    assert.deepEqual(normaliseName('Nun~ez'), ['nunez']);
  });

  it('removes particles but keeps a name made only of particles', () => {
    assert.deepEqual(normaliseName('María de los Ángeles'), ['maria', 'angeles']);
    assert.deepEqual(normaliseName('Ortega y Gasset'), ['ortega', 'gasset']);
    assert.deepEqual(normaliseName('de la Cruz del Valle'), ['cruz', 'valle']);
    assert.deepEqual(normaliseName('da Silva dos Santos'), ['silva', 'santos']);
    assert.deepEqual(normaliseName('van der Berg', { part: 'family' }), ['der', 'berg']);
    assert.deepEqual(normaliseName('De La', { part: 'family' }), ['de', 'la']);
  });

  it('expands registrars\' abbreviations of given names only', () => {
    assert.deepEqual(normaliseName('Ma. José'), ['maria', 'jose']);
    assert.deepEqual(normaliseName('Mª del Carmen'), ['maria', 'carmen']);
    assert.deepEqual(normaliseName('Fco. Javier'), ['francisco', 'javier']);
    assert.deepEqual(normaliseName('Jse. Gmo.'), ['jose', 'guillermo']);
    assert.deepEqual(normaliseName('Ma', { part: 'family' }), ['ma']);
    assert.deepEqual(normaliseName('Glez. Rguez.', { part: 'family' }), ['gonzalez', 'rodriguez']);
  });

  it('returns no tokens for empty or symbol-only text', () => {
    assert.deepEqual(normaliseName(''), []);
    assert.deepEqual(normaliseName(' -. 123 '), []);
  });
});

describe('document numbers and types', () => {
  it('compare without separators, case or leading zeros', () => {
    assert.equal(normaliseDocumentNumber('V-01.234.567'), 'V1234567');
    assert.equal(normaliseDocumentNumber('v1234567'), 'V1234567');
    assert.equal(normaliseDocumentNumber('0012 3456'), '123456');
    assert.equal(normaliseDocumentType('Cédula de identidad'), 'cedula_de_identidad');
    assert.equal(normaliseDocumentType(' PASSPORT '), 'passport');
  });
});
