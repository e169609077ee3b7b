import type { AppContext } from '../../app-context.ts';
import type { AuditActor } from '../../audit/write-audit.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { DomainError } from '../../shared/domain-error.ts';
import { fromBase64url } from '../protocol/terminal-protocol.ts';
import { findCurrentAssignment, findPoint } from '../points/store.ts';
import { enrolmentCodeHash } from './enrolment-code.ts';
import { enrolTerminalKey, findTerminalByEnrolmentCode } from './store.ts';
import { ed25519PublicKey } from './verify-terminal-request.ts';

/**
 * A device enrols as a registered terminal: it presents the one-time code and the public
 * key of the Ed25519 pair it generated, in the session of an agent assigned to the
 * terminal's point. The code is spent by the first enrolment that succeeds (a concurrent
 * second one finds it gone). Refuses, spending nothing: ENROLMENT_CODE_INVALID (unknown
 * or used code), ENROLMENT_CODE_EXPIRED, FORBIDDEN (agent not assigned to the point),
 * RULE_VIOLATION (point closed), VALIDATION_FAILED (not an Ed25519 key).
 */
export async function enrolTerminal(ctx: AppContext, agent: AuditActor & { id: string }, input: { enrolmentCode: string; publicKey: string }, options: { requestId?: string } = {}) {
  const publicKey = Buffer.from(fromBase64url(input.publicKey));
  try {
    ed25519PublicKey(publicKey);
  } catch {
    throw new DomainError('VALIDATION_FAILED', 'publicKey is not an Ed25519 public key', { field: 'publicKey' });
  }
  const codeHash = enrolmentCodeHash(input.enrolmentCode);
  return ctx.db.transaction().execute(async (tx) => {
    const terminal = await findTerminalByEnrolmentCode(tx, codeHash);
    if (!terminal) throw new DomainError('ENROLMENT_CODE_INVALID', 'this enrolment code is not valid or was already used');
    const now = new Date();
    if (terminal.enrolment_expires_at <= now) throw new DomainError('ENROLMENT_CODE_EXPIRED', 'this enrolment code expired: ask the administrator to register the terminal again');
    const point = (await findPoint(tx, terminal.point_code))!;
    if (!(await findCurrentAssignment(tx, point.code, agent.id))) throw new DomainError('FORBIDDEN', `you are not assigned to distribution point ${point.code}`);
    if (point.status !== 'active') throw new DomainError('RULE_VIOLATION', `distribution point ${point.code} is closed`);
    if (!(await enrolTerminalKey(tx, terminal.id, codeHash, publicKey, agent.id, now))) {
      throw new DomainError('ENROLMENT_CODE_INVALID', 'this enrolment code is not valid or was already used');
    }
    await writeAudit(tx, {
      actor: agent,
      purpose: 'distribution',
      action: 'distribution.terminal_enrolled',
      subject: { type: 'terminal', id: terminal.id },
      summary: { pointCode: point.code, label: terminal.label },
      requestId: options.requestId,
    });
    return { terminalId: terminal.id, point: { code: point.code, name: point.name, kind: point.kind, regionCode: point.region_code } };
  });
}
