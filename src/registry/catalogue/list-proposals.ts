import type { Db } from '../../db/database.ts';
import { proposalView, type ProposalView } from './catalogue-views.ts';
import { listProposals as listProposalRows } from './store.ts';
import type { ProposalStatus } from './tables.ts';

/**
 * Proposals newest first, for administrators and auditors (the auditor's queue is
 * `status: 'pending'`). Not an audit entry: proposals are about the catalogue, not
 * about residents; the only personal data are the usernames of the officials who
 * proposed and decided, shown to the two roles that work on the queue together.
 */
export async function listProposals(db: Db, options: { status?: ProposalStatus | undefined; limit?: number | undefined } = {}): Promise<ProposalView[]> {
  return (await listProposalRows(db, { status: options.status, limit: options.limit ?? 100 })).map(proposalView);
}
