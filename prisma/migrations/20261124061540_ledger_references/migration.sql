-- DropForeignKey
ALTER TABLE "ledger_transfer" DROP CONSTRAINT "ledger_transfer_credit_account_id_currency_code_fkey";

-- DropForeignKey
ALTER TABLE "ledger_transfer" DROP CONSTRAINT "ledger_transfer_debit_account_id_currency_code_fkey";

-- DropForeignKey
ALTER TABLE "ledger_transfer" DROP CONSTRAINT "ledger_transfer_pending_id_fkey";

-- DropForeignKey
ALTER TABLE "ledger_transfer" DROP CONSTRAINT "ledger_transfer_reversal_of_id_fkey";

-- DropIndex
DROP INDEX "ledger_account_id_currency_code_key";

-- ─── Ledger: what schema.prisma cannot express ───────────────────────────────────────────────────

-- Transfers refer to accounts without foreign keys, so accounts and currencies must never go away or
-- change what they are. Currencies are immutable. Of an account only the counters, limits, status,
-- name and code may change, and these column-specific triggers do not fire for balance updates.
CREATE TRIGGER "ledger_currency_immutable" BEFORE UPDATE OR DELETE ON "ledger_currency"
  FOR EACH ROW EXECUTE FUNCTION "ledger_refuse_change"();
CREATE TRIGGER "ledger_currency_no_truncate" BEFORE TRUNCATE ON "ledger_currency"
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_refuse_change"();
CREATE TRIGGER "ledger_account_no_delete" BEFORE DELETE ON "ledger_account"
  FOR EACH ROW EXECUTE FUNCTION "ledger_refuse_change"();
CREATE TRIGGER "ledger_account_identity_fixed" BEFORE UPDATE OF "id", "currency_code", "type", "created_at" ON "ledger_account"
  FOR EACH ROW EXECUTE FUNCTION "ledger_refuse_change"();
CREATE TRIGGER "ledger_account_no_truncate" BEFORE TRUNCATE ON "ledger_account"
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_refuse_change"();
