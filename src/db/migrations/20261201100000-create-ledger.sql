-- The ledger (issue 6): double-entry bookkeeping of the subsidised prices collected at
-- distribution points, their way to the treasury, and every correction. A posting
-- (journal entry) has two or more lines; the database itself refuses a posting whose
-- debits and credits differ in any currency, an amount that is not a positive decimal
-- with two places, a line added to a posting after the fact, and any UPDATE, DELETE or
-- TRUNCATE. A mistake is corrected by a reversal: a new posting with the opposite lines
-- that names the one it reverses, once. Balances are never stored; they are sums of
-- lines, so there is no hot balance row for concurrent redemptions to queue behind.

-- An account is a code of the chart in one currency. The chart is checked here, so a
-- new kind of account is a reviewed migration, never a typo in a request.
CREATE TABLE ledger_account (
  code      text COLLATE "C" NOT NULL,
  currency  text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  type      text NOT NULL CHECK (type IN ('asset', 'liability', 'income', 'expense')),
  opened_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (code, currency),
  CHECK (
       (type = 'asset'   AND code ~ '^point:[A-Za-z0-9][A-Za-z0-9._-]{0,39}:(cash|mobile)$')
    OR (type = 'expense' AND code ~ '^point:[A-Za-z0-9][A-Za-z0-9._-]{0,39}:discrepancy$')
    OR (type = 'income'  AND code ~ '^program:[a-z][a-z0-9]*(-[a-z0-9]+)*:cycle:[0-9]{4}-(0[1-9]|1[0-2]|W(0[1-9]|[1-4][0-9]|5[0-3])):collected$')
    OR (type = 'asset'   AND code ~ '^treasury:[a-z][a-z0-9-]{0,39}$')
  )
);
COMMENT ON TABLE ledger_account IS 'The chart of accounts in use: each code in each currency, opened by its first posting. point:<point>:cash (the till), point:<point>:mobile (mobile payments reported at the point until the treasury confirms them), point:<point>:discrepancy (cash or mobile payments found missing or over), program:<program>:cycle:<period>:collected (subsidised prices collected for a cycle), treasury:<name> (the treasury''s collection account). Holds no personal data; never changed or deleted.';
COMMENT ON COLUMN ledger_account.type IS 'asset and expense accounts grow with debits; income and liability accounts with credits.';

