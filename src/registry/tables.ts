import type { ColumnType } from 'kysely';

type DefaultedTime = ColumnType<Date, Date | undefined, Date>;
type Json<T> = ColumnType<T, string, string>;

export interface Address {
  street: string;
  number?: string | undefined;
  reference?: string | undefined;
}

export type Evidence =
  | { kind: 'document'; type: 'national_id' | 'passport' | 'birth_certificate' | 'foreign_id'; number: string }
  | { kind: 'introducer'; introducerId: string; note?: string | undefined }
  | { kind: 'household_head'; note?: string | undefined }
  | { kind: 'sworn_declaration'; note?: string | undefined };

export interface RegistryTables {
  household: HouseholdTable;
  person: PersonTable;
  household_version: VersionTable & { household_id: string };
  person_version: VersionTable & { person_id: string };
  removal_request: RemovalRequestTable;
  household_removal_request: HouseholdRemovalRequestTable;
  dedup_pair: DedupPairTable;
  person_photo: PersonPhotoTable;
  person_dedup_key: { key: number; person_id: string };
}

export type DedupPairStatus = 'pending' | 'same' | 'different' | 'undone';

export interface DedupPairTable {
  id: string;
  person_a: string;
  person_b: string;
  score: number;
  reasons: Json<{ code: string; weight: number; en: string; es: string }[]>;
  source: 'enrolment' | 'import' | 'batch';
  status: ColumnType<DedupPairStatus, DedupPairStatus | undefined, DedupPairStatus>;
  created_at: DefaultedTime;
  decided_by: string | null;
  decided_at: Date | null;
  note: string | null;
}

export interface PersonPhotoTable {
  person_id: string;
  version: number;
  content_type: 'image/webp' | 'image/jpeg' | 'image/png';
  image: Buffer;
  taken_by: string | null;
  taken_at: DefaultedTime;
}

export type RemovalStatus = 'pending' | 'approved' | 'rejected' | 'undone';

export interface RemovalRequestTable {
  id: string;
  person_id: string;
  reason: 'duplicate' | 'death' | 'other';
  note: string;
  status: ColumnType<RemovalStatus, RemovalStatus | undefined, RemovalStatus>;
  requested_by: string;
  requested_at: DefaultedTime;
  decided_by: string | null;
  decided_at: Date | null;
  undone_by: string | null;
  undone_at: Date | null;
  undo_note: string | null;
}

/** A request to tombstone a household whose members are all removed or merged: the same lifecycle as a person's. */
export interface HouseholdRemovalRequestTable extends Omit<RemovalRequestTable, 'person_id'> {
  household_id: string;
}

export interface HouseholdTable {
  id: string;
  region_code: string;
  address: Json<Address>;
  distribution_point: string | null;
  status: ColumnType<'active' | 'tombstoned', 'active' | 'tombstoned' | undefined, 'active' | 'tombstoned'>;
  version: number;
  external_ref: string | null;
  created_at: DefaultedTime;
  updated_at: DefaultedTime;
}

export interface PersonTable {
  id: string;
  household_id: string;
  relationship: 'head' | 'spouse' | 'child' | 'parent' | 'other';
  region_code: string;
  given_names: string;
  family_names: string;
  sex: 'F' | 'M' | 'X' | null;
  birth_date: ColumnType<string | null, string | null, string | null>;
  birth_date_precision: 'day' | 'year';
  birth_date_declared: boolean;
  place_of_birth: string | null;
  phone: string | null;
  evidence: Json<Evidence[]>;
  attributes: Json<Record<string, unknown>>;
  status: ColumnType<'active' | 'tombstoned' | 'merged', 'active' | 'tombstoned' | 'merged' | undefined>;
  merged_into: string | null;
  version: number;
  dedup_keys: ColumnType<string[], string[] | undefined, string[]>;
  external_ref: string | null;
  created_at: DefaultedTime;
  updated_at: DefaultedTime;
}

interface VersionTable {
  version: number;
  data: Json<Record<string, unknown>>;
  reason: string;
  changed_by: string | null;
  changed_by_name: string;
  changed_at: DefaultedTime;
}
