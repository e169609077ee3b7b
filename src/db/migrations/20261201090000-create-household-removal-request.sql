-- Removing a household (one whose members are all removed or merged) is a tombstone
-- that a second official must approve and that can be undone, exactly like removing a
-- person: the request and its decisions are kept here, and every transition is also a
-- household version and an audit entry.

CREATE TABLE household_removal_request (
  id            uuid PRIMARY KEY,
  household_id  uuid NOT NULL REFERENCES household (id),
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
  CHECK (decided_by IS NULL OR decided_by <> requested_by),
  CHECK (undone_by IS NULL OR undone_by <> requested_by)
);
CREATE UNIQUE INDEX household_removal_request_one_open_idx ON household_removal_request (household_id) WHERE status IN ('pending', 'approved');
CREATE INDEX household_removal_request_requested_at_idx ON household_removal_request (requested_at);
COMMENT ON TABLE household_removal_request IS 'Requests to tombstone a household whose members are all removed or merged, their approval by a second official and possible undoing.';
COMMENT ON COLUMN household_removal_request.note IS 'Personal data: why the household is to be removed (e.g. where its members went).';
COMMENT ON COLUMN household_removal_request.undo_note IS 'Personal data: why the removal was undone.';

CREATE TRIGGER household_removal_request_never_deleted BEFORE DELETE ON household_removal_request FOR EACH ROW EXECUTE FUNCTION refuse_row_deletion();
CREATE TRIGGER household_removal_request_no_truncate BEFORE TRUNCATE ON household_removal_request FOR EACH STATEMENT EXECUTE FUNCTION refuse_row_deletion();
