-- ─── Ledger: the rules of an account are checked when the columns they are about are written ─────

-- Every batch rewrites the counters of the accounts it touches, and PostgreSQL evaluates every CHECK
-- constraint of a row on every update, whatever changed (about a sixth of the counter update of a batch).
-- The rules about the type, code, status and limits of an account move to a trigger that fires on INSERT
-- and on an UPDATE that writes one of those columns. The counters keep their CHECK constraint. The
-- errors keep the names of the constraints and their SQLSTATE (check_violation). NULLs pass, as in a CHECK.
-- The function body is an E'' string with each semicolon written as \073 (see the ledger migration).
CREATE FUNCTION "ledger_account_rules"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF NEW."type" NOT IN (''member'', ''fund'', ''escrow'', ''system'') THEN
    RAISE EXCEPTION ''ledger_account_type_known: unknown account type %'', NEW."type" USING ERRCODE = ''check_violation''\073
  END IF\073
  IF NEW."status" NOT IN (''open'', ''closed'') THEN
    RAISE EXCEPTION ''ledger_account_status_known: unknown account status %'', NEW."status" USING ERRCODE = ''check_violation''\073
  END IF\073
  IF NEW."type" IN (''fund'', ''escrow'') AND NEW."code" <> NEW."type" THEN
    RAISE EXCEPTION ''ledger_account_system_code: a % account has the code %'', NEW."type", NEW."type" USING ERRCODE = ''check_violation''\073
  END IF\073
  IF (NEW."status" = ''closed'') <> (NEW."closed_at" IS NOT NULL) THEN
    RAISE EXCEPTION ''ledger_account_closed_at: closed_at is set exactly when the account is closed'' USING ERRCODE = ''check_violation''\073
  END IF\073
  IF NEW."credit_limit" < 0 THEN
    RAISE EXCEPTION ''ledger_account_credit_limit_range: the credit limit is not negative'' USING ERRCODE = ''check_violation''\073
  END IF\073
  IF NEW."maximum_balance" < 0 THEN
    RAISE EXCEPTION ''ledger_account_maximum_balance_range: the maximum balance is not negative'' USING ERRCODE = ''check_violation''\073
  END IF\073
  RETURN NEW\073
END\073
';

CREATE TRIGGER "ledger_account_rules" BEFORE INSERT OR UPDATE OF "type", "code", "status", "closed_at", "credit_limit", "maximum_balance"
  ON "ledger_account" FOR EACH ROW EXECUTE FUNCTION "ledger_account_rules"();

ALTER TABLE "ledger_account"
  DROP CONSTRAINT "ledger_account_type_known",
  DROP CONSTRAINT "ledger_account_status_known",
  DROP CONSTRAINT "ledger_account_system_code",
  DROP CONSTRAINT "ledger_account_closed_at",
  DROP CONSTRAINT "ledger_account_credit_limit_range",
  DROP CONSTRAINT "ledger_account_maximum_balance_range";
