-- Distribution (issue 6): the points where entitlements are handed over, the agents who
-- work there, the terminals (phones, tablets) they use with a key pair of their own,
-- the redemptions, the conflicts an offline sync finds, and the SMS outbox of receipts.
-- A redemption's price is posted to the ledger in the same transaction.

CREATE TABLE distribution_point (
  code            text PRIMARY KEY CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,39}$'),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind            text NOT NULL CHECK (kind IN ('food', 'pharmacy', 'fuel', 'bank_agent')),
  region_code     text NOT NULL REFERENCES region (code),
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid REFERENCES official (id),
  created_by_name text NOT NULL
);
COMMENT ON TABLE distribution_point IS 'Food points, pharmacies, fuel stations and bank agents where entitlements are handed over. The programs a point serves are listed on the program (program.distribution_points). Never deleted: a point that stops working is closed.';
COMMENT ON COLUMN distribution_point.created_by IS 'Personal data of the administrator who registered the point.';
CREATE INDEX distribution_point_region_idx ON distribution_point (region_code);
CREATE TRIGGER distribution_point_never_deleted BEFORE DELETE ON distribution_point FOR EACH ROW EXECUTE FUNCTION refuse_row_deletion();
CREATE TRIGGER distribution_point_no_truncate BEFORE TRUNCATE ON distribution_point FOR EACH STATEMENT EXECUTE FUNCTION refuse_row_deletion();

-- Which agents work at which point. An assignment ends; it is never deleted, so the
-- record of who could hand out what, where and when stays.
CREATE TABLE distribution_point_agent (
  point_code      text NOT NULL REFERENCES distribution_point (code),
  official_id     uuid NOT NULL REFERENCES official (id),
  assigned_at     timestamptz NOT NULL DEFAULT now(),
  assigned_by     uuid REFERENCES official (id),
  assigned_by_name text NOT NULL,
  ended_at        timestamptz,
  ended_by        uuid REFERENCES official (id),
  ended_by_name   text,
  CHECK ((ended_at IS NULL) = (ended_by_name IS NULL)),
  PRIMARY KEY (point_code, official_id, assigned_at)
);
CREATE UNIQUE INDEX distribution_point_agent_current ON distribution_point_agent (point_code, official_id) WHERE ended_at IS NULL;
CREATE INDEX distribution_point_agent_official_idx ON distribution_point_agent (official_id) WHERE ended_at IS NULL;
COMMENT ON TABLE distribution_point_agent IS 'Personal data of officials: the distribution agents assigned to each point, with when and by whom; an assignment is ended, never deleted.';
CREATE TRIGGER distribution_point_agent_never_deleted BEFORE DELETE ON distribution_point_agent FOR EACH ROW EXECUTE FUNCTION refuse_row_deletion();
CREATE TRIGGER distribution_point_agent_no_truncate BEFORE TRUNCATE ON distribution_point_agent FOR EACH STATEMENT EXECUTE FUNCTION refuse_row_deletion();

-- A terminal is registered by an administrator for one point and gets a one-time
-- enrolment code; the device generates its Ed25519 key pair and presents the public
-- key with the code. From then on every request and every offline record it sends is
-- signed with that key. Revocation is one UPDATE that is never undone.
CREATE TABLE terminal (
  id                   uuid PRIMARY KEY,
  point_code           text NOT NULL REFERENCES distribution_point (code),
  label                text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
  enrolment_code_hash  bytea CHECK (length(enrolment_code_hash) = 32),
  enrolment_expires_at timestamptz NOT NULL,
  public_key           bytea CHECK (length(public_key) = 32),
  enrolled_at          timestamptz,
  enrolled_by          uuid REFERENCES official (id),
  registered_at        timestamptz NOT NULL DEFAULT now(),
  registered_by        uuid REFERENCES official (id),
  registered_by_name   text NOT NULL,
  revoked_at           timestamptz,
  revoked_by           uuid REFERENCES official (id),
  revoked_by_name      text,
  revocation_reason    text CHECK (length(revocation_reason) BETWEEN 1 AND 500),
  CHECK ((public_key IS NULL) = (enrolled_at IS NULL)),
  -- The code is spent by enrolment: a key, or a code, never both.
  CHECK (public_key IS NULL OR enrolment_code_hash IS NULL),
  CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
);
CREATE UNIQUE INDEX terminal_enrolment_code_idx ON terminal (enrolment_code_hash) WHERE enrolment_code_hash IS NOT NULL;
CREATE INDEX terminal_point_idx ON terminal (point_code);
COMMENT ON TABLE terminal IS 'Registered distribution terminals: the point, the public key the device generated, who registered and enrolled it, and its revocation. The private key never leaves the device.';
COMMENT ON COLUMN terminal.enrolment_code_hash IS 'SHA-256 of the one-time enrolment code shown to the administrator; cleared when the device enrols.';

