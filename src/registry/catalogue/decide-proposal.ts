import type { AppContext } from '../../app-context.ts';
import { writeAudit, type AuditActor } from '../../audit/write-audit.ts';
import { DomainError, notFound } from '../../shared/domain-error.ts';
import type { Db } from '../../db/database.ts';
import { definitionOf, entryView, proposalView, proposedEntry, type CatalogueEntryView, type ProposalView } from './catalogue-views.ts';
import { checkEntryRules } from './check-entry-rules.ts';
import { decideProposalRow, findDefinition, findProposal, insertDefinition, insertVersion, lockCatalogue, updateDefinition, type ProposalWithNames } from './store.ts';

export interface DecideProposalInput {
  proposalId: string;
  decision: 'approve' | 'reject';
  /** Optional for an approval, required for a rejection: the proposer is told why. */
  reason?: string | undefined;
}

export interface DecisionOutcome {
  proposal: ProposalView;
  /** The published entry after an approval. */
  entry: CatalogueEntryView | null;
}

const REASON_MAX = 2000;

/**
 * An auditor approves or rejects a pending proposal. Four eyes: the official who
 * proposed it may not decide it (RULE_VIOLATION; the database refuses it too). An
 * approval publishes the entry as its next version and appends that version to the
 * history; it is refused (CONFLICT) when the entry changed since the proposal was
 * written, and re-checks the prohibited list, which may have grown since. The
 * decision, the catalogue change and the audit entry commit together.
 */
export async function decideProposal(ctx: AppContext, actor: AuditActor, input: DecideProposalInput, requestId?: string): Promise<DecisionOutcome> {
  if (actor.role !== 'auditor') throw new DomainError('FORBIDDEN', 'only an auditor may decide catalogue proposals');
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > REASON_MAX) throw new DomainError('VALIDATION_FAILED', `reason must be at most ${REASON_MAX} characters`, { field: 'reason' });
  if (input.decision === 'reject' && (!reason || reason.length < 3)) {
    throw new DomainError('VALIDATION_FAILED', 'a rejection needs a reason, so that the proposer knows what to change', { field: 'reason' });
  }

  return ctx.db.transaction().execute(async (tx) => {
    await lockCatalogue(tx);
    const proposal = await findProposal(tx, input.proposalId);
    if (!proposal) throw notFound('proposal');
    if (proposal.status !== 'pending') {
      throw new DomainError('CONFLICT', `proposal ${proposal.id} was already ${proposal.status}`, { status: proposal.status });
    }
    if (actor.id !== null && proposal.proposed_by === actor.id) {
      throw new DomainError('RULE_VIOLATION', 'the official who proposed a catalogue entry may not decide it: another official must approve or reject it', {
        rule: 'four_eyes',
      });
    }

    const now = new Date();
    if (input.decision === 'reject') {
      await decide(tx, proposal, 'rejected', actor, now, reason);
      await writeAudit(tx, {
        actor,
        purpose: 'oversight',
        action: 'catalogue.rejected',
        subject: { type: 'attribute_proposal', id: proposal.id },
        summary: { key: proposal.key, kind: proposal.kind, reason },
        requestId,
      });
      return { proposal: proposalView((await findProposal(tx, proposal.id))!), entry: null };
    }

    const entry = proposedEntry(proposal);
    const refusal = checkEntryRules(entry);
    if (refusal) throw refusal;
    const currentRow = await findDefinition(tx, entry.key);
    if ((currentRow?.version ?? null) !== proposal.base_version) {
      throw new DomainError(
        'CONFLICT',
        `${entry.key} changed since this proposal was written (now at version ${currentRow?.version ?? 'none'}): reject it and propose again`,
      );
    }
    const version = (proposal.base_version ?? 0) + 1;
    const content = {
      key: entry.key,
      labels: entry.labels,
      type: entry.type,
      enum_values: entry.values,
      sensitivity: entry.sensitivity,
      purposes: entry.purposes,
      legal_basis: entry.legalBasis,
      status: entry.status,
    };
    // The version first: the current row references it.
    const appended = await insertVersion(tx, { ...content, version, proposal_id: proposal.id, approved_by: actor.id, approved_at: now });
    const published = appended &&
      (version === 1
        ? await insertDefinition(tx, { ...content, version, updated_at: now })
        : await updateDefinition(tx, version - 1, { ...content, version, updated_at: now }));
    if (!published) throw new DomainError('CONFLICT', `${entry.key} changed while this proposal was being approved: try again`);
    await decide(tx, proposal, 'approved', actor, now, reason);
    await writeAudit(tx, {
      actor,
      purpose: 'oversight',
      action: 'catalogue.approved',
      subject: { type: 'attribute_proposal', id: proposal.id },
      summary: { key: entry.key, kind: proposal.kind, version, sensitivity: entry.sensitivity, purposes: entry.purposes, status: entry.status },
      requestId,
    });
    return {
      proposal: proposalView((await findProposal(tx, proposal.id))!),
      entry: entryView(definitionOf((await findDefinition(tx, entry.key))!)),
    };
  });
}

async function decide(tx: Db, proposal: ProposalWithNames, status: 'approved' | 'rejected', actor: AuditActor, at: Date, reason: string | null) {
  const done = await decideProposalRow(tx, proposal.id, { status, decided_by: actor.id, decided_at: at, decision_reason: reason });
  if (!done) throw new DomainError('CONFLICT', `proposal ${proposal.id} was decided meanwhile`);
}
