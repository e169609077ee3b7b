-- Programs and their published, versioned rules (DESIGN.md commitment 2). A program's
-- current definition is a row of `program`; every state it ever had is a row of
-- program_version, and every rule it ever published is a row of program_rule_version.
-- Both histories are append-only: the database refuses to change or delete them.
-- Money is numeric, never a float. Plain SQL, frozen once released.

CREATE TABLE program (
  id                  uuid PRIMARY KEY,
  code                text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' AND length(code) BETWEEN 2 AND 40),
  name_es             text NOT NULL CHECK (length(name_es) BETWEEN 1 AND 200),
  name_en             text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
  description_es      text NOT NULL,
  description_en      text NOT NULL,
  sector              text NOT NULL CHECK (sector IN ('food', 'health', 'pensions', 'fuel', 'cash')),
  unit                text NOT NULL CHECK (unit IN ('household', 'person')),
  benefit_kind        text NOT NULL CHECK (benefit_kind IN ('in_kind', 'cash')),
  item_es             text NOT NULL CHECK (length(item_es) BETWEEN 1 AND 200),
  item_en             text NOT NULL CHECK (length(item_en) BETWEEN 1 AND 200),
  measure             text NOT NULL CHECK (measure ~ '^([a-z][a-z0-9_]{0,29}|[A-Z]{3})$'),
  currency            text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  frequency           text NOT NULL CHECK (frequency IN ('monthly', 'weekly', 'one_off')),
  distribution_points text[] NOT NULL DEFAULT '{}',
  status              text NOT NULL CHECK (status IN ('draft', 'active', 'closed')),
  version             integer NOT NULL CHECK (version >= 1),
  activated_at        timestamptz,
  closed_at           timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  created_by          uuid REFERENCES official (id),
  created_by_name     text NOT NULL,
  updated_at          timestamptz NOT NULL DEFAULT now(),
  updated_by          uuid REFERENCES official (id),
  updated_by_name     text NOT NULL,
  -- A cash benefit is counted in its currency.
  CHECK (benefit_kind = 'in_kind' OR measure = currency),
  CHECK ((status = 'draft') = (activated_at IS NULL)),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX program_status_idx ON program (status);
COMMENT ON TABLE program IS 'Social-protection programs as currently defined: sector, benefit unit, benefit and frequency. Holds no personal data. Every change is also a row of program_version; a program is never deleted (closed is final).';
COMMENT ON COLUMN program.code IS 'Stable public code (kebab-case, e.g. food-box); officials'' program scopes name it.';
COMMENT ON COLUMN program.sector IS 'The sector whose catalogue purposes the rule may read and whose pseudonyms the entitlements carry; never identity.';
COMMENT ON COLUMN program.unit IS 'The benefit unit: one decision per household or per person.';
COMMENT ON COLUMN program.measure IS 'What a quantity counts: box, litre, unit… for an in-kind benefit; the currency code for a cash benefit.';
COMMENT ON COLUMN program.currency IS 'ISO 4217 code (or a user-assigned X.. code) of prices, budgets and cash amounts.';
COMMENT ON COLUMN program.distribution_points IS 'Codes of the distribution points that serve the program.';
COMMENT ON COLUMN program.created_by IS 'Personal data of the official who created the program; NULL for the installation (demo seed).';
COMMENT ON COLUMN program.updated_by IS 'Personal data of the official who made the last change; NULL for the installation.';

CREATE TABLE program_version (
  program_id      uuid NOT NULL REFERENCES program (id),
  version         integer NOT NULL CHECK (version >= 1),
  data            jsonb NOT NULL,
  reason          text NOT NULL,
  changed_by      uuid REFERENCES official (id),
  changed_by_name text NOT NULL,
  changed_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, version)
);
COMMENT ON TABLE program_version IS 'Append-only history of every program definition: each version with who, when and why.';
COMMENT ON COLUMN program_version.changed_by IS 'Personal data of the official who made the change; NULL for the installation.';

CREATE TABLE program_rule_version (
  program_id       uuid NOT NULL REFERENCES program (id),
  version          integer NOT NULL CHECK (version >= 1),
  eligibility      text NOT NULL CHECK (length(eligibility) BETWEEN 1 AND 2000),
  quantity         text NOT NULL CHECK (length(quantity) BETWEEN 1 AND 2000),
  price_per_unit   numeric(14, 2) NOT NULL CHECK (price_per_unit >= 0),
  budget_per_cycle numeric(16, 2) NOT NULL CHECK (budget_per_cycle >= 0),
  valid_from       date NOT NULL,
  reason           text NOT NULL,
  rule_references  jsonb NOT NULL CHECK (jsonb_typeof(rule_references) = 'array'),
  published_at     timestamptz NOT NULL DEFAULT now(),
  published_by     uuid REFERENCES official (id),
  published_by_name text NOT NULL,
  PRIMARY KEY (program_id, version)
);
COMMENT ON TABLE program_rule_version IS 'Every published rule of every program, append-only and public: eligibility and quantity in the rule language, the subsidised price, the budget, the date it takes effect. A change is a new version; the version in force on a date is the highest one whose valid_from is on or before it.';
COMMENT ON COLUMN program_rule_version.eligibility IS 'Who is eligible: a rule-language expression that computes true or false (src/programs/rules).';
COMMENT ON COLUMN program_rule_version.quantity IS 'How many units of the measure are due to an eligible household or person: a rule-language expression that computes a number.';
COMMENT ON COLUMN program_rule_version.price_per_unit IS 'The subsidised price the beneficiary pays per unit, in the program''s currency; 0 for a cash benefit.';
COMMENT ON COLUMN program_rule_version.budget_per_cycle IS 'The budget of one cycle, in the program''s currency.';
COMMENT ON COLUMN program_rule_version.rule_references IS 'The facts the two expressions read (path, type, origin, catalogue attribute and its catalogue version), as checked when published: what a cycle loads, and nothing else.';
COMMENT ON COLUMN program_rule_version.published_by IS 'Personal data of the official who published the version; NULL for the installation.';

CREATE TRIGGER program_version_append_only BEFORE UPDATE OR DELETE ON program_version
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER program_version_no_truncate BEFORE TRUNCATE ON program_version
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER program_rule_version_append_only BEFORE UPDATE OR DELETE ON program_rule_version
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER program_rule_version_no_truncate BEFORE TRUNCATE ON program_rule_version
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER program_never_deleted BEFORE DELETE ON program FOR EACH ROW EXECUTE FUNCTION refuse_row_deletion();
CREATE TRIGGER program_no_truncate BEFORE TRUNCATE ON program FOR EACH STATEMENT EXECUTE FUNCTION refuse_row_deletion();
