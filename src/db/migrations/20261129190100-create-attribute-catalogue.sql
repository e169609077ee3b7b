-- The attribute catalogue (DESIGN.md commitment 1, "needs, not opinions"): every
-- needs-based attribute the registry may hold is declared here with its type, its
-- sensitivity, the sectors that may read it and its legal basis. An administrator
-- proposes, a different official (an auditor) approves; each approval is a new
-- version, kept for ever. Plain SQL, frozen once released.

CREATE TABLE attribute_proposal (
  id              uuid PRIMARY KEY,
  key             text NOT NULL CHECK (key ~ '^[a-z][a-z0-9]*(_[a-z0-9]+)*$' AND length(key) BETWEEN 2 AND 63),
  kind            text NOT NULL CHECK (kind IN ('create', 'change')),
  base_version    integer CHECK (base_version >= 1),
  labels          jsonb NOT NULL CHECK (jsonb_typeof(labels) = 'object' AND labels ? 'es' AND labels ? 'en'),
  type            text NOT NULL CHECK (type IN ('boolean', 'integer', 'decimal', 'date', 'enum')),
  enum_values     text[] NOT NULL,
  sensitivity     text NOT NULL CHECK (sensitivity IN ('normal', 'special')),
  purposes        text[] NOT NULL CHECK (cardinality(purposes) >= 1),
  legal_basis     text NOT NULL CHECK (length(legal_basis) >= 10),
  entry_status    text NOT NULL CHECK (entry_status IN ('active', 'retired')),
  reason          text,
  status          text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  proposed_by     uuid REFERENCES official (id),
  proposed_at     timestamptz NOT NULL,
  decided_by      uuid REFERENCES official (id),
  decided_at      timestamptz,
  decision_reason text,
  CHECK ((kind = 'create') = (base_version IS NULL)),
  CHECK ((type = 'enum') = (cardinality(enum_values) >= 2)),
  CHECK (type = 'enum' OR cardinality(enum_values) = 0),
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  -- Four eyes: whoever proposed an entry may not decide it.
  CHECK (decided_by IS NULL OR proposed_by IS NULL OR decided_by <> proposed_by)
);
-- One open proposal per key, so two changes cannot race each other to approval.
CREATE UNIQUE INDEX attribute_proposal_one_pending_idx ON attribute_proposal (key) WHERE status = 'pending';
CREATE INDEX attribute_proposal_status_idx ON attribute_proposal (status, proposed_at);
COMMENT ON TABLE attribute_proposal IS 'Proposed new catalogue entries and changes to entries. A proposal is decided once (approved or rejected) by an official other than its proposer; a decided proposal is frozen and no proposal is ever deleted.';
COMMENT ON COLUMN attribute_proposal.key IS 'snake_case key of the attribute, refused by the application when it names a prohibited category (political opinion, voting, religion, ethnicity, union membership, sexual life, social media, criminal record, biometrics).';
COMMENT ON COLUMN attribute_proposal.kind IS 'create: a new key; change: a new version of an existing entry (base_version).';
COMMENT ON COLUMN attribute_proposal.base_version IS 'The version of the entry the change was written against; approval refuses it if the entry moved on.';
COMMENT ON COLUMN attribute_proposal.labels IS 'Label by language code, e.g. {"es": "Ingreso mensual", "en": "Monthly income"}; es and en are required.';
COMMENT ON COLUMN attribute_proposal.enum_values IS 'Allowed values of an enum attribute; empty for other types.';
COMMENT ON COLUMN attribute_proposal.sensitivity IS 'special: health and similar facts, readable only for the sectors in purposes.';
COMMENT ON COLUMN attribute_proposal.purposes IS 'Sectors whose programs need the attribute (food, health, pensions, fuel, cash, identity).';
COMMENT ON COLUMN attribute_proposal.legal_basis IS 'The law or regulation that allows collecting the attribute; published.';
COMMENT ON COLUMN attribute_proposal.entry_status IS 'Status the entry will have once approved: active, or retired (no new values collected).';
COMMENT ON COLUMN attribute_proposal.reason IS 'Why the proposer asks for the entry or the change; free text written by an official.';
COMMENT ON COLUMN attribute_proposal.proposed_by IS 'Personal data of the official who proposed; NULL when the installation itself installed its default catalogue.';
COMMENT ON COLUMN attribute_proposal.decided_by IS 'Personal data of the official who approved or rejected; never the proposer.';
COMMENT ON COLUMN attribute_proposal.decision_reason IS 'Why the proposal was approved or rejected; required for a rejection.';

