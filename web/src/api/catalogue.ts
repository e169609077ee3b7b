import { apiRequest } from './client.ts';
import type { ApproveBody, CatalogueEntry, Proposal, ProposalBody, ProposalDecision, ProposalStatus, RejectBody } from './contracts.ts';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

/** The published attribute catalogue (public, no login): active and retired entries. */
export const getCatalogue = (signal?: AbortSignal) => apiRequest<{ entries: CatalogueEntry[] }>('GET', '/api/catalogue', opts(signal)).then((r) => r.entries);

/** Proposals, newest first (administrators and auditors). */
export const listProposals = (status: ProposalStatus | undefined, signal?: AbortSignal) =>
  apiRequest<{ proposals: Proposal[] }>('GET', '/api/catalogue/proposals', { query: { status }, ...opts(signal) }).then((r) => r.proposals);

/** An administrator proposes; 422 RULE_VIOLATION for a prohibited attribute, naming the word. */
export const proposeEntry = (body: ProposalBody) => apiRequest<Proposal>('POST', '/api/catalogue/proposals', { body });

/** An auditor other than the proposer decides. */
export const approveProposal = (id: string, body: ApproveBody) =>
  apiRequest<ProposalDecision>('POST', `/api/catalogue/proposals/${encodeURIComponent(id)}/approve`, { body });

export const rejectProposal = (id: string, body: RejectBody) =>
  apiRequest<ProposalDecision>('POST', `/api/catalogue/proposals/${encodeURIComponent(id)}/reject`, { body });
