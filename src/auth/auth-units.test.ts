import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../shared/domain-error.ts';
import { assertStrongPassword, hashPassword, verifyPassword } from './passwords.ts';
import { coversProgram, coversRegion } from './roles.ts';
import { acceptTotp, currentTotp, newTotpSecret } from './totp.ts';

describe('passwords', () => {
  it('hashes with Argon2id and verifies', async () => {
    const h = await hashPassword('Tortuga-Lenta-42');
    assert.match(h, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await verifyPassword(h, 'Tortuga-Lenta-42'), true);
    assert.equal(await verifyPassword(h, 'Tortuga-Lenta-43'), false);
    assert.equal(await verifyPassword('not a hash', 'x'), false);
  });

  it('refuses weak passwords with reasons', () => {
    for (const [password, reason] of [
      ['short', /12 characters/],
      ['aaaaaaaaaaaaaaaa', /5 different/],
      ['maria.gonzalez-2026', /username/],
      ['Contraseña', /12 characters|well-known/],
      ['administrador', /well-known/],
    ] as const) {
      assert.throws(() => assertStrongPassword(password, 'maria.gonzalez'), (e: DomainError) => e.code === 'RULE_VIOLATION' && reason.test(e.message), password);
    }
    assert.doesNotThrow(() => assertStrongPassword('el río suena, agua lleva', 'maria'));
  });
});

describe('TOTP', () => {
  const secret = newTotpSecret();
  const now = Date.UTC(2026, 10, 29, 12, 0, 10);
  it('accepts the current code and the neighbouring steps only', () => {
    assert.notEqual(acceptTotp(secret, currentTotp(secret, now), null, now), null);
    assert.notEqual(acceptTotp(secret, currentTotp(secret, now - 30_000), null, now), null);
    assert.equal(acceptTotp(secret, currentTotp(secret, now - 120_000), null, now), null);
    assert.equal(acceptTotp(secret, 'abcdef', null, now), null);
    assert.equal(acceptTotp(secret, currentTotp(newTotpSecret(), now), null, now), null);
  });
  it('refuses a code of a step already used', () => {
    const step = acceptTotp(secret, currentTotp(secret, now), null, now)!;
    assert.equal(acceptTotp(secret, currentTotp(secret, now), step, now), null);
    assert.equal(acceptTotp(secret, currentTotp(secret, now + 30_000), step, now), step + 1);
  });
});

describe('scopes', () => {
  it('covers a region and everything below it, not its siblings', () => {
    assert.ok(coversRegion(['AN-01'], 'AN-01'));
    assert.ok(coversRegion(['AN-01'], 'AN-01-03'));
    assert.ok(!coversRegion(['AN-01'], 'AN-011'));
    assert.ok(!coversRegion(['AN-01'], 'AN-02-01'));
    assert.ok(!coversRegion(['AN-01'], 'AN'));
    assert.ok(coversRegion(['*'], 'SE-03-02'));
    assert.ok(!coversRegion([], 'AN'));
  });
  it('covers only the listed programs', () => {
    assert.ok(coversProgram(['food-box'], 'food-box'));
    assert.ok(!coversProgram(['food-box'], 'pension'));
    assert.ok(coversProgram(['*'], 'pension'));
  });
});
