import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 1;

/**
 * Seals secrets (private keys, TOTP secrets) under the installation master key with
 * AES-256-GCM. Layout: version (1) | nonce (12) | tag (16) | ciphertext. The
 * `context` is bound as associated data so a sealed value cannot be moved to
 * another column or row and still open.
 */
export class MasterKeyBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the master key must be 32 bytes');
  }

  seal(plain: Buffer, context: string): Buffer {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.of(VERSION), nonce, cipher.getAuthTag(), body]);
  }

  /** Throws when the value was tampered with, sealed under another key or for another context. */
  open(sealed: Buffer, context: string): Buffer {
    if (sealed[0] !== VERSION || sealed.length < 29) throw new Error('sealed value has an unknown layout');
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(1, 13));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(sealed.subarray(13, 29));
    return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]);
  }
}
