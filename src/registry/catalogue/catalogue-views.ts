import type { AttributeDefinition, AttributeEntry, Sector } from './attribute-definition.ts';
import type { DefinitionRow, ProposalWithNames } from './store.ts';

/** A published entry as the API, the CLI and the public page show it. */
export interface CatalogueEntryView {
  key: string;
  labels: AttributeEntry['labels'];
  type: AttributeEntry['type'];
  values: string[];
  sensitivity: AttributeEntry['sensitivity'];
  purposes: Sector[];
  legalBasis: string;
  status: AttributeEntry['status'];
  version: number;
  updatedAt: string;
}

export interface ProposalView {
  id: string;
  key: string;
  kind: 'create' | 'change';
  baseVersion: number | null;
  entry: Omit<AttributeEntry, 'key'>;
  reason: string | null;
  status: 'pending' | 'approved' | 'rejected';
  /** Username of the proposer; null when the installation installed its defaults. */
  proposedBy: string | null;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
}

export const definitionOf = (r: DefinitionRow): AttributeDefinition => ({
  key: r.key,
  labels: r.labels,
  type: r.type,
  values: r.enum_values,
  sensitivity: r.sensitivity,
  purposes: r.purposes as Sector[],
  legalBasis: r.legal_basis,
  status: r.status,
  version: r.version,
  updatedAt: r.updated_at,
});

export const entryView = (d: AttributeDefinition): CatalogueEntryView => ({
  key: d.key,
  labels: d.labels,
  type: d.type,
  values: d.values,
  sensitivity: d.sensitivity,
  purposes: d.purposes,
  legalBasis: d.legalBasis,
  status: d.status,
  version: d.version,
  updatedAt: d.updatedAt.toISOString(),
});

export const proposalView = (p: ProposalWithNames): ProposalView => ({
  id: p.id,
  key: p.key,
  kind: p.kind,
  baseVersion: p.base_version,
  entry: {
    labels: p.labels,
    type: p.type,
    values: p.enum_values,
    sensitivity: p.sensitivity,
    purposes: p.purposes as Sector[],
    legalBasis: p.legal_basis,
    status: p.entry_status,
  },
  reason: p.reason,
  status: p.status,
  proposedBy: p.proposed_by_name,
  proposedAt: p.proposed_at.toISOString(),
  decidedBy: p.decided_by_name,
  decidedAt: p.decided_at?.toISOString() ?? null,
  decisionReason: p.decision_reason,
});

/** The entry a proposal asks to publish. */
export const proposedEntry = (p: ProposalWithNames): AttributeEntry => ({ key: p.key, ...proposalView(p).entry });
