import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../app-context.ts';
import { writeAudit, type AuditActor } from '../../audit/write-audit.ts';
import { DomainError } from '../../shared/domain-error.ts';
import { parseAttributeEntry, sameEntry, type AttributeEntry, type AttributeEntryInput } from './attribute-definition.ts';
import { definitionOf, proposalView, type ProposalView } from './catalogue-views.ts';
import { checkEntryRules } from './check-entry-rules.ts';
import { findDefinition, findPendingProposalFor, findProposal, insertProposal, lockCatalogue } from './store.ts';

export interface ProposeAttributeInput extends AttributeEntryInput {
  /** Why the entry or the change is needed; shown to the approving auditor. */
  reason?: unknown;
}

/** Who may propose: administrators, and the installation itself (CLI without --by, defaults). */
const PROPOSERS = new Set(['administrator', 'system']);
const REASON_MAX = 2000;

/**
 * An administrator proposes a new catalogue entry, or a change to an existing one
 * (same key). Nothing is published until a different official approves it
 * (`decideProposal`).
 *
 * Refuses, changing nothing in the catalogue: a prohibited attribute
 * (RULE_VIOLATION naming the category and the word — the attempt itself is an
 * audit entry `catalogue.refused`, so oversight sees it), a health fact not declared
 * special (RULE_VIOLATION), a malformed entry (VALIDATION_FAILED), a change of type
 * or a removed enum value (RULE_VIOLATION: recorded values would stop validating), a
 * change that changes nothing, and a second open proposal for the same key (CONFLICT).
 * The proposal and its audit entry commit together.
 */
export async function proposeAttribute(ctx: AppContext, actor: AuditActor, input: ProposeAttributeInput, requestId?: string): Promise<ProposalView> {
  if (!PROPOSERS.has(actor.role)) throw new DomainError('FORBIDDEN', 'only an administrator may propose catalogue entries');

  const refusal = checkEntryRules(input);
  if (refusal && refusal.details?.rule === 'prohibited_attribute') {
    await writeAudit(ctx.db, {
      actor,
      purpose: 'administration',
      action: 'catalogue.refused',
      outcome: 'denied',
      subject: { type: 'attribute', id: typeof input.key === 'string' ? input.key.slice(0, 80) : '(none)' },
      summary: { category: refusal.details.category, term: refusal.details.term, field: refusal.details.field },
      requestId,
    });
    throw refusal;
  }

  const entry = parseAttributeEntry(input);
  if (refusal) throw refusal;
  const reason = parseReason(input.reason);

  return ctx.db.transaction().execute(async (tx) => {
    await lockCatalogue(tx);
    const currentRow = await findDefinition(tx, entry.key);
    const current = currentRow && definitionOf(currentRow);
    if (current) {
      assertChangeAllowed(current, entry);
    } else if (entry.status === 'retired') {
      throw new DomainError('VALIDATION_FAILED', `${entry.key} is not in the catalogue: a new entry starts active`, { field: 'status' });
    }
    const pending = await findPendingProposalFor(tx, entry.key);
    if (pending) throw new DomainError('CONFLICT', `a proposal for ${entry.key} is already waiting for a decision (${pending.id})`, { proposalId: pending.id });

    const id = randomUUID();
    const inserted = await insertProposal(tx, {
      id,
      key: entry.key,
      kind: current ? 'change' : 'create',
      base_version: current?.version ?? null,
      labels: entry.labels,
      type: entry.type,
      enum_values: entry.values,
      sensitivity: entry.sensitivity,
      purposes: entry.purposes,
      legal_basis: entry.legalBasis,
      entry_status: entry.status,
      reason,
      status: 'pending',
      proposed_by: actor.id,
      proposed_at: new Date(),
      decided_by: null,
      decided_at: null,
      decision_reason: null,
    });
    if (!inserted) throw new DomainError('CONFLICT', `a proposal for ${entry.key} is already waiting for a decision`);
    await writeAudit(tx, {
      actor,
      purpose: 'administration',
      action: 'catalogue.proposed',
      subject: { type: 'attribute_proposal', id },
      summary: {
        key: entry.key,
        kind: current ? 'change' : 'create',
        baseVersion: current?.version ?? null,
        type: entry.type,
        sensitivity: entry.sensitivity,
        purposes: entry.purposes,
        status: entry.status,
      },
      requestId,
    });
    return proposalView((await findProposal(tx, id))!);
  });
}

function parseReason(reason: unknown): string | null {
  if (reason === undefined || reason === null) return null;
  if (typeof reason !== 'string' || reason.trim().length > REASON_MAX) {
    throw new DomainError('VALIDATION_FAILED', `reason must be text of at most ${REASON_MAX} characters`, { field: 'reason' });
  }
  return reason.trim() || null;
}

/**
 * A change keeps the key's meaning for values already recorded: the type never
 * changes and enum values are only added (retire the entry and propose a new key
 * instead). A change must change something.
 */
function assertChangeAllowed(current: AttributeEntry, next: AttributeEntry) {
  if (current.type !== next.type) {
    throw new DomainError(
      'RULE_VIOLATION',
      `the type of ${current.key} cannot change from ${current.type} to ${next.type}: recorded values would no longer validate; retire it and propose a new key`,
      { rule: 'type_is_fixed', field: 'type' },
    );
  }
  const removed = current.values.filter((v) => !next.values.includes(v));
  if (removed.length) {
    throw new DomainError(
      'RULE_VIOLATION',
      `enum values of ${current.key} cannot be removed (${removed.join(', ')}): records may hold them; retire the entry and propose a new key`,
      { rule: 'enum_values_kept', field: 'values', removed },
    );
  }
  if (sameEntry(current, next)) throw new DomainError('CONFLICT', `the proposal changes nothing in ${current.key}`);
}
