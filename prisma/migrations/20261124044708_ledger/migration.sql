-- CreateTable
CREATE TABLE "ledger_currency" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "scale" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ledger_currency_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "ledger_account" (
    "id" UUID NOT NULL,
    "currency_code" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "code" TEXT,
    "name" TEXT NOT NULL,
    "credit_limit" DECIMAL NOT NULL,
    "maximum_balance" DECIMAL,
    "status" TEXT NOT NULL,
    "debits_posted" DECIMAL NOT NULL DEFAULT 0,
    "credits_posted" DECIMAL NOT NULL DEFAULT 0,
    "debits_pending" DECIMAL NOT NULL DEFAULT 0,
    "credits_pending" DECIMAL NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "ledger_account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_account_limit" (
    "account_id" UUID NOT NULL,
    "sequence" BIGINT NOT NULL,
    "credit_limit" DECIMAL NOT NULL,
    "maximum_balance" DECIMAL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ledger_account_limit_pkey" PRIMARY KEY ("account_id","sequence")
);

-- CreateTable
CREATE TABLE "ledger_transfer" (
    "id" UUID NOT NULL,
    "sequence" BIGSERIAL NOT NULL,
    "xid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
    "idempotency_key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "debit_account_id" UUID NOT NULL,
    "credit_account_id" UUID NOT NULL,
    "currency_code" TEXT NOT NULL,
    "amount" DECIMAL NOT NULL,
    "pending_id" UUID,
    "reversal_of_id" UUID,
    "timeout_seconds" INTEGER,
    "expires_at" TIMESTAMPTZ(3),
    "kind" TEXT NOT NULL,
    "memo" TEXT NOT NULL DEFAULT '',
    "reference" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ledger_transfer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_pending_open" (
    "transfer_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "ledger_pending_open_pkey" PRIMARY KEY ("transfer_id")
);

-- CreateTable
CREATE TABLE "ledger_block" (
    "number" BIGINT NOT NULL,
    "previous_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "first_xid" xid8 NOT NULL,
    "first_sequence" BIGINT NOT NULL,
    "last_xid" xid8 NOT NULL,
    "last_sequence" BIGINT NOT NULL,
    "transfer_count" INTEGER NOT NULL,
    "transfer_digests" BYTEA NOT NULL,
    "sealed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ledger_block_pkey" PRIMARY KEY ("number")
);

-- CreateTable
CREATE TABLE "ledger_chain_head" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "last_block_number" BIGINT NOT NULL,
    "last_hash" TEXT NOT NULL,
    "last_xid" xid8 NOT NULL,
    "last_sequence" BIGINT NOT NULL,

    CONSTRAINT "ledger_chain_head_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ledger_account_id_currency_code_key" ON "ledger_account"("id", "currency_code");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_account_currency_code_code_key" ON "ledger_account"("currency_code", "code");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_transfer_sequence_key" ON "ledger_transfer"("sequence");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_transfer_idempotency_key_key" ON "ledger_transfer"("idempotency_key");

-- CreateIndex
CREATE INDEX "ledger_transfer_debit_account_id_sequence_idx" ON "ledger_transfer"("debit_account_id", "sequence");

-- CreateIndex
CREATE INDEX "ledger_transfer_credit_account_id_sequence_idx" ON "ledger_transfer"("credit_account_id", "sequence");

-- CreateIndex
CREATE INDEX "ledger_transfer_xid_sequence_idx" ON "ledger_transfer"("xid", "sequence");

-- CreateIndex
CREATE INDEX "ledger_pending_open_expires_at_idx" ON "ledger_pending_open"("expires_at");

-- AddForeignKey
ALTER TABLE "ledger_account" ADD CONSTRAINT "ledger_account_currency_code_fkey" FOREIGN KEY ("currency_code") REFERENCES "ledger_currency"("code") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "ledger_account_limit" ADD CONSTRAINT "ledger_account_limit_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "ledger_account"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "ledger_transfer" ADD CONSTRAINT "ledger_transfer_debit_account_id_currency_code_fkey" FOREIGN KEY ("debit_account_id", "currency_code") REFERENCES "ledger_account"("id", "currency_code") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "ledger_transfer" ADD CONSTRAINT "ledger_transfer_credit_account_id_currency_code_fkey" FOREIGN KEY ("credit_account_id", "currency_code") REFERENCES "ledger_account"("id", "currency_code") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "ledger_transfer" ADD CONSTRAINT "ledger_transfer_pending_id_fkey" FOREIGN KEY ("pending_id") REFERENCES "ledger_transfer"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "ledger_transfer" ADD CONSTRAINT "ledger_transfer_reversal_of_id_fkey" FOREIGN KEY ("reversal_of_id") REFERENCES "ledger_transfer"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "ledger_pending_open" ADD CONSTRAINT "ledger_pending_open_transfer_id_fkey" FOREIGN KEY ("transfer_id") REFERENCES "ledger_transfer"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- ─── Ledger: what schema.prisma cannot express ───────────────────────────────────────────────────

-- Currencies: a short upper-case code and a scale fixed at creation.
ALTER TABLE "ledger_currency"
  ADD CONSTRAINT "ledger_currency_code_format" CHECK ("code" ~ '^[A-Z][A-Z0-9]{1,11}$'),
  ADD CONSTRAINT "ledger_currency_scale_range" CHECK ("scale" BETWEEN 0 AND 8);

-- Accounts: known types and statuses, non-negative limits and counters. The fund and the escrow
-- account carry their type as code, so the unique (currency, code) index allows one of each.
ALTER TABLE "ledger_account"
  ADD CONSTRAINT "ledger_account_type_known" CHECK ("type" IN ('member', 'fund', 'escrow', 'system')),
  ADD CONSTRAINT "ledger_account_status_known" CHECK ("status" IN ('open', 'closed')),
  ADD CONSTRAINT "ledger_account_system_code" CHECK ("type" NOT IN ('fund', 'escrow') OR "code" = "type"),
  ADD CONSTRAINT "ledger_account_closed_at" CHECK (("status" = 'closed') = ("closed_at" IS NOT NULL)),
  ADD CONSTRAINT "ledger_account_credit_limit_range" CHECK ("credit_limit" >= 0),
  ADD CONSTRAINT "ledger_account_maximum_balance_range" CHECK ("maximum_balance" IS NULL OR "maximum_balance" >= 0),
  ADD CONSTRAINT "ledger_account_counters_range" CHECK (
    "debits_posted" >= 0 AND "credits_posted" >= 0 AND "debits_pending" >= 0 AND "credits_pending" >= 0);

ALTER TABLE "ledger_account_limit"
  ADD CONSTRAINT "ledger_account_limit_credit_limit_range" CHECK ("credit_limit" >= 0),
  ADD CONSTRAINT "ledger_account_limit_maximum_balance_range" CHECK ("maximum_balance" IS NULL OR "maximum_balance" >= 0);

-- Transfers: balanced by construction (one debit, one credit, a positive amount), and each type
-- carries exactly the references it needs.
ALTER TABLE "ledger_transfer"
  ADD CONSTRAINT "ledger_transfer_amount_positive" CHECK ("amount" > 0),
  ADD CONSTRAINT "ledger_transfer_accounts_different" CHECK ("debit_account_id" <> "credit_account_id"),
  ADD CONSTRAINT "ledger_transfer_type_known" CHECK ("type" IN ('immediate', 'pending', 'post', 'void', 'reversal')),
  ADD CONSTRAINT "ledger_transfer_pending_reference" CHECK (("pending_id" IS NOT NULL) = ("type" IN ('post', 'void'))),
  ADD CONSTRAINT "ledger_transfer_reversal_reference" CHECK (("reversal_of_id" IS NOT NULL) = ("type" = 'reversal')),
  ADD CONSTRAINT "ledger_transfer_timeout_pending_only" CHECK (
    ("timeout_seconds" IS NULL AND "expires_at" IS NULL)
    OR ("type" = 'pending' AND "timeout_seconds" > 0 AND "expires_at" IS NOT NULL)),
  ADD CONSTRAINT "ledger_transfer_idempotency_key_length" CHECK (char_length("idempotency_key") BETWEEN 1 AND 128),
  ADD CONSTRAINT "ledger_transfer_kind_length" CHECK (char_length("kind") BETWEEN 1 AND 40),
  ADD CONSTRAINT "ledger_transfer_memo_length" CHECK (char_length("memo") <= 500),
  ADD CONSTRAINT "ledger_transfer_reference_length" CHECK (char_length("reference") <= 200);

-- A pending transfer is resolved (posted or voided) at most once: concurrent resolutions cannot both
-- commit. Partial indexes keep the rows of other types out of these indexes.
CREATE UNIQUE INDEX "ledger_transfer_pending_id_key" ON "ledger_transfer" ("pending_id") WHERE "pending_id" IS NOT NULL;
CREATE INDEX "ledger_transfer_reversal_of_id_idx" ON "ledger_transfer" ("reversal_of_id") WHERE "reversal_of_id" IS NOT NULL;
CREATE INDEX "ledger_transfer_reference_idx" ON "ledger_transfer" ("reference") WHERE "reference" IS NOT NULL;

-- The chain head: exactly one row, starting at the genesis hash (64 zeros).
ALTER TABLE "ledger_chain_head" ADD CONSTRAINT "ledger_chain_head_single_row" CHECK ("id" = 1);
INSERT INTO "ledger_chain_head" ("id", "last_block_number", "last_hash", "last_xid", "last_sequence")
VALUES (1, 0, repeat('0', 64), '0'::xid8, 0);

ALTER TABLE "ledger_block"
  ADD CONSTRAINT "ledger_block_number_positive" CHECK ("number" >= 1),
  ADD CONSTRAINT "ledger_block_transfer_count_positive" CHECK ("transfer_count" >= 1),
  ADD CONSTRAINT "ledger_block_digests_length" CHECK (octet_length("transfer_digests") = 32 * "transfer_count");

-- Transfers, limit history and blocks are append-only: UPDATE, DELETE and TRUNCATE are refused.
-- Corrections are new transfers (reversals), and limits change by a new history row.
-- The function body is an E'' string with each semicolon written as \073, because the PostgreSQL
-- driver adapter splits migration scripts at every semicolon, even inside a dollar-quoted body.
CREATE FUNCTION "ledger_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  RAISE EXCEPTION ''rows of % are immutable (% refused)'', TG_TABLE_NAME, TG_OP
    USING ERRCODE = ''integrity_constraint_violation''\073
END\073
';

CREATE TRIGGER "ledger_transfer_immutable" BEFORE UPDATE OR DELETE ON "ledger_transfer"
  FOR EACH ROW EXECUTE FUNCTION "ledger_refuse_change"();
CREATE TRIGGER "ledger_transfer_no_truncate" BEFORE TRUNCATE ON "ledger_transfer"
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_refuse_change"();
CREATE TRIGGER "ledger_account_limit_immutable" BEFORE UPDATE OR DELETE ON "ledger_account_limit"
  FOR EACH ROW EXECUTE FUNCTION "ledger_refuse_change"();
CREATE TRIGGER "ledger_account_limit_no_truncate" BEFORE TRUNCATE ON "ledger_account_limit"
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_refuse_change"();
CREATE TRIGGER "ledger_block_immutable" BEFORE UPDATE OR DELETE ON "ledger_block"
  FOR EACH ROW EXECUTE FUNCTION "ledger_refuse_change"();
CREATE TRIGGER "ledger_block_no_truncate" BEFORE TRUNCATE ON "ledger_block"
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_refuse_change"();
