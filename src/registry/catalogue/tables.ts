import type { AttributeLabels, AttributeType, EntryStatus, Sensitivity } from './attribute-definition.ts';

/**
 * The attribute catalogue's tables (migration 20261129190100-create-attribute-catalogue.sql).
 * Every column is written explicitly on insert (no database defaults are relied on),
 * so plain types describe them; `jsonb` columns are written through a cast in store.ts.
 */
export interface CatalogueTables {
  attribute_definition: AttributeDefinitionTable;
  attribute_definition_version: AttributeDefinitionVersionTable;
  attribute_proposal: AttributeProposalTable;
}

export type ProposalKind = 'create' | 'change';
export type ProposalStatus = 'pending' | 'approved' | 'rejected';

interface EntryColumns {
  key: string;
  labels: AttributeLabels;
  type: AttributeType;
  enum_values: string[];
  sensitivity: Sensitivity;
  purposes: string[];
  legal_basis: string;
}

export interface AttributeDefinitionTable extends EntryColumns {
  status: EntryStatus;
  version: number;
  updated_at: Date;
}

export interface AttributeDefinitionVersionTable extends EntryColumns {
  version: number;
  status: EntryStatus;
  proposal_id: string;
  approved_by: string | null;
  approved_at: Date;
}

export interface AttributeProposalTable extends EntryColumns {
  id: string;
  kind: ProposalKind;
  base_version: number | null;
  entry_status: EntryStatus;
  reason: string | null;
  status: ProposalStatus;
  proposed_by: string | null;
  proposed_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
}
