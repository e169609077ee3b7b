-- Removing a person (a duplicate, a death) is a tombstone that a second official must
-- approve and that can be undone: the request and its decisions are kept here.

CREATE TABLE removal_request (
  id            uuid PRIMARY KEY,
  person_id     uuid NOT NULL REFERENCES person (id),
  reason        text NOT NULL CHECK (reason IN ('duplicate', 'death', 'other')),
  note          text NOT NULL,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'undone')),
  requested_by  uuid NOT NULL REFERENCES official (id),
  requested_at  timestamptz NOT NULL DEFAULT now(),
  decided_by    uuid REFERENCES official (id),
  decided_at    timestamptz,
  undone_by     uuid REFERENCES official (id),
  undone_at     timestamptz,
  undo_note     text,
  CHECK (decided_by IS NULL OR decided_by <> requested_by)
);
CREATE UNIQUE INDEX removal_request_one_open_idx ON removal_request (person_id) WHERE status IN ('pending', 'approved');
COMMENT ON TABLE removal_request IS 'Requests to tombstone a person, and their approval by a second official and possible undoing. Every transition is also a person version and an audit entry.';
COMMENT ON COLUMN removal_request.note IS 'Personal data: why the person is to be removed (e.g. the death certificate number).';
COMMENT ON COLUMN removal_request.undo_note IS 'Personal data: why the removal was undone.';

CREATE TRIGGER removal_request_never_deleted BEFORE DELETE ON removal_request FOR EACH ROW EXECUTE FUNCTION refuse_row_deletion();
