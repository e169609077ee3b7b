/**
 * The verifier's two lists: checked with the isomorphic codec (src/credentials/codec,
 * which imports nothing from the server), kept in this browser so that cards are
 * checked with no network, and bound to the trust anchor first seen (pinned).
 */
import { CodecError, type InvalidReason } from '../../../src/credentials/codec/codec-error.ts';
import { nobleVerifier } from '../../../src/credentials/codec/noble-ed25519.ts';
import { decodeStatusListToken, type StatusList } from '../../../src/credentials/codec/status-list.ts';
import { trustStoreFrom, type TrustListDocument, type TrustStore } from '../../../src/credentials/codec/trust-list.ts';

export interface AnchorKey {
  kid: string;
  /** The raw Ed25519 public key, base64url. */
  x: string;
}

export interface PinnedAnchor extends AnchorKey {
  pinnedAt: string;
}

/** A pair of lists whose signatures checked, ready to verify cards with. */
export interface CheckedLists {
  trust: TrustStore;
  statusList: StatusList;
  anchor: AnchorKey;
  /** When this browser downloaded them (ISO 8601). */
  downloadedAt: string;
}

/** What was downloaded, as it came: kept to be checked again on every load. */
export interface RawLists {
  document: TrustListDocument;
  statusToken: Uint8Array;
  downloadedAt: string;
}

/** The lists are signed by another anchor than the pinned one. */
export class AnchorChanged extends Error {
  constructor(
    readonly pinned: PinnedAnchor,
    readonly offered: AnchorKey,
    /** The refused lists, kept so that an official can accept them after checking the new anchor. */
    readonly raw: RawLists,
  ) {
    super(`the lists are signed by anchor ${offered.kid}, not by the pinned ${pinned.kid}`);
    this.name = 'AnchorChanged';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Enough of the shape to read safely; trustStoreFrom checks the format and the signature. */
function asTrustList(value: unknown): TrustListDocument {
  const ok =
    isRecord(value) &&
    typeof value.format === 'string' &&
    typeof value.issuer === 'string' &&
    typeof value.statusListUri === 'string' &&
    typeof value.signature === 'string' &&
    isRecord(value.anchor) &&
    typeof value.anchor.kid === 'string' &&
    typeof value.anchor.x === 'string' &&
    Array.isArray(value.keys) &&
    value.keys.every((k) => isRecord(k) && typeof k.kid === 'string' && typeof k.x === 'string' && typeof k.notBefore === 'string' && typeof k.notAfter === 'string');
  if (!ok) throw new CodecError('bad_format', 'trust list: not a trust list document');
  return value as unknown as TrustListDocument;
}

/**
 * Checks a downloaded pair: the trust list against the pin (or, with none yet, its
 * own anchor), the status list against the trust list's anchor and URI. Throws
 * AnchorChanged, or CodecError with the reason; never anything else.
 */
export function checkLists(raw: { document: unknown; statusToken: Uint8Array; downloadedAt: string }, pinned: PinnedAnchor | undefined): CheckedLists {
  try {
    const document = asTrustList(raw.document);
    const anchor = { kid: document.anchor.kid, x: document.anchor.x };
    if (pinned && pinned.x !== anchor.x) throw new AnchorChanged(pinned, anchor, { ...raw, document });
    const trust = trustStoreFrom(document, nobleVerifier, pinned?.x);
    const statusList = decodeStatusListToken(raw.statusToken, trust.verifyAnchor);
    if (statusList.uri !== trust.statusListUri) {
      throw new CodecError('bad_format', `status list: it is ${statusList.uri}, the trust list names ${trust.statusListUri}`);
    }
    return { trust, statusList, anchor, downloadedAt: raw.downloadedAt };
  } catch (error) {
    if (error instanceof AnchorChanged || error instanceof CodecError) throw error;
    throw new CodecError('bad_format', `lists: ${(error as Error)?.message ?? 'unreadable'}`);
  }
}

export const reasonOf = (error: unknown): InvalidReason => (error instanceof CodecError ? error.reason : 'bad_format');

/** Seconds since the epoch. */
export const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The status list to verify with: none once it has expired (its `exp`), so that a
 * phone offline for weeks refuses cards ("status unavailable") rather than accept
 * cards revoked since. The codec leaves this decision to the verifier.
 */
export const usableStatusList = (lists: CheckedLists, now = nowSeconds()) => (now < lists.statusList.expiresAt ? lists.statusList : undefined);

// --- Kept in this browser ------------------------------------------------------

const LISTS_KEY = 'amparo.verifier.lists';
const ANCHOR_KEY = 'amparo.verifier.anchor';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function read(key: string): unknown {
  try {
    const text = localStorage.getItem(key);
    return text === null ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined; // storage disabled, or a value this version cannot read
  }
}

/** False when the browser refused (storage disabled or full): the lists then last for this page only. */
function write(key: string, value: unknown): boolean {
  try {
    localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** The lists kept from the last download, not yet checked again; undefined when none (or unreadable). */
export function readStoredLists(): { document: unknown; statusToken: Uint8Array; downloadedAt: string } | undefined {
  const stored = read(LISTS_KEY);
  if (!isRecord(stored) || typeof stored.statusList !== 'string' || typeof stored.downloadedAt !== 'string') return undefined;
  try {
    return { document: stored.trustList, statusToken: fromBase64(stored.statusList), downloadedAt: stored.downloadedAt };
  } catch {
    return undefined;
  }
}

export const storeLists = (raw: RawLists): boolean =>
  write(LISTS_KEY, { trustList: raw.document, statusList: toBase64(raw.statusToken), downloadedAt: raw.downloadedAt });

export function readPin(): PinnedAnchor | undefined {
  const pin = read(ANCHOR_KEY);
  return isRecord(pin) && typeof pin.kid === 'string' && typeof pin.x === 'string' && typeof pin.pinnedAt === 'string'
    ? { kid: pin.kid, x: pin.x, pinnedAt: pin.pinnedAt }
    : undefined;
}

export const storePin = (anchor: AnchorKey): PinnedAnchor => {
  const pin = { kid: anchor.kid, x: anchor.x, pinnedAt: new Date().toISOString() };
  write(ANCHOR_KEY, pin);
  return pin;
};

/** What an official types to confirm a new anchor: its key id or its public key, as published. */
export const confirmsAnchor = (typed: string, anchor: AnchorKey) => {
  const value = typed.trim();
  return value.length > 0 && (value === anchor.kid || value === anchor.x);
};
