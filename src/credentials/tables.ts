import type { ColumnType, Generated } from 'kysely';

export type IssueReason = 'first' | 'lost' | 'stolen' | 'damaged' | 'renewal' | 'data_changed';
export type RevocationReason = 'lost' | 'stolen' | 'damaged' | 'renewal' | 'data_changed' | 'deceased' | 'duplicate' | 'fraud' | 'other';

export interface CardTable {
  card_number: string;
  person_id: string;
  status_index: Generated<number>;
  kid: string;
  qr_text: string;
  with_face: boolean;
  issued_at: Date;
  expires_at: Date;
  issued_by: string | null;
  issued_by_name: string;
  issue_reason: IssueReason;
  replaces: string | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  revoked_by_name: string | null;
  revocation_reason: RevocationReason | null;
  revocation_note: string | null;
}

export interface CredentialTables {
  card: CardTable;
}
