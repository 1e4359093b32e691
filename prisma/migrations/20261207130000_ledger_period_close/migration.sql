-- CreateTable
CREATE TABLE "ledger_period_close" (
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ledger_period_close_pkey" PRIMARY KEY ("ends_at")
);

ALTER TABLE "ledger_period_close"
  ADD CONSTRAINT "ledger_period_close_start_before_end" CHECK ("starts_at" < "ends_at");

-- Closed periods are append-only like transfers and blocks.
CREATE TRIGGER "ledger_period_close_immutable" BEFORE UPDATE OR DELETE ON "ledger_period_close"
  FOR EACH ROW EXECUTE FUNCTION "ledger_refuse_change"();
CREATE TRIGGER "ledger_period_close_no_truncate" BEFORE TRUNCATE ON "ledger_period_close"
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_refuse_change"();

-- No transfer may be dated before the end of the latest closed period. The batch decision refuses
-- such items (period_closed) from the closed periods it reads with its account locks. This trigger is
-- the last word for every insert, whatever path it takes: once per statement, over the inserted rows
-- (a transition table), and it reads the closed periods with the snapshot of its own query, so it sees
-- a close that committed while the batch was being decided (closing waits for running inserts and
-- holds new ones back, see closePeriod). SQLSTATE LP001 makes the ledger decide the batch again.
-- The body is an E'' string with each semicolon written as \073 (see the ledger migration).
CREATE FUNCTION "ledger_refuse_closed_period"() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  closed_through timestamptz\073
BEGIN
  SELECT max("ends_at") INTO closed_through FROM "ledger_period_close"\073
  IF closed_through IS NOT NULL AND EXISTS (SELECT 1 FROM inserted WHERE "created_at" < closed_through) THEN
    RAISE EXCEPTION ''a transfer is dated inside a closed period (the books are closed through %)'', closed_through
      USING ERRCODE = ''LP001''\073
  END IF\073
  RETURN NULL\073
END\073
';

CREATE TRIGGER "ledger_transfer_closed_period" AFTER INSERT ON "ledger_transfer"
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_refuse_closed_period"();
