import { z } from 'zod';

export const TERMINAL_STATES = ['awaiting_enrolment', 'enrolment_expired', 'enrolled', 'revoked'] as const;
export const Terminal = z.object({
  id: z.string(),
  pointCode: z.string(),
  label: z.string(),
  state: z.enum(TERMINAL_STATES),
  registeredAt: z.string(),
  registeredByName: z.string(),
  enrolmentExpiresAt: z.string(),
  enrolledAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedByName: z.string().nullable(),
  revocationReason: z.string().nullable(),
});

export const TerminalParams = z.object({ id: z.uuid() });
export const NewTerminal = z.object({ label: z.string().trim().min(1).max(100).describe('how the administrator and agents tell the device apart, e.g. "Tablet 2"') });
export const RegisteredTerminal = z.object({
  terminal: Terminal,
  enrolmentCode: z.string().describe('one-time code to type on the device (shown once; only its SHA-256 is kept)'),
  expiresAt: z.string(),
});
export const Revocation = z.object({ reason: z.string().trim().min(3).max(500) });

export const EnrolmentInput = z.object({
  enrolmentCode: z.string().min(1).max(40).describe('the one-time code; dashes, spaces and case do not matter'),
  publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a 32-byte Ed25519 public key in base64url').describe("the device's raw Ed25519 public key, base64url (32 bytes)"),
});
const TerminalPoint = z.object({ code: z.string(), name: z.string(), kind: z.string(), regionCode: z.string() });
export const Enrolment = z.object({ terminalId: z.string(), point: TerminalPoint });
export const TerminalIdentity = z.object({
  terminal: z.object({ id: z.string(), label: z.string() }),
  point: TerminalPoint.extend({ status: z.string() }),
  agent: z.object({ id: z.string(), name: z.string() }),
});