CREATE TABLE ledger_posting (
  id                uuid PRIMARY KEY,
  seq               bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  idempotency_key   text NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  request_hash      bytea NOT NULL CHECK (length(request_hash) = 32),
  kind              text NOT NULL CHECK (kind IN ('collection', 'deposit', 'settlement', 'shortage', 'overage', 'reversal')),
  line_count        smallint NOT NULL CHECK (line_count BETWEEN 2 AND 1000),
  effective_at      timestamptz NOT NULL,
  recorded_at       timestamptz NOT NULL DEFAULT now(),
  reverses          uuid REFERENCES ledger_posting (id),
  cycle_id          uuid,
  program_code      text,
  point_code        text,
  redemption_id     uuid,
  device_id         uuid,
  official_id       uuid REFERENCES official (id),
  payment_reference text CHECK (payment_reference ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$'),
  memo              text NOT NULL DEFAULT '' CHECK (length(memo) <= 500),
  -- What each line names, so that a line can only belong to a posting of that size.
  UNIQUE (id, line_count),
  CHECK ((kind = 'reversal') = (reverses IS NOT NULL)),
  CHECK (reverses <> id)
);
COMMENT ON TABLE ledger_posting IS 'Journal entries: what happened (kind), when, where, by whom and why, each with two or more balanced lines in ledger_line. Append-only; a correction is a reversal posting that names the posting it reverses (at most one per posting, never of another reversal). No foreign key to cycle or program: every collection of a cycle would lock the same parent row.';
COMMENT ON COLUMN ledger_posting.seq IS 'The journal number, in the order postings were recorded; what a journal read pages by.';
COMMENT ON COLUMN ledger_posting.idempotency_key IS 'Chosen by the caller (e.g. redemption:<id>:price): the same request sent again finds this posting instead of making a second one.';
COMMENT ON COLUMN ledger_posting.request_hash IS 'SHA-256 of the canonical request, so that a key sent again with different content is refused rather than silently answered with another posting.';
COMMENT ON COLUMN ledger_posting.effective_at IS 'When the money changed hands (a terminal''s clock for a payment taken offline); recorded_at is when the ledger learnt of it. Balances "as of" a time use effective_at.';
COMMENT ON COLUMN ledger_posting.redemption_id IS 'Pseudonymous link to the redemption whose price this is; the ledger never holds a person or household id.';
COMMENT ON COLUMN ledger_posting.device_id IS 'The registered terminal that recorded the payment.';
COMMENT ON COLUMN ledger_posting.official_id IS 'Personal data of the official who took the payment, made the deposit or reversed the posting.';
COMMENT ON COLUMN ledger_posting.payment_reference IS 'The payment network''s reference of a mobile payment, deposit slip or settlement (e.g. a Pago Móvil confirmation number). Pseudonymous: it reaches the payer only through the bank''s records; never a phone, account or document number.';
COMMENT ON COLUMN ledger_posting.memo IS 'May hold personal data of the official who wrote it (a reversal''s reason, a discrepancy''s explanation); must not name beneficiaries.';
CREATE UNIQUE INDEX ledger_posting_reversed_once_idx ON ledger_posting (reverses) WHERE reverses IS NOT NULL;
CREATE INDEX ledger_posting_cycle_point_idx ON ledger_posting (cycle_id, point_code) WHERE cycle_id IS NOT NULL;
CREATE INDEX ledger_posting_point_idx ON ledger_posting (point_code) WHERE point_code IS NOT NULL;

CREATE TABLE ledger_line (
  posting_id uuid NOT NULL,
  line_no    smallint NOT NULL,
  line_count smallint NOT NULL,
  account    text COLLATE "C" NOT NULL,
  currency   text NOT NULL,
  side       text NOT NULL CHECK (side IN ('debit', 'credit')),
  -- Exactly two decimal places, so that "5" or "0.005" cannot slip in by rounding.
  amount     numeric NOT NULL CHECK (amount > 0 AND amount < 10000000000000000 AND scale(amount) = 2),
  PRIMARY KEY (posting_id, line_no),
  FOREIGN KEY (posting_id, line_count) REFERENCES ledger_posting (id, line_count),
  -- With the primary key: a posting of n lines has lines 1..n and can never get another.
  CHECK (line_no BETWEEN 1 AND line_count)
);
COMMENT ON TABLE ledger_line IS 'The lines of each posting: an account in a currency, debited or credited with a positive amount. Balances are sums of lines; nothing else holds them. Holds no personal data; append-only.';
CREATE INDEX ledger_line_account_idx ON ledger_line (account, currency);

-- Checked when the transaction commits, once per posting, over all its lines: that it
-- has as many lines as it declares, every account is open in the line's currency,
-- debits equal credits in each currency, and a reversal mirrors the posting it
-- reverses, which is not itself a reversal. Constraint triggers fire even when the
-- posting and its lines come from raw SQL.
CREATE FUNCTION ledger_posting_must_balance() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  found_lines integer;
  unopened    text;
  unbalanced  text;
  original    record;
BEGIN
  SELECT count(*), string_agg(DISTINCT CASE WHEN a.code IS NULL THEN l.account || ' in ' || l.currency END, ', ')
    INTO found_lines, unopened
    FROM ledger_line l LEFT JOIN ledger_account a ON a.code = l.account AND a.currency = l.currency
   WHERE l.posting_id = NEW.id;
  IF found_lines <> NEW.line_count THEN
    RAISE EXCEPTION 'ledger posting % declares % lines but has %', NEW.id, NEW.line_count, found_lines
      USING ERRCODE = 'check_violation';
  END IF;
  IF unopened IS NOT NULL THEN
    RAISE EXCEPTION 'ledger posting % uses accounts that are not open: %', NEW.id, unopened
      USING ERRCODE = 'check_violation';
  END IF;
  SELECT string_agg(format('%s debits %s, credits %s', currency, debits, credits), '; ' ORDER BY currency)
    INTO unbalanced
    FROM (SELECT currency,
                 coalesce(sum(amount) FILTER (WHERE side = 'debit'), 0) AS debits,
                 coalesce(sum(amount) FILTER (WHERE side = 'credit'), 0) AS credits
            FROM ledger_line WHERE posting_id = NEW.id GROUP BY currency) t
   WHERE debits <> credits;
  IF unbalanced IS NOT NULL THEN
    RAISE EXCEPTION 'ledger posting % does not balance: %', NEW.id, unbalanced
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.reverses IS NOT NULL THEN
    SELECT kind, line_count INTO original FROM ledger_posting WHERE id = NEW.reverses;
    IF original.kind = 'reversal' THEN
      RAISE EXCEPTION 'ledger posting % is a reversal and cannot be reversed', NEW.reverses
        USING ERRCODE = 'check_violation';
    END IF;
    IF original.line_count <> NEW.line_count OR EXISTS (
         SELECT account, currency, CASE side WHEN 'debit' THEN 'credit' ELSE 'debit' END, amount FROM ledger_line WHERE posting_id = NEW.id
         EXCEPT ALL
         SELECT account, currency, side, amount FROM ledger_line WHERE posting_id = NEW.reverses) THEN
      RAISE EXCEPTION 'ledger posting % must have exactly the opposite lines of the posting % it reverses', NEW.id, NEW.reverses
        USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER ledger_posting_balances AFTER INSERT ON ledger_posting
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_posting_must_balance();

CREATE TRIGGER ledger_account_append_only BEFORE UPDATE OR DELETE ON ledger_account FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER ledger_account_no_truncate BEFORE TRUNCATE ON ledger_account FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER ledger_posting_append_only BEFORE UPDATE OR DELETE ON ledger_posting FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER ledger_posting_no_truncate BEFORE TRUNCATE ON ledger_posting FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER ledger_line_append_only BEFORE UPDATE OR DELETE ON ledger_line FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER ledger_line_no_truncate BEFORE TRUNCATE ON ledger_line FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();
