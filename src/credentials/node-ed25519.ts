/** Ed25519 with node:crypto for the server and the CLI: one KeyObject per key, made once. */
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { Ed25519VerifierFactory } from './codec/trust-list.ts';
import type { Signer } from './codec/cose-sign1.ts';

const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export const nodeVerifier: Ed25519VerifierFactory = (publicKey) => {
  const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
  return (message, signature) => verify(null, message, key, signature);
};

/** A COSE signer from a raw 32-byte private key seed. */
export function nodeSigner(kid: Uint8Array, privateSeed: Uint8Array): Signer {
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, privateSeed]), format: 'der', type: 'pkcs8' });
  return { kid, sign: (message) => sign(null, message, key) };
}
