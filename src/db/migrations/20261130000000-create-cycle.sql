-- Cycles and entitlements (issue 5): a cycle evaluates a program's rule over the
-- registry for one period and writes the entitlements, keyed by sector pseudonym.

-- What one unit of an in-kind benefit costs the program's budget, so that a cycle can
-- compare its cost with the budget. NULL for cash (a unit is one unit of the currency)
-- and for in-kind rules published before this column existed (a cycle refuses those).
ALTER TABLE program_rule_version ADD COLUMN cost_per_unit numeric(14, 2) CHECK (cost_per_unit >= 0);
COMMENT ON COLUMN program_rule_version.cost_per_unit IS 'What one unit of an in-kind benefit costs the budget, in the program''s currency; NULL for cash, where a unit is one unit of the currency.';

-- Pseudonyms are not stored next to the data they pseudonymise: a table from pseudonym
-- to person would let anyone who reads the database join a sector's data to the
-- registry, which commitment 5 reserves to whoever holds the master key. A pseudonym is
-- recomputed from the person or household id when needed (src/pseudonyms), and
-- resolving one back walks the official's regions recomputing them.
DROP TABLE sector_pseudonym;

CREATE TABLE cycle (
  id                 uuid PRIMARY KEY,
  program_id         uuid NOT NULL REFERENCES program (id),
  period             text NOT NULL,
  rule_version       integer NOT NULL,
  reference_date     date NOT NULL,
  valid_from         date NOT NULL,
  valid_until        date NOT NULL CHECK (valid_until >= valid_from),
  price_per_unit     numeric(14, 2) NOT NULL,
  cost_per_unit      numeric(14, 2),
  budget             numeric(16, 2) NOT NULL,
  status             text NOT NULL CHECK (status IN ('running', 'over_budget', 'open', 'closed')),
  -- Progress of the run: households are walked in id order; the cursor is the last one done.
  households_total   integer NOT NULL CHECK (households_total >= 0),
  households_done    integer NOT NULL DEFAULT 0 CHECK (households_done >= 0),
  cursor             uuid,
  subjects_evaluated integer NOT NULL DEFAULT 0,
  eligible           integer NOT NULL DEFAULT 0,
  not_computed       integer NOT NULL DEFAULT 0,
  -- Totals, from the entitlement rows, when the run finished.
  entitlements       integer,
  total_quantity     numeric(20, 3),
  total_cost         numeric(20, 2),
  total_price        numeric(20, 2),
  started_at         timestamptz NOT NULL DEFAULT now(),
  started_by         uuid REFERENCES official (id),
  started_by_name    text NOT NULL,
  evaluated_at       timestamptz,
  override_by        uuid REFERENCES official (id),
  override_by_name   text,
  override_reason    text,
  override_at        timestamptz,
  closed_at          timestamptz,
  closed_by          uuid REFERENCES official (id),
  closed_by_name     text,
  close_reason       text,
  UNIQUE (program_id, period),
  FOREIGN KEY (program_id, rule_version) REFERENCES program_rule_version (program_id, version),
  -- A budget is overridden by a named official other than the one who started the run.
  CHECK (override_by IS NULL OR override_by IS DISTINCT FROM started_by),
  CHECK ((override_at IS NULL) = (override_by IS NULL)),
  CHECK ((status = 'running') = (evaluated_at IS NULL))
);
COMMENT ON TABLE cycle IS 'One run of a program for one period: the rule version, price, cost and budget it applied, its progress, totals, and who ran, overrode and closed it. Only an open cycle''s entitlements are handed out.';
COMMENT ON COLUMN cycle.period IS 'YYYY-MM for monthly and one-off programs, YYYY-Www (ISO week) for weekly ones.';
COMMENT ON COLUMN cycle.not_computed IS 'Eligible households or persons whose quantity could not be computed (a value the quantity rule reads is not recorded): nothing is due to them this cycle.';
COMMENT ON COLUMN cycle.reference_date IS 'The first day of the period: the date ages are counted on and the rule version in force on.';
COMMENT ON COLUMN cycle.started_by IS 'Personal data of the official who ran the cycle; NULL for the installation (CLI).';
COMMENT ON COLUMN cycle.override_by IS 'Personal data of the second official who let the cycle exceed its budget.';
COMMENT ON COLUMN cycle.closed_by IS 'Personal data of the official who closed the cycle.';
CREATE TRIGGER cycle_never_deleted BEFORE DELETE ON cycle FOR EACH ROW EXECUTE FUNCTION refuse_row_deletion();
CREATE TRIGGER cycle_no_truncate BEFORE TRUNCATE ON cycle FOR EACH STATEMENT EXECUTE FUNCTION refuse_row_deletion();

CREATE TABLE entitlement (
  cycle_id           uuid NOT NULL REFERENCES cycle (id),
  subject            text NOT NULL,
  region_code        text NOT NULL,
  distribution_point text,
  quantity           numeric(16, 3) NOT NULL CHECK (quantity > 0),
  facts              jsonb NOT NULL,
  PRIMARY KEY (cycle_id, subject)
);
COMMENT ON TABLE entitlement IS 'What a cycle decided is due: to whom (the sector pseudonym of a household or person, never a registry id), how much, where, and the facts the decision read. Written once, never changed: redemptions are recorded elsewhere.';
COMMENT ON COLUMN entitlement.subject IS 'Pseudonymous personal data: the sector pseudonym of the household (household programs) or person (person programs).';
COMMENT ON COLUMN entitlement.region_code IS 'The parish of the household, for regional scoping and reports.';
COMMENT ON COLUMN entitlement.distribution_point IS 'The household''s distribution point when the program is served there; NULL when it has none (listed as unassigned).';
COMMENT ON COLUMN entitlement.facts IS 'Pseudonymous personal data: the values of the facts the rule read ({"household.size": 4, …}), so a later registry change cannot silently alter what was approved.';
CREATE INDEX entitlement_point_idx ON entitlement (cycle_id, distribution_point);
CREATE TRIGGER entitlement_append_only BEFORE UPDATE OR DELETE ON entitlement FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER entitlement_no_truncate BEFORE TRUNCATE ON entitlement FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();
