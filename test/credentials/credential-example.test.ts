import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { credentialExample } from '../../scripts/credential-example.ts';
import { verifyCard } from '../../src/credentials/codec/verify-card.ts';
import { trustStoreFrom, type TrustListDocument } from '../../src/credentials/codec/trust-list.ts';
import { nodeVerifier } from '../../src/credentials/node-ed25519.ts';
import { toBase64Url } from '../../src/credentials/codec/bytes.ts';

const doc = readFileSync(new URL('../../docs/credential-format.md', import.meta.url), 'utf8');
const example = credentialExample();

test('docs/credential-format.md shows the QR text the example script makes today', () => {
  assert.ok(doc.includes(`\n${example.qrText}\n`), 're-run `npx tsx scripts/credential-example.ts` and paste its output into section 11');
});

test('docs/credential-format.md shows every layer the example script prints, unchanged', () => {
  assert.ok(doc.includes(example.output), 're-run `npx tsx scripts/credential-example.ts` and paste its output into section 11');
});

test('the worked example is a valid card under the worked example trust list', () => {
  // The trust list the document prints, rebuilt from its canonical signed bytes and signature.
  const signed = /trust list: the bytes the anchor signs \(canonical JSON, UTF-8\)\n(.*)\n/.exec(example.output)![1]!;
  const signature = /trust list: signature \(base64url\)\n(.*)\n/.exec(example.output)![1]!;
  const document = { ...(JSON.parse(signed) as Omit<TrustListDocument, 'signature'>), signature };
  const anchorHex = /trust anchor: public key \(hex\)\n(.*)\n/.exec(example.output)![1]!;
  const trust = trustStoreFrom(document, nodeVerifier, toBase64Url(Buffer.from(anchorHex, 'hex')));
  const statusList = { uri: document.statusListUri, issuedAt: 0, expiresAt: Date.UTC(2027, 0, 6) / 1000, ttl: 0, bits: new Uint8Array(0) };
  const result = verifyCard(example.qrText, { trust, statusList, now: Date.UTC(2027, 0, 5) / 1000 });
  assert.ok(result.valid, result.valid ? '' : result.message);
  assert.equal(result.claims.identity.cardNumber, 'K7QH4XR2MVC');
});
