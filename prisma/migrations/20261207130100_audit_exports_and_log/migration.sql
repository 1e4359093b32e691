-- CreateEnum
CREATE TYPE "AuditJobStatus" AS ENUM ('queued', 'running', 'done', 'failed');

-- CreateTable
CREATE TABLE "AuditExport" (
    "id" UUID NOT NULL,
    "format" TEXT NOT NULL,
    "periodFrom" TEXT,
    "periodTo" TEXT,
    "frozen" BOOLEAN NOT NULL DEFAULT false,
    "status" "AuditJobStatus" NOT NULL DEFAULT 'queued',
    "transfersRead" INTEGER NOT NULL DEFAULT 0,
    "transfersTotal" INTEGER NOT NULL DEFAULT 0,
    "byteSize" INTEGER,
    "sha256" TEXT,
    "failure" TEXT,
    "requestedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "AuditExport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditVerification" (
    "id" UUID NOT NULL,
    "status" "AuditJobStatus" NOT NULL DEFAULT 'queued',
    "stepsDone" INTEGER NOT NULL DEFAULT 0,
    "ok" BOOLEAN,
    "problem" TEXT,
    "transfers" INTEGER,
    "accounts" INTEGER,
    "blocks" INTEGER,
    "unsealedTransfers" INTEGER,
    "blockNumber" BIGINT,
    "blockHash" TEXT,
    "failure" TEXT,
    "requestedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "AuditVerification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" UUID NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditExport_createdAt_idx" ON "AuditExport"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "AuditVerification_createdAt_idx" ON "AuditVerification"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_id_idx" ON "AuditEvent"("occurredAt" DESC, "id");

-- CreateIndex
CREATE INDEX "AuditEvent_action_occurredAt_idx" ON "AuditEvent"("action", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_occurredAt_idx" ON "AuditEvent"("actorId", "occurredAt" DESC);

-- One frozen export per format and period: the export of a closed period is produced once.
CREATE UNIQUE INDEX "AuditExport_frozen_period_key" ON "AuditExport"("format", "periodFrom", "periodTo") WHERE "frozen";

ALTER TABLE "AuditExport"
  ADD CONSTRAINT "AuditExport_format_known" CHECK ("format" IN ('csv', 'hledger', 'beancount', 'chain'));

-- The audit log is append-only: UPDATE, DELETE and TRUNCATE are refused (the ledger's function).
CREATE TRIGGER "AuditEvent_immutable" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "ledger_refuse_change"();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_refuse_change"();