CREATE FUNCTION terminal_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.revoked_at IS NOT NULL THEN
    RAISE EXCEPTION 'terminal % is revoked: a revoked terminal never changes', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.public_key IS NOT NULL AND NEW.public_key IS DISTINCT FROM OLD.public_key THEN
    RAISE EXCEPTION 'terminal % already has a key: register a new terminal instead', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.id, NEW.point_code, NEW.registered_at, NEW.registered_by, NEW.registered_by_name)
     IS DISTINCT FROM (OLD.id, OLD.point_code, OLD.registered_at, OLD.registered_by, OLD.registered_by_name) THEN
    RAISE EXCEPTION 'a terminal''s point and registration never change' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER terminal_guard BEFORE UPDATE ON terminal FOR EACH ROW EXECUTE FUNCTION terminal_guard();
CREATE TRIGGER terminal_never_deleted BEFORE DELETE ON terminal FOR EACH ROW EXECUTE FUNCTION refuse_row_deletion();
CREATE TRIGGER terminal_no_truncate BEFORE TRUNCATE ON terminal FOR EACH STATEMENT EXECUTE FUNCTION refuse_row_deletion();

-- Whether a program lets an entitlement be collected in more than one pickup.
ALTER TABLE program ADD COLUMN partial_pickups boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN program.partial_pickups IS 'True when an entitlement may be collected in several pickups (e.g. litres of fuel); otherwise it is collected whole, once.';

-- A redemption is one pickup of (part of) an entitlement. Its id is chosen by the
-- terminal before it sends the request, so the same request sent again finds the same
-- row (idempotent). Pickups of one entitlement are numbered 1, 2, …; two terminals
-- racing for the same pickup number collide on the primary key and exactly one wins,
-- with no lock held across the round trip.
CREATE TABLE redemption (
  id                uuid PRIMARY KEY,
  receipt_no        bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  cycle_id          uuid NOT NULL,
  subject           text NOT NULL,
  pickup            smallint NOT NULL CHECK (pickup >= 1),
  quantity          numeric(16, 3) NOT NULL CHECK (quantity > 0),
  remaining         numeric(16, 3) NOT NULL CHECK (remaining >= 0),
  point_code        text NOT NULL REFERENCES distribution_point (code),
  terminal_id       uuid REFERENCES terminal (id),
  agent_id          uuid REFERENCES official (id),
  agent_name        text NOT NULL,
  card_number       text,
  identified_by     text NOT NULL CHECK (identified_by IN ('card', 'official_search')),
  redeemed_at       timestamptz NOT NULL,
  recorded_at       timestamptz NOT NULL DEFAULT now(),
  offline           boolean NOT NULL,
  currency          text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  price_per_unit    numeric(14, 2) NOT NULL CHECK (price_per_unit >= 0),
  amount            numeric(16, 2) NOT NULL CHECK (amount >= 0),
  payment_method    text NOT NULL CHECK (payment_method IN ('cash', 'mobile', 'none')),
  payment_reference text,
  posting_id        uuid,
  request_hash      bytea NOT NULL CHECK (length(request_hash) = 32),
  device_signature  bytea CHECK (length(device_signature) = 64),
  UNIQUE (cycle_id, subject, pickup),
  FOREIGN KEY (cycle_id, subject) REFERENCES entitlement (cycle_id, subject),
  CHECK ((amount = 0) = (payment_method = 'none')),
  CHECK ((payment_method = 'mobile') = (payment_reference IS NOT NULL)),
  CHECK ((amount = 0) = (posting_id IS NULL))
);
CREATE INDEX redemption_point_idx ON redemption (point_code, cycle_id);
COMMENT ON TABLE redemption IS 'Pickups of entitlements: what was handed over (quantity, and what was left after it), where, when, by which agent on which terminal, and the price taken; the price is a ledger posting (posting_id) made in the same transaction. Append-only.';
COMMENT ON COLUMN redemption.subject IS 'Pseudonymous personal data: the sector pseudonym of the entitlement''s household or person.';
COMMENT ON COLUMN redemption.agent_name IS 'Personal data of the agent who handed it over.';
COMMENT ON COLUMN redemption.card_number IS 'Personal data: the card that was scanned (NULL when an official identified the person by search, with a written reason in the audit log).';
COMMENT ON COLUMN redemption.redeemed_at IS 'When it was handed over, by the terminal''s clock (an offline pickup is recorded later, at recorded_at).';
COMMENT ON COLUMN redemption.request_hash IS 'SHA-256 of the canonical request: the same id sent again with other content is refused, not answered with this receipt.';
COMMENT ON COLUMN redemption.device_signature IS 'The terminal''s Ed25519 signature over the offline record, kept as evidence of what the device recorded.';
CREATE TRIGGER redemption_append_only BEFORE UPDATE OR DELETE ON redemption FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER redemption_no_truncate BEFORE TRUNCATE ON redemption FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();

