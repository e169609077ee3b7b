-- Foundation: regions, officials, sessions, installation keys, the audit log and its
-- checkpoints. Plain SQL, frozen once released: later changes are new files.

CREATE TABLE region (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  level       text NOT NULL CHECK (level IN ('state', 'municipality', 'parish')),
  parent_code text REFERENCES region (code),
  CHECK ((level = 'state') = (parent_code IS NULL))
);
COMMENT ON TABLE region IS 'Administrative divisions of the country. Codes are hierarchical: a parish code starts with its municipality code, which starts with its state code, so a scope on a code covers everything below it.';

CREATE TABLE official (
  id                  uuid PRIMARY KEY,
  username            text NOT NULL UNIQUE CHECK (username ~ '^[a-z][a-z0-9._-]{2,39}$'),
  display_name        text NOT NULL,
  role                text NOT NULL CHECK (role IN ('administrator', 'registrar', 'program_manager', 'distribution_agent', 'auditor', 'analyst')),
  region_scopes       text[] NOT NULL DEFAULT '{}',
  program_scopes      text[] NOT NULL DEFAULT '{}',
  password_hash       text NOT NULL,
  totp_secret_enc     bytea,
  totp_enrolled_at    timestamptz,
  totp_last_step      bigint,
  demo_skips_second_factor boolean NOT NULL DEFAULT false,
  failed_logins       integer NOT NULL DEFAULT 0,
  locked_until        timestamptz,
  disabled_at         timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  created_by          uuid REFERENCES official (id)
);
COMMENT ON TABLE official IS 'Accounts of public officials. One role per account so that every audit entry names one role; scopes limit the regions and programs the account may touch.';
COMMENT ON COLUMN official.display_name IS 'Personal data of the official: shown in the audit log to auditors and residents.';
COMMENT ON COLUMN official.password_hash IS 'Argon2id (PHC string).';
COMMENT ON COLUMN official.totp_secret_enc IS 'TOTP secret, AES-256-GCM under the installation master key.';
COMMENT ON COLUMN official.totp_last_step IS 'Last accepted TOTP time step, so one code cannot be replayed.';
COMMENT ON COLUMN official.demo_skips_second_factor IS 'Honoured only while the installation runs in demo mode.';
COMMENT ON COLUMN official.region_scopes IS 'Region codes this official may act in; * means the whole country.';
COMMENT ON COLUMN official.program_scopes IS 'Program codes this official may act on; * means every program.';

CREATE TABLE session (
  token_hash    bytea PRIMARY KEY,
  official_id   uuid NOT NULL REFERENCES official (id),
  second_factor_done boolean NOT NULL DEFAULT false,
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  ended_at      timestamptz,
  ip            text,
  user_agent    text
);
CREATE INDEX session_official_idx ON session (official_id);
COMMENT ON TABLE session IS 'Official sessions. Only a SHA-256 of the cookie token is stored, so a copy of this table opens no session.';
COMMENT ON COLUMN session.ip IS 'Personal data of the official: network address at login.';
COMMENT ON COLUMN session.user_agent IS 'Personal data of the official: browser at login.';

CREATE TABLE installation_key (
  kid             text PRIMARY KEY,
  purpose         text NOT NULL CHECK (purpose IN ('checkpoint', 'trust-list', 'issuer')),
  algorithm       text NOT NULL DEFAULT 'Ed25519' CHECK (algorithm = 'Ed25519'),
  public_key      bytea NOT NULL CHECK (length(public_key) = 32),
  private_key_enc bytea NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  not_after       timestamptz,
  retired_at      timestamptz
);
COMMENT ON TABLE installation_key IS 'Signing keys of the installation. Private keys are encrypted under the master key, which never enters the database.';

-- The audit log. Entries are spread over a few parallel chains so that concurrent
-- transactions do not all queue behind one lock; each chain is a strict hash chain
-- and every checkpoint signs the heads of all chains.
CREATE TABLE audit_entry (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  chain        smallint NOT NULL CHECK (chain >= 0),
  seq          bigint NOT NULL CHECK (seq >= 1),
  at           timestamptz NOT NULL,
  actor_id     uuid,
  actor_name   text NOT NULL,
  role         text NOT NULL,
  purpose      text NOT NULL,
  action       text NOT NULL,
  outcome      text NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
  subject_type text,
  subject_id   text,
  detail       jsonb NOT NULL DEFAULT '{}',
  request_id   text,
  prev_hash    bytea NOT NULL,
  hash         bytea NOT NULL,
  UNIQUE (chain, seq)
);
CREATE INDEX audit_entry_subject_idx ON audit_entry (subject_type, subject_id) WHERE subject_id IS NOT NULL;
CREATE INDEX audit_entry_actor_idx ON audit_entry (actor_id, id);
COMMENT ON TABLE audit_entry IS 'Append-only, hash-chained log of every read or change of personal data and every login. hash = SHA-256(prev_hash || canonical JSON of the entry).';
COMMENT ON COLUMN audit_entry.actor_name IS 'Personal data of the official who acted.';
COMMENT ON COLUMN audit_entry.subject_id IS 'Identifier of the record read or changed; links the entry to a person''s record.';
COMMENT ON COLUMN audit_entry.detail IS 'What was read or changed, by field name; never the values of special attributes.';

CREATE TABLE audit_checkpoint (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL,
  entry_count bigint NOT NULL,
  payload     text NOT NULL,
  kid         text NOT NULL REFERENCES installation_key (kid),
  signature   bytea NOT NULL CHECK (length(signature) = 64)
);
COMMENT ON TABLE audit_checkpoint IS 'Signed statements of the audit chain heads. payload is the exact JSON that was signed; it is published so that a rewritten history shows.';

-- The database itself refuses to rewrite history, whatever the application does.
CREATE FUNCTION refuse_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();
