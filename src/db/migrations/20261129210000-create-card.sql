-- Cards: the signed QR credentials of DESIGN.md. A card row is never deleted and
-- never changed except once, to record its revocation; the revocation status list
-- is derived from these rows (one bit per card, at status_index).

CREATE SEQUENCE card_status_index_seq AS integer MINVALUE 0 START WITH 0;

CREATE TABLE card (
  card_number        text PRIMARY KEY CHECK (card_number ~ '^[23456789ACDEFGHJKMNPQRTVWXY]{11}$'),
  person_id          uuid NOT NULL REFERENCES person (id),
  status_index       integer NOT NULL UNIQUE DEFAULT nextval('card_status_index_seq'),
  kid                text NOT NULL REFERENCES installation_key (kid),
  qr_text            text NOT NULL,
  with_face          boolean NOT NULL,
  issued_at          timestamptz NOT NULL,
  expires_at         timestamptz NOT NULL,
  issued_by          uuid,
  issued_by_name     text NOT NULL,
  issue_reason       text NOT NULL CHECK (issue_reason IN ('first', 'lost', 'stolen', 'damaged', 'renewal', 'data_changed')),
  replaces           text UNIQUE REFERENCES card (card_number),
  revoked_at         timestamptz,
  revoked_by         uuid,
  revoked_by_name    text,
  revocation_reason  text CHECK (revocation_reason IN ('lost', 'stolen', 'damaged', 'renewal', 'data_changed', 'deceased', 'duplicate', 'fraud', 'other')),
  revocation_note    text,
  CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
);
CREATE UNIQUE INDEX card_one_valid_per_person ON card (person_id) WHERE revoked_at IS NULL;
CREATE INDEX card_revoked_idx ON card (status_index) WHERE revoked_at IS NOT NULL;
COMMENT ON TABLE card IS 'Issued cards. card_number is random and printed; the QR carries it, never person_id. status_index is the card''s bit in the published revocation list.';
COMMENT ON COLUMN card.qr_text IS 'Personal data: the signed QR text as printed (names, birth date, optional face).';

-- A card can be revoked once; nothing else about it ever changes, and no card disappears.
CREATE FUNCTION card_only_revocation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.revoked_at IS NOT NULL THEN
    RAISE EXCEPTION 'card % is revoked: a revoked card never changes', OLD.card_number USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.card_number, NEW.person_id, NEW.status_index, NEW.kid, NEW.qr_text, NEW.with_face, NEW.issued_at, NEW.expires_at,
      NEW.issued_by, NEW.issued_by_name, NEW.issue_reason, NEW.replaces)
     IS DISTINCT FROM
     (OLD.card_number, OLD.person_id, OLD.status_index, OLD.kid, OLD.qr_text, OLD.with_face, OLD.issued_at, OLD.expires_at,
      OLD.issued_by, OLD.issued_by_name, OLD.issue_reason, OLD.replaces) THEN
    RAISE EXCEPTION 'only the revocation of card % may be recorded', OLD.card_number USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER card_only_revocation BEFORE UPDATE ON card FOR EACH ROW EXECUTE FUNCTION card_only_revocation();
CREATE TRIGGER card_never_deleted BEFORE DELETE ON card FOR EACH ROW EXECUTE FUNCTION refuse_row_deletion();
CREATE TRIGGER card_no_truncate BEFORE TRUNCATE ON card FOR EACH STATEMENT EXECUTE FUNCTION refuse_row_deletion();

-- Sector pseudonyms handed to a sector (programs, distribution): the only way back
-- from a pseudonym to a person, read through an audited, purpose-bound service.
CREATE TABLE sector_pseudonym (
  sector      text NOT NULL,
  pseudonym   text NOT NULL,
  person_id   uuid NOT NULL REFERENCES person (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sector, pseudonym),
  UNIQUE (sector, person_id)
);
COMMENT ON TABLE sector_pseudonym IS 'Keyed-hash pseudonyms of persons per sector. Sector tables store only the pseudonym; resolving one back is an audited act of a role with that sector''s purpose.';
CREATE TRIGGER sector_pseudonym_append_only BEFORE UPDATE OR DELETE ON sector_pseudonym FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