-- An offline record that cannot become a redemption (another device of the point handed
-- out the same entitlement first, or more than is left, or its terminal was revoked
-- before it was sent): the goods and the money really
-- changed hands, so the record is kept whole, its price is posted like any other, and
-- it waits for a supervisor. Nothing acknowledged to an agent is dropped.
CREATE TABLE redemption_conflict (
  id                uuid PRIMARY KEY,
  cycle_id          uuid NOT NULL,
  subject           text NOT NULL,
  -- terminal_revoked: recorded before its terminal was revoked, sent after; never a redemption.
  reason            text NOT NULL CHECK (reason IN ('already_redeemed', 'exceeds_remaining', 'cycle_not_open', 'not_at_this_point', 'unknown_entitlement', 'terminal_revoked')),
  quantity          numeric(16, 3) NOT NULL CHECK (quantity > 0),
  point_code        text NOT NULL REFERENCES distribution_point (code),
  terminal_id       uuid NOT NULL REFERENCES terminal (id),
  agent_id          uuid REFERENCES official (id),
  agent_name        text NOT NULL,
  card_number       text,
  redeemed_at       timestamptz NOT NULL,
  recorded_at       timestamptz NOT NULL DEFAULT now(),
  currency          text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  amount            numeric(16, 2) NOT NULL CHECK (amount >= 0),
  payment_method    text NOT NULL CHECK (payment_method IN ('cash', 'mobile', 'none')),
  payment_reference text,
  posting_id        uuid,
  conflicts_with    uuid[] NOT NULL DEFAULT '{}',
  record            jsonb NOT NULL,
  request_hash      bytea NOT NULL CHECK (length(request_hash) = 32),
  device_signature  bytea NOT NULL CHECK (length(device_signature) = 64)
);
CREATE INDEX redemption_conflict_point_idx ON redemption_conflict (point_code, cycle_id);
COMMENT ON TABLE redemption_conflict IS 'Offline pickups the sync could not accept as redemptions, kept whole with the device''s signature and the redemptions they collide with, for a supervisor. Append-only; a decision is a row of redemption_conflict_resolution.';
COMMENT ON COLUMN redemption_conflict.subject IS 'Pseudonymous personal data: the sector pseudonym of the entitlement''s household or person.';
COMMENT ON COLUMN redemption_conflict.agent_name IS 'Personal data of the agent.';
COMMENT ON COLUMN redemption_conflict.card_number IS 'Personal data: the card that was scanned.';
COMMENT ON COLUMN redemption_conflict.record IS 'Pseudonymous personal data: the signed offline record exactly as the terminal sent it.';
CREATE TRIGGER redemption_conflict_append_only BEFORE UPDATE OR DELETE ON redemption_conflict FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER redemption_conflict_no_truncate BEFORE TRUNCATE ON redemption_conflict FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();

