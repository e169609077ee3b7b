/**
 * What the installation publishes for offline verifiers: the trust list (issuer
 * keys and their validity, signed by the trust anchor) and the revocation status
 * list (one bit per card, signed by the same anchor).
 */
import type { AppContext } from '../app-context.ts';
import type { InstallationKeyRow } from '../keys/store.ts';
import { fromBase64Url, toBase64Url } from './codec/bytes.ts';
import type { Signer } from './codec/cose-sign1.ts';
import { bitsFromRevokedIndexes, encodeStatusListToken } from './codec/status-list.ts';
import { TRUST_LIST_FORMAT, trustListSigningBytes, type IssuerKeyEntry, type PublishedKey, type TrustListDocument } from './codec/trust-list.ts';
import { revocationState } from './store.ts';

export const TRUST_LIST_PATH = '/.well-known/amparo/trust-list.json';
export const STATUS_LIST_PATH = '/.well-known/amparo/status-list';
/** An issuer key signs cards for at most this long; rotate it before. */
export const ISSUER_SIGNING_YEARS = 2;
/** Verifiers with network fetch a fresh status list after this many seconds. */
export const STATUS_LIST_TTL_SECONDS = 300;
const STATUS_LIST_LIFETIME_SECONDS = 7 * 24 * 3600;
const TRUST_LIST_LIFETIME_DAYS = 7;

export const statusListUri = (ctx: AppContext) => new URL(STATUS_LIST_PATH, ctx.config.issuer).href;

const addYears = (date: Date, years: number) => {
  const d = new Date(date);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
};

/**
 * A key verifies until the last card it could have signed has expired: cards it
 * signed until its retirement (or the end of its signing period) plus their validity.
 */
export function issuerKeyValidity(key: Pick<InstallationKeyRow, 'created_at' | 'retired_at'>, cardValidityYears: number) {
  const signingEnds = key.retired_at ?? addYears(key.created_at, ISSUER_SIGNING_YEARS);
  return { notBefore: key.created_at, signingEnds, notAfter: addYears(signingEnds, cardValidityYears) };
}

/** A card expires after the installation's validity, and never after its key. */
export function cardExpiry(ctx: AppContext, issuedAt: Date, key: Pick<InstallationKeyRow, 'created_at' | 'retired_at'>) {
  const byValidity = addYears(issuedAt, ctx.config.cardValidityYears);
  const { notAfter } = issuerKeyValidity(key, ctx.config.cardValidityYears);
  return byValidity < notAfter ? byValidity : notAfter;
}

const published = (kid: string, publicKey: Uint8Array): PublishedKey => ({ kid, kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', x: toBase64Url(publicKey) });

export async function coseSigner(ctx: AppContext, purpose: 'issuer' | 'trust-list'): Promise<Signer & { kidText: string }> {
  const key = await ctx.keys.current(purpose);
  return {
    kidText: key.kid,
    kid: fromBase64Url(key.kid),
    sign: (message) => key.sign(Buffer.from(message.buffer, message.byteOffset, message.byteLength)),
  };
}

export async function trustListDocument(ctx: AppContext, now = new Date()): Promise<TrustListDocument> {
  await ctx.keys.current('issuer'); // the first list of a new installation already names its issuer key
  const anchor = await ctx.keys.current('trust-list');
  const keys: IssuerKeyEntry[] = [];
  for (const row of await ctx.keys.list('issuer')) {
    const validity = issuerKeyValidity(row, ctx.config.cardValidityYears);
    if (validity.notAfter < now) continue; // everything it signed has expired
    keys.push({
      ...published(row.kid, row.public_key),
      notBefore: validity.notBefore.toISOString(),
      notAfter: validity.notAfter.toISOString(),
      state: row.retired_at ? 'retired' : 'current',
    });
  }
  const unsigned: Omit<TrustListDocument, 'signature'> = {
    format: TRUST_LIST_FORMAT,
    issuer: ctx.config.issuer,
    issuedAt: now.toISOString(),
    nextUpdate: new Date(now.getTime() + TRUST_LIST_LIFETIME_DAYS * 86_400_000).toISOString(),
    statusListUri: statusListUri(ctx),
    anchor: published(anchor.kid, anchor.publicKey),
    keys,
  };
  return { ...unsigned, signature: toBase64Url(anchor.sign(Buffer.from(trustListSigningBytes(unsigned)))) };
}

/** The Status List Token, made from the card table: every revoked card's bit set. */
export async function statusListToken(ctx: AppContext, now = new Date()): Promise<Uint8Array> {
  const { size, revoked } = await revocationState(ctx.db);
  const issuedAt = Math.floor(now.getTime() / 1000);
  return encodeStatusListToken(
    {
      uri: statusListUri(ctx),
      issuedAt,
      expiresAt: issuedAt + STATUS_LIST_LIFETIME_SECONDS,
      ttl: STATUS_LIST_TTL_SECONDS,
      bits: bitsFromRevokedIndexes(revoked, size),
    },
    await coseSigner(ctx, 'trust-list'),
  );
}
