-- The social registry: households, persons, and the append-only history of both.
-- The current row is a projection for fast reads and search; every state it ever had
-- is a row of *_version, which the database refuses to change or delete.

CREATE TABLE household (
  id                 uuid PRIMARY KEY,
  region_code        text NOT NULL REFERENCES region (code),
  address            jsonb NOT NULL,
  distribution_point text,
  status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'tombstoned')),
  version            integer NOT NULL CHECK (version >= 1),
  external_ref       text UNIQUE,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX household_region_idx ON household (region_code);
COMMENT ON TABLE household IS 'Households: the benefit unit of most programs, and the distribution key for sharding (persons, entitlements and redemptions follow their household).';
COMMENT ON COLUMN household.address IS 'Personal data: street, number and a reference, within region_code.';
COMMENT ON COLUMN household.distribution_point IS 'Code of the distribution point the household is assigned to.';
COMMENT ON COLUMN household.external_ref IS 'Identifier from an import or the synthetic seed, so that re-running it creates nothing twice.';

CREATE TABLE person (
  id                   uuid PRIMARY KEY,
  household_id         uuid NOT NULL REFERENCES household (id),
  relationship         text NOT NULL CHECK (relationship IN ('head', 'spouse', 'child', 'parent', 'other')),
  region_code          text NOT NULL REFERENCES region (code),
  given_names          text NOT NULL,
  family_names         text NOT NULL,
  sex                  text CHECK (sex IN ('F', 'M', 'X')),
  birth_date           date,
  birth_date_precision text NOT NULL DEFAULT 'day' CHECK (birth_date_precision IN ('day', 'year')),
  birth_date_declared  boolean NOT NULL DEFAULT false,
  place_of_birth       text,
  phone                text,
  evidence             jsonb NOT NULL,
  attributes           jsonb NOT NULL DEFAULT '{}',
  status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'tombstoned', 'merged')),
  merged_into          uuid REFERENCES person (id),
  version              integer NOT NULL CHECK (version >= 1),
  dedup_keys           text[] NOT NULL DEFAULT '{}',
  external_ref         text UNIQUE,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_household_idx ON person (household_id);
CREATE INDEX person_region_idx ON person (region_code);
CREATE INDEX person_dedup_keys_idx ON person USING gin (dedup_keys);
COMMENT ON TABLE person IS 'Residents as currently recorded. id is an internal key: it never appears on a card, in a QR or in another sector''s data.';
COMMENT ON COLUMN person.given_names IS 'Personal data.';
COMMENT ON COLUMN person.family_names IS 'Personal data: both family names, particles included (de, del, de la).';
COMMENT ON COLUMN person.sex IS 'Personal data: sex as recorded, when recorded.';
COMMENT ON COLUMN person.birth_date IS 'Personal data; with birth_date_precision = year only the year is known (day and month are 01-01).';
COMMENT ON COLUMN person.birth_date_declared IS 'True when the date was declared without a document (approximate).';
COMMENT ON COLUMN person.place_of_birth IS 'Personal data.';
COMMENT ON COLUMN person.phone IS 'Personal data: for notifications only.';
COMMENT ON COLUMN person.evidence IS 'Personal data: evidence of identity (document type and number, introducer, household head, or sworn declaration).';
COMMENT ON COLUMN person.attributes IS 'Personal data: needs-based attributes, each declared in the published attribute catalogue.';
COMMENT ON COLUMN person.dedup_keys IS 'Derived blocking keys (phonetic names, birth year, document) for duplicate search; recomputed on every change.';

CREATE TABLE household_version (
  household_id uuid NOT NULL REFERENCES household (id),
  version      integer NOT NULL,
  data         jsonb NOT NULL,
  reason       text NOT NULL,
  changed_by   uuid REFERENCES official (id),
  changed_by_name text NOT NULL,
  changed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (household_id, version)
);
COMMENT ON TABLE household_version IS 'Append-only history of every household: each version with who, when and why.';
COMMENT ON COLUMN household_version.data IS 'Personal data: the household as it was at this version.';

CREATE TABLE person_version (
  person_id    uuid NOT NULL REFERENCES person (id),
  version      integer NOT NULL,
  data         jsonb NOT NULL,
  reason       text NOT NULL,
  changed_by   uuid REFERENCES official (id),
  changed_by_name text NOT NULL,
  changed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, version)
);
COMMENT ON TABLE person_version IS 'Append-only history of every person: each version with who, when and why.';
COMMENT ON COLUMN person_version.data IS 'Personal data: the person as recorded at this version.';

CREATE TRIGGER household_version_append_only BEFORE UPDATE OR DELETE ON household_version
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER household_version_no_truncate BEFORE TRUNCATE ON household_version
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER person_version_append_only BEFORE UPDATE OR DELETE ON person_version
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER person_version_no_truncate BEFORE TRUNCATE ON person_version
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();

-- A current row may change, but never disappear: removal is a tombstone.
CREATE FUNCTION refuse_row_deletion() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'rows of % are never deleted: % refused (use a tombstone)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER person_never_deleted BEFORE DELETE ON person FOR EACH ROW EXECUTE FUNCTION refuse_row_deletion();
CREATE TRIGGER person_no_truncate BEFORE TRUNCATE ON person FOR EACH STATEMENT EXECUTE FUNCTION refuse_row_deletion();
CREATE TRIGGER household_never_deleted BEFORE DELETE ON household FOR EACH ROW EXECUTE FUNCTION refuse_row_deletion();
CREATE TRIGGER household_no_truncate BEFORE TRUNCATE ON household FOR EACH STATEMENT EXECUTE FUNCTION refuse_row_deletion();