CREATE TABLE redemption_conflict_resolution (
  conflict_id     uuid PRIMARY KEY REFERENCES redemption_conflict (id),
  decision        text NOT NULL CHECK (decision IN ('accepted_loss', 'recovered', 'refunded')),
  note            text NOT NULL CHECK (length(note) BETWEEN 3 AND 1000),
  reversal_id     uuid,
  decided_at      timestamptz NOT NULL DEFAULT now(),
  decided_by      uuid REFERENCES official (id),
  decided_by_name text NOT NULL
);
COMMENT ON TABLE redemption_conflict_resolution IS 'A supervisor''s decision on a conflict, once: the double pickup accepted as a loss, the goods recovered, or the price refunded (with the reversal posting). Append-only.';
COMMENT ON COLUMN redemption_conflict_resolution.decided_by_name IS 'Personal data of the supervisor.';
CREATE TRIGGER redemption_conflict_resolution_append_only BEFORE UPDATE OR DELETE ON redemption_conflict_resolution FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER redemption_conflict_resolution_no_truncate BEFORE TRUNCATE ON redemption_conflict_resolution FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();

-- Every sync batch a terminal sent, as evidence: when, how many records, what became of them.
CREATE TABLE terminal_sync (
  id           uuid PRIMARY KEY,
  terminal_id  uuid NOT NULL REFERENCES terminal (id),
  agent_id     uuid REFERENCES official (id),
  received_at  timestamptz NOT NULL DEFAULT now(),
  records      integer NOT NULL CHECK (records >= 0),
  recorded     integer NOT NULL CHECK (recorded >= 0),
  duplicates   integer NOT NULL CHECK (duplicates >= 0),
  conflicts    integer NOT NULL CHECK (conflicts >= 0),
  body_hash    bytea NOT NULL CHECK (length(body_hash) = 32)
);
CREATE INDEX terminal_sync_terminal_idx ON terminal_sync (terminal_id, received_at);
COMMENT ON TABLE terminal_sync IS 'Each sync batch a terminal sent: when, how many records and what became of them. Append-only.';
CREATE TRIGGER terminal_sync_append_only BEFORE UPDATE OR DELETE ON terminal_sync FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER terminal_sync_no_truncate BEFORE TRUNCATE ON terminal_sync FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();

-- The notification outbox: a message is written in the transaction of what it reports
-- (so it is sent if and only if that committed) and a sender delivers it through the
-- configured provider. Delivery attempts are rows of their own; the message never changes.
CREATE TABLE notification (
  id          uuid PRIMARY KEY,
  seq         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  channel     text NOT NULL CHECK (channel IN ('sms')),
  recipient   text NOT NULL,
  template    text NOT NULL,
  body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 1000),
  about_type  text,
  about_id    text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE notification IS 'Messages to residents waiting to be sent or sent (receipts by SMS). Written in the transaction of what they report.';
COMMENT ON COLUMN notification.recipient IS 'Personal data: the phone number the message goes to.';
COMMENT ON COLUMN notification.body IS 'Personal data: the text of the message (a receipt names what was handed over, never the person''s name).';
CREATE TRIGGER notification_append_only BEFORE UPDATE OR DELETE ON notification FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER notification_no_truncate BEFORE TRUNCATE ON notification FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();

CREATE TABLE notification_delivery (
  notification_id uuid NOT NULL REFERENCES notification (id),
  attempt         integer NOT NULL CHECK (attempt >= 1),
  at              timestamptz NOT NULL DEFAULT now(),
  outcome         text NOT NULL CHECK (outcome IN ('sent', 'failed')),
  provider        text NOT NULL,
  provider_ref    text,
  error           text,
  PRIMARY KEY (notification_id, attempt)
);
CREATE UNIQUE INDEX notification_delivery_sent ON notification_delivery (notification_id) WHERE outcome = 'sent';
COMMENT ON TABLE notification_delivery IS 'Each attempt to deliver a notification through the provider; at most one succeeds. Append-only.';
CREATE TRIGGER notification_delivery_append_only BEFORE UPDATE OR DELETE ON notification_delivery FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER notification_delivery_no_truncate BEFORE TRUNCATE ON notification_delivery FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();
