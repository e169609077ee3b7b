import { createHash, type KeyObject } from 'node:crypto';
import { canonicalJson, fromBase64url, offlineRecordSigningText, type RedemptionRecord } from '../protocol/terminal-protocol.ts';
import { ed25519PublicKey, verifyEd25519 } from '../terminals/terminal-auth.ts';

const keys = new Map<string, KeyObject>();
const KEYS_MAX = 5000;

function keyOf(publicKey: Uint8Array): KeyObject {
  const id = Buffer.from(publicKey).toString('hex');
  let key = keys.get(id);
  if (!key) {
    if (keys.size >= KEYS_MAX) keys.delete(keys.keys().next().value!);
    keys.set(id, (key = ed25519PublicKey(publicKey)));
  }
  return key;
}

const SIGNATURE = /^[A-Za-z0-9_-]{86}$/;

/** The signature's bytes when it is the terminal's Ed25519 signature of the record; undefined otherwise. Never throws. */
export function verifiedSignature(publicKey: Uint8Array, record: RedemptionRecord, signature: string): Buffer | undefined {
  if (typeof signature !== 'string' || !SIGNATURE.test(signature)) return undefined;
  const bytes = Buffer.from(fromBase64url(signature));
  try {
    return verifyEd25519(keyOf(publicKey), offlineRecordSigningText(record), bytes) ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/** SHA-256 of the record's canonical JSON: the same record sent again hashes the same. */
export const recordHash = (record: RedemptionRecord): Buffer => createHash('sha256').update(canonicalJson(record)).digest();