CREATE TABLE attribute_definition_version (
  key          text NOT NULL,
  version      integer NOT NULL CHECK (version >= 1),
  labels       jsonb NOT NULL CHECK (jsonb_typeof(labels) = 'object' AND labels ? 'es' AND labels ? 'en'),
  type         text NOT NULL CHECK (type IN ('boolean', 'integer', 'decimal', 'date', 'enum')),
  enum_values  text[] NOT NULL,
  sensitivity  text NOT NULL CHECK (sensitivity IN ('normal', 'special')),
  purposes     text[] NOT NULL CHECK (cardinality(purposes) >= 1),
  legal_basis  text NOT NULL,
  status       text NOT NULL CHECK (status IN ('active', 'retired')),
  proposal_id  uuid NOT NULL UNIQUE REFERENCES attribute_proposal (id),
  approved_by  uuid REFERENCES official (id),
  approved_at  timestamptz NOT NULL,
  PRIMARY KEY (key, version),
  CHECK ((type = 'enum') = (cardinality(enum_values) >= 2))
);
COMMENT ON TABLE attribute_definition_version IS 'Every published version of every catalogue entry, append-only: the database refuses UPDATE, DELETE and TRUNCATE. What the catalogue said on any date can always be shown.';
COMMENT ON COLUMN attribute_definition_version.proposal_id IS 'The approved proposal this version publishes.';
COMMENT ON COLUMN attribute_definition_version.approved_by IS 'Personal data of the approving official; NULL for the installation''s default catalogue.';

CREATE TRIGGER attribute_definition_version_append_only BEFORE UPDATE OR DELETE ON attribute_definition_version
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER attribute_definition_version_no_truncate BEFORE TRUNCATE ON attribute_definition_version
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();

CREATE TABLE attribute_definition (
  key          text PRIMARY KEY,
  labels       jsonb NOT NULL,
  type         text NOT NULL CHECK (type IN ('boolean', 'integer', 'decimal', 'date', 'enum')),
  enum_values  text[] NOT NULL,
  sensitivity  text NOT NULL CHECK (sensitivity IN ('normal', 'special')),
  purposes     text[] NOT NULL CHECK (cardinality(purposes) >= 1),
  legal_basis  text NOT NULL,
  status       text NOT NULL CHECK (status IN ('active', 'retired')),
  version      integer NOT NULL,
  updated_at   timestamptz NOT NULL,
  -- The current entry is always a published version.
  FOREIGN KEY (key, version) REFERENCES attribute_definition_version (key, version)
);
CREATE INDEX attribute_definition_status_idx ON attribute_definition (status, key);
COMMENT ON TABLE attribute_definition IS 'The published catalogue: the current approved version of each entry, readable by anyone. An entry is never deleted, only retired; its key and type never change, and each change moves it to the next version.';
COMMENT ON COLUMN attribute_definition.purposes IS 'Sectors that may read the attribute; a special attribute is read for these sectors only.';
COMMENT ON COLUMN attribute_definition.legal_basis IS 'The law or regulation that allows collecting the attribute; published.';

CREATE FUNCTION attribute_definition_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'catalogue entries are never removed, only retired: % refused', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.key <> OLD.key OR NEW.type <> OLD.type OR NEW.version <> OLD.version + 1 THEN
    RAISE EXCEPTION 'a catalogue entry keeps its key and type and moves one version at a time'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER attribute_definition_guarded BEFORE UPDATE OR DELETE ON attribute_definition
  FOR EACH ROW EXECUTE FUNCTION attribute_definition_guard();
CREATE TRIGGER attribute_definition_no_truncate BEFORE TRUNCATE ON attribute_definition
  FOR EACH STATEMENT EXECUTE FUNCTION attribute_definition_guard();

CREATE FUNCTION attribute_proposal_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'catalogue proposals are never removed: % refused', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status <> 'pending' THEN
    RAISE EXCEPTION 'proposal % was already %: it cannot change', OLD.id, OLD.status
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.id, NEW.key, NEW.kind, NEW.base_version, NEW.labels, NEW.type, NEW.enum_values, NEW.sensitivity,
      NEW.purposes, NEW.legal_basis, NEW.entry_status, NEW.reason, NEW.proposed_by, NEW.proposed_at)
     IS DISTINCT FROM
     (OLD.id, OLD.key, OLD.kind, OLD.base_version, OLD.labels, OLD.type, OLD.enum_values, OLD.sensitivity,
      OLD.purposes, OLD.legal_basis, OLD.entry_status, OLD.reason, OLD.proposed_by, OLD.proposed_at) THEN
    RAISE EXCEPTION 'a decision may not change what was proposed'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER attribute_proposal_guarded BEFORE UPDATE OR DELETE ON attribute_proposal
  FOR EACH ROW EXECUTE FUNCTION attribute_proposal_guard();
CREATE TRIGGER attribute_proposal_no_truncate BEFORE TRUNCATE ON attribute_proposal
  FOR EACH STATEMENT EXECUTE FUNCTION attribute_proposal_guard();
