/**
 * The worked example of docs/credential-format.md: one card, a trust list and a
 * status list, made with fixed keys and times and printed layer by layer in hex, so
 * that someone writing a verifier can check each step of theirs against ours.
 *
 *   npx tsx scripts/credential-example.ts
 *
 * Deterministic: Ed25519 signatures are, and so is the codec's zlib writer.
 * test/credentials/credential-example.test.ts fails when the document no longer
 * shows what this prints.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { base45Encode } from '../src/credentials/codec/base45.ts';
import { toBase64Url, toHex } from '../src/credentials/codec/bytes.ts';
import { checkSymbol, formatCardNumber } from '../src/credentials/codec/card-number.ts';
import { CborTag, cborEncode } from '../src/credentials/codec/cbor.ts';
import { encodeSign1, sigStructure } from '../src/credentials/codec/cose-sign1.ts';
import { encodeCardClaims, issueCardText, type CardClaims } from '../src/credentials/codec/credential.ts';
import { bitsFromRevokedIndexes, encodeStatusListToken } from '../src/credentials/codec/status-list.ts';
import { TRUST_LIST_FORMAT, trustListSigningBytes, type TrustListDocument } from '../src/credentials/codec/trust-list.ts';
import { zlibCompress } from '../src/credentials/codec/zlib-compress.ts';
import { nodeSigner } from '../src/credentials/node-ed25519.ts';
import { ed25519 } from '@noble/curves/ed25519.js';

const ISSUER = 'https://id.example.gov';
const ISSUED_AT = Date.UTC(2027, 0, 4, 9, 30) / 1000; // 2027-01-04T09:30:00Z
const EXPIRES_AT = Date.UTC(2032, 0, 4, 9, 30) / 1000; // five years later
const CARD_BODY = 'K7QH4XR2MV';

/** kid = the first 8 bytes of SHA-256 of the raw public key (as amparo's key service makes it). */
const kidOf = (publicKey: Uint8Array) => new Uint8Array(createHash('sha256').update(publicKey).digest().subarray(0, 8));

function exampleKey(fill: number) {
  const seed = new Uint8Array(32).fill(fill);
  const publicKey = ed25519.getPublicKey(seed);
  const kid = kidOf(publicKey);
  return { seed, publicKey, kid, signer: nodeSigner(kid, seed) };
}

const wrap = (hex: string, width = 64) => hex.match(new RegExp(`.{1,${width}}`, 'g'))?.join('\n') ?? '';
const section = (title: string, body: string) => `${title}\n${body}\n`;

export interface CredentialExample {
  /** The QR text of the example card. */
  qrText: string;
  /** Everything the script prints, as as pasted into the document. */
  output: string;
}

