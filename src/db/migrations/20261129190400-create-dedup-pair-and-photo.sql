-- Possible duplicates waiting for (or decided by) a registrar, and persons' photos.

CREATE TABLE dedup_pair (
  id           uuid PRIMARY KEY,
  person_a     uuid NOT NULL REFERENCES person (id),
  person_b     uuid NOT NULL REFERENCES person (id),
  score        real NOT NULL CHECK (score >= 0 AND score <= 1),
  reasons      jsonb NOT NULL,
  source       text NOT NULL CHECK (source IN ('enrolment', 'import', 'batch')),
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'same', 'different', 'undone')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  decided_by   uuid REFERENCES official (id),
  decided_at   timestamptz,
  note         text,
  CHECK (person_a < person_b)
);
CREATE UNIQUE INDEX dedup_pair_unique_idx ON dedup_pair (person_a, person_b);
CREATE INDEX dedup_pair_status_idx ON dedup_pair (status, created_at);
COMMENT ON TABLE dedup_pair IS 'Pairs of records that may be the same person: the review queue. "same" merges person_b into person_a (reversibly, as versions); "different" is remembered so the pair is not asked again. person_a < person_b keeps one row per pair.';
COMMENT ON COLUMN dedup_pair.reasons IS 'Why the records look alike: codes, weights and explanations, no values beyond the names compared.';
COMMENT ON COLUMN dedup_pair.note IS 'Personal data: the registrar''s note on the decision.';
CREATE TRIGGER dedup_pair_never_deleted BEFORE DELETE ON dedup_pair FOR EACH ROW EXECUTE FUNCTION refuse_row_deletion();

CREATE TABLE person_photo (
  person_id    uuid NOT NULL REFERENCES person (id),
  version      integer NOT NULL CHECK (version >= 1),
  content_type text NOT NULL CHECK (content_type IN ('image/webp', 'image/jpeg', 'image/png')),
  image        bytea NOT NULL CHECK (length(image) <= 300000),
  taken_by     uuid REFERENCES official (id),
  taken_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, version)
);
COMMENT ON TABLE person_photo IS 'Photos of persons, for the card and for an agent to compare faces. Append-only: a new photo is a new version. Served only to officials whose task needs it.';
COMMENT ON COLUMN person_photo.image IS 'Personal data: the face image.';
CREATE TRIGGER person_photo_append_only BEFORE UPDATE OR DELETE ON person_photo FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER person_photo_no_truncate BEFORE TRUNCATE ON person_photo FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();
