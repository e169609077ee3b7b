import type { z } from 'zod';
import type { Terminal } from './schemas.ts';
import type { TerminalRow } from './store.ts';

export type TerminalView = z.infer<typeof Terminal>;

export function terminalView(t: TerminalRow, now = new Date()): TerminalView {
  const state = t.revoked_at ? 'revoked' : t.public_key ? 'enrolled' : t.enrolment_expires_at <= now ? 'enrolment_expired' : 'awaiting_enrolment';
  return {
    id: t.id,
    pointCode: t.point_code,
    label: t.label,
    state,
    registeredAt: t.registered_at.toISOString(),
    registeredByName: t.registered_by_name,
    enrolmentExpiresAt: t.enrolment_expires_at.toISOString(),
    enrolledAt: t.enrolled_at?.toISOString() ?? null,
    revokedAt: t.revoked_at?.toISOString() ?? null,
    revokedByName: t.revoked_by_name,
    revocationReason: t.revocation_reason,
  };
}