export function credentialExample(): CredentialExample {
  const issuerKey = exampleKey(0x01);
  const anchorKey = exampleKey(0x02);
  const statusListUri = `${ISSUER}/.well-known/amparo/status-list`;
  const cardNumber = CARD_BODY + checkSymbol(CARD_BODY);
  const claims: CardClaims = {
    issuer: ISSUER,
    issuedAt: ISSUED_AT,
    notBefore: ISSUED_AT,
    expiresAt: EXPIRES_AT,
    identity: {
      cardNumber,
      language: 'spa',
      fullName: 'María José Pérez Rodríguez',
      firstName: 'María José',
      lastName: 'Pérez Rodríguez',
      birthDate: '1984-03-09',
      gender: 2,
      countryOfIssuance: 'XA',
    },
    status: { index: 1234, uri: statusListUri },
  };

  // The layers, each made here from the one before, then checked against the codec's own output.
  const claimsCbor = encodeCardClaims(claims);
  const protectedHeader = cborEncode(new Map([[1, -8]]));
  const unprotectedHeader = cborEncode(new Map([[4, issuerKey.kid]]));
  const toBeSigned = sigStructure(protectedHeader, claimsCbor);
  const signature = issuerKey.signer.sign(toBeSigned);
  const cose = cborEncode(new CborTag(61, new CborTag(18, [protectedHeader, new Map([[4, issuerKey.kid]]), claimsCbor, signature])));
  const compressed = zlibCompress(cose).slice();
  const qrText = base45Encode(compressed);
  if (toHex(encodeSign1(claimsCbor, issuerKey.signer, { cwtTag: true })) !== toHex(cose)) throw new Error('the example COSE differs from encodeSign1');
  if (issueCardText(claims, issuerKey.signer) !== qrText) throw new Error('the example QR text differs from issueCardText');

  // The trust list that makes the card's key trusted, signed by the anchor.
  const unsigned: Omit<TrustListDocument, 'signature'> = {
    format: TRUST_LIST_FORMAT,
    issuer: ISSUER,
    issuedAt: '2027-01-04T00:00:00.000Z',
    nextUpdate: '2027-01-11T00:00:00.000Z',
    statusListUri,
    anchor: { kid: toBase64Url(anchorKey.kid), kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', x: toBase64Url(anchorKey.publicKey) },
    keys: [
      {
        kid: toBase64Url(issuerKey.kid),
        kty: 'OKP',
        crv: 'Ed25519',
        alg: 'EdDSA',
        x: toBase64Url(issuerKey.publicKey),
        notBefore: '2026-12-01T00:00:00.000Z',
        notAfter: '2033-12-01T00:00:00.000Z',
        state: 'current',
      },
    ],
  };
  const signingBytes = trustListSigningBytes(unsigned);
  const trustList: TrustListDocument = { ...unsigned, signature: toBase64Url(anchorKey.signer.sign(signingBytes)) };

  // A status list of 16 cards in which cards 3 and 9 are revoked.
  const bits = bitsFromRevokedIndexes([3, 9], 16);
  const statusToken = encodeStatusListToken(
    { uri: statusListUri, issuedAt: ISSUED_AT, expiresAt: ISSUED_AT + 7 * 86_400, ttl: 300, bits },
    anchorKey.signer,
  );

  const output = [
    section('issuer key: Ed25519 seed (private, hex)', toHex(issuerKey.seed)),
    section('issuer key: public key (hex)', toHex(issuerKey.publicKey)),
    section('issuer key: kid = first 8 bytes of SHA-256(public key) (hex; base64url as in the trust list)', `${toHex(issuerKey.kid)}  ${toBase64Url(issuerKey.kid)}`),
    section('claims', `iss ${ISSUER}, iat = nbf ${ISSUED_AT} (2027-01-04T09:30:00Z), exp ${EXPIRES_AT}, card number ${formatCardNumber(cardNumber)}, status index 1234`),
    section(`1. CWT claims, CBOR (${claimsCbor.length} bytes)`, wrap(toHex(claimsCbor))),
    section(`2. protected header {1: -8}, CBOR (${protectedHeader.length} bytes)`, toHex(protectedHeader)),
    section(`3. unprotected header {4: kid}, CBOR (${unprotectedHeader.length} bytes)`, toHex(unprotectedHeader)),
    section(`4. Sig_structure ["Signature1", protected, h'', claims], CBOR (${toBeSigned.length} bytes)`, wrap(toHex(toBeSigned))),
    section('5. Ed25519 signature over the Sig_structure (64 bytes)', wrap(toHex(signature))),
    section(`6. 61(18([protected, unprotected, claims, signature])), CBOR (${cose.length} bytes)`, wrap(toHex(cose))),
    section(`7. zlib, RFC 1950 (${compressed.length} bytes; another zlib writer may give other bytes, equally valid)`, wrap(toHex(compressed))),
    section(`8. base45 = the QR text (${qrText.length} characters)`, qrText),
    section('trust anchor: public key (hex)', toHex(anchorKey.publicKey)),
    section('trust list: the bytes the anchor signs (canonical JSON, UTF-8)', new TextDecoder().decode(signingBytes)),
    section('trust list: signature (base64url)', trustList.signature),
    section('status list: bits of 16 cards, cards 3 and 9 revoked (hex)', toHex(bits)),
    section(`status list: Status List Token, COSE_Sign1 (${statusToken.length} bytes)`, wrap(toHex(statusToken))),
  ].join('\n');
  return { qrText, output };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(credentialExample().output);
}
