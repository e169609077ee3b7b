/**
 * Ed25519 verification for the browser and other places without node:crypto:
 * @noble/curves is audited, dependency-free and synchronous, which keeps
 * verifyCard synchronous everywhere. The server uses node:crypto (faster).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import type { Ed25519VerifierFactory } from './trust-list.ts';

export const nobleVerifier: Ed25519VerifierFactory = (publicKey) => (message, signature) => {
  try {
    return ed25519.verify(signature, message, publicKey);
  } catch {
    return false;
  }
};
