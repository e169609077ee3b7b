import type { AppContext } from '../../app-context.ts';
import { DomainError, notFound } from '../../shared/domain-error.ts';
import type { RedemptionRecord } from '../protocol/terminal-protocol.ts';
import { applyRecord, type ApplyOutcome } from './apply-record.ts';
import type { TerminalCaller } from './terminal-caller.ts';
import { verifiedSignature } from './verify-record.ts';
import type { Receipt } from './views.ts';

/**
 * An online redemption (POST /api/terminal/redemptions): the same signed record a
 * terminal keeps offline, for the calling terminal and its session's agent. Answers
 * the receipt and whether it was created (201) or is the same request again (200).
 * Refuses: a record of another terminal or agent, or with a bad signature; the same
 * id with other content (CONFLICT); an entitlement already collected
 * (ALREADY_REDEEMED, with when, where and on which terminal); more than is left, a
 * closed cycle (RULE_VIOLATION); an entitlement not at this point or not of this card
 * (NOT_FOUND); and every validation of quantity and payment (applyRecord).
 */
export async function redeem(ctx: AppContext, caller: TerminalCaller, input: { record: RedemptionRecord; signature: string }, requestId?: string): Promise<{ created: boolean; receipt: Receipt }> {
  const { record } = input;
  if (record.terminalId !== caller.terminalId) throw new DomainError('VALIDATION_FAILED', 'record.terminalId must be the terminal that sends it', { field: 'record.terminalId' });
  if (record.agentId !== caller.agent.id) throw new DomainError('VALIDATION_FAILED', "record.agentId must be the signed-in agent's id", { field: 'record.agentId' });
  const signature = verifiedSignature(caller.publicKey, record, input.signature);
  if (!signature) throw new DomainError('TERMINAL_SIGNATURE_INVALID', "the record's signature does not verify under this terminal's key");
  const outcome = await applyRecord(ctx, caller, { record, signature, agent: caller.agent, offline: false }, requestId);
  return answerOf(outcome);
}

function answerOf(outcome: ApplyOutcome): { created: boolean; receipt: Receipt } {
  switch (outcome.kind) {
    case 'recorded':
      return { created: true, receipt: outcome.receipt };
    case 'replayed':
      return { created: false, receipt: outcome.receipt };
    case 'reused_id':
      throw new DomainError('CONFLICT', `redemption ${outcome.redemptionId} exists with other content: a new pickup needs a new id`, { redemptionId: outcome.redemptionId });
    case 'unavailable':
      switch (outcome.reason) {
        case 'already_redeemed':
          throw new DomainError(
            'ALREADY_REDEEMED',
            outcome.last ? `already collected on ${outcome.last.redeemedAt} at ${outcome.last.pointCode}${outcome.last.terminalLabel ? ` (${outcome.last.terminalLabel})` : ''}` : 'already collected',
            { ...(outcome.last ?? {}) },
          );
        case 'exceeds_remaining':
          throw new DomainError('RULE_VIOLATION', `only ${outcome.left} is left of this entitlement`, { reason: 'exceeds_remaining', remaining: outcome.left });
        case 'cycle_not_open':
          throw new DomainError('RULE_VIOLATION', "the entitlement's cycle is not open today", { reason: 'cycle_not_open' });
        case 'not_at_this_point':
        case 'unknown_entitlement':
          throw notFound('entitlement of this card at this point');
      }
  }
}
