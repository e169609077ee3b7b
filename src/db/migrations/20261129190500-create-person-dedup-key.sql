-- Blocking keys for duplicate search in a table of their own, with a b-tree: one
-- `key = ANY(…)` lookup serves a single enrolment and a whole import batch alike
-- (an array overlap on a GIN column degrades to a scan for large batches). Keys are
-- stored hashed, since they are built from names and birth dates.

CREATE TABLE person_dedup_key (
  key       bigint NOT NULL,
  person_id uuid NOT NULL REFERENCES person (id),
  PRIMARY KEY (key, person_id)
);
CREATE INDEX person_dedup_key_person_idx ON person_dedup_key (person_id);
COMMENT ON TABLE person_dedup_key IS 'Derived data: 52-bit hashes of each person''s blocking keys (phonetic names with birth year or date, document). Replaced when a person''s names, birth date or documents change; no history needed, the person''s versions hold it.';

COMMENT ON COLUMN person.dedup_keys IS 'Derived: phonetic name-token keys (t:…) for name search with typos.';
