import type { ColumnType } from 'kysely';

type DefaultedTime = ColumnType<Date, Date | undefined, Date>;

/** Terminals of the distribution points (migration 20261202090000-create-distribution.sql). */
export interface TerminalTables {
  terminal: TerminalTable;
}

export interface TerminalTable {
  id: string;
  point_code: string;
  label: string;
  /** SHA-256 of the one-time enrolment code; NULL once the device enrolled. */
  enrolment_code_hash: Buffer | null;
  enrolment_expires_at: Date;
  /** The device's raw 32-byte Ed25519 public key; NULL until it enrols. */
  public_key: Buffer | null;
  enrolled_at: Date | null;
  enrolled_by: string | null;
  registered_at: DefaultedTime;
  registered_by: string | null;
  registered_by_name: string;
  revoked_at: Date | null;
  revoked_by: string | null;
  revoked_by_name: string | null;
  revocation_reason: string | null;
}
