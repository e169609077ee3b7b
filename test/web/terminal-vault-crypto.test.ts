import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromBase64url } from '../../src/distribution/protocol/terminal-protocol.ts';
import { newCacheKey, open, PBKDF2_ITERATIONS, seal, unwrapCacheKey, wrapCacheKey } from '../../web/src/terminal/vault-crypto.ts';

/**
 * The terminal's encryption at rest (web/src/terminal/vault-crypto.ts) with Node's
 * WebCrypto, the same API the browser has: the cache key wrapped with the agent's
 * password opens only with that password and for that agent, and a sealed value opens
 * only with its key and its label.
 */
const AGENT = '7f3c1d0e-2b4a-4c5d-9e6f-0a1b2c3d4e5f';

describe('the cache key wrapped with the agent password', () => {
  it('derives the wrapping key with at least 200,000 PBKDF2 iterations and a fresh 16-byte salt each time', async () => {
    assert.ok(PBKDF2_ITERATIONS >= 200_000);
    const key = await newCacheKey();
    const a = await wrapCacheKey(key, 'Demo-Clave-2026', AGENT);
    const b = await wrapCacheKey(key, 'Demo-Clave-2026', AGENT);
    assert.equal(a.iterations, PBKDF2_ITERATIONS);
    assert.equal(fromBase64url(a.salt).length, 16);
    assert.notEqual(a.salt, b.salt);
    assert.notEqual(a.wrapped, b.wrapped, 'the same key wraps differently each time');
  });

  it('unwraps to the same key with the password, and to nothing with another password or for another agent', async () => {
    const key = await newCacheKey();
    const wrapped = await wrapCacheKey(key, 'correct horse battery', AGENT, 1000);
    const sealed = await seal(key, 'package', { entitlements: ['x'] });

    const back = await unwrapCacheKey(wrapped, 'correct horse battery');
    assert.ok(back);
    assert.deepEqual(await open(back, 'package', sealed), { entitlements: ['x'] });

    assert.equal(await unwrapCacheKey(wrapped, 'correct horse batterY'), undefined);
    assert.equal(await unwrapCacheKey({ ...wrapped, agentId: '00000000-0000-4000-8000-000000000000' }, 'correct horse battery'), undefined);
    const flipped = fromBase64url(wrapped.wrapped);
    flipped[0]! ^= 1;
    assert.equal(await unwrapCacheKey({ ...wrapped, wrapped: Buffer.from(flipped).toString('base64url') }, 'correct horse battery'), undefined);
  });
});

describe('a sealed value', () => {
  it('holds no clear text, opens with its key and label, and refuses another label, another key or changed bytes', async () => {
    const key = await newCacheKey();
    const value = { cardNumber: 'ACDE2345679', quantity: '1' };
    const sealed = await seal(key, 'queue:1', value);
    assert.ok(!Buffer.from(fromBase64url(sealed.data)).toString('latin1').includes('ACDE2345679'));
    assert.deepEqual(await open(key, 'queue:1', sealed), value);
    await assert.rejects(open(key, 'queue:2', sealed));
    await assert.rejects(open(await newCacheKey(), 'queue:1', sealed));
    const bytes = fromBase64url(sealed.data);
    bytes[3]! ^= 0x40;
    await assert.rejects(open(key, 'queue:1', { ...sealed, data: Buffer.from(bytes).toString('base64url') }));
  });
});
