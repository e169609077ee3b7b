import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { MasterKeyBox } from './master-key-box.ts';
import { findCurrentKey, findKey, insertKey, listKeys, retireKey, type KeyPurpose } from './store.ts';

// DER prefixes of Ed25519 keys in PKCS#8 and SPKI: the raw 32 bytes follow them.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface SigningKey {
  kid: string;
  publicKey: Buffer;
  sign(message: Buffer): Buffer;
}

export const publicKeyFromRaw = (raw: Buffer): KeyObject =>
  createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });

export function verifyEd25519(rawPublicKey: Buffer, message: Buffer, signature: Buffer): boolean {
  return verify(null, message, publicKeyFromRaw(rawPublicKey), signature);
}

/** kid = first 8 bytes of SHA-256 of the raw public key, base64url: stable and short. */
export const kidOf = (rawPublicKey: Buffer) =>
  createHash('sha256').update(rawPublicKey).digest().subarray(0, 8).toString('base64url');

/**
 * The installation's Ed25519 signing keys, one current key per purpose. Private
 * keys are stored sealed under the master key and opened only in memory.
 */
export class InstallationKeys {
  private readonly box: MasterKeyBox;
  private readonly cache = new Map<string, SigningKey>();

  constructor(
    private readonly db: Db,
    masterKey: Buffer,
  ) {
    this.box = new MasterKeyBox(masterKey);
  }

  /** The current key for a purpose, created on first use. */
  async current(purpose: KeyPurpose): Promise<SigningKey> {
    const row = (await findCurrentKey(this.db, purpose)) ?? (await this.create(purpose));
    return this.open(row.kid, row.private_key_enc, row.public_key);
  }

  /**
   * Retires the current key of a purpose and makes a new one. The retired key signs
   * nothing more but stays published, so what it signed keeps verifying.
   */
  async rotate(purpose: KeyPurpose): Promise<{ retired: string | null; current: string }> {
    const old = await findCurrentKey(this.db, purpose);
    if (old) await retireKey(this.db, old.kid);
    const row = await this.create(purpose);
    return { retired: old?.kid ?? null, current: row.kid };
  }

  list(purpose: KeyPurpose) {
    return listKeys(this.db, purpose);
  }

  async publicKey(kid: string): Promise<Buffer | undefined> {
    return (await findKey(this.db, kid))?.public_key;
  }

  private async create(purpose: KeyPurpose) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const rawPublic = publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
    const rawPrivate = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length);
    const kid = kidOf(rawPublic);
    await insertKey(this.db, {
      kid,
      purpose,
      public_key: rawPublic,
      private_key_enc: this.box.seal(rawPrivate, `installation_key:${kid}`),
    });
    // Two processes may race to create the first key; read back the one that won.
    const row = await findCurrentKey(this.db, purpose);
    if (!row) throw new Error(`could not create a ${purpose} key`);
    return row;
  }

  private open(kid: string, sealed: Buffer, publicKey: Buffer): SigningKey {
    const cached = this.cache.get(kid);
    if (cached) return cached;
    const raw = this.box.open(sealed, `installation_key:${kid}`);
    const key = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, raw]), format: 'der', type: 'pkcs8' });
    const signing: SigningKey = { kid, publicKey, sign: (message) => sign(null, message, key) };
    this.cache.set(kid, signing);
    return signing;
  }
}
