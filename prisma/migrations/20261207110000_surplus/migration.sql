-- The surplus rule, added as a kind the members vote on, and the distribution runs with their shares.
-- The founding rule keeps the whole fund as reserve (nothing is distributed until the members vote a
-- rule that shares it), monthly, with patronage by purchases as its mix. Until the members vote voting
-- rules that name the kind, it is decided by the rules written next to it in
-- api/src/governance/policy-kinds.ts (votingRulesOfLaterKinds).
INSERT INTO "PolicyVersion" ("id", "kind", "version", "payload", "enactedAt", "appliedAt") VALUES
  (gen_random_uuid(), 'surplus', 1, '{
    "period": "monthly",
    "reserve": {"kind": "share", "share": "1"},
    "mix": {"purchases": 100, "sales": 0, "equal": 0, "accounts": []}
  }', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');

-- CreateEnum
CREATE TYPE "SurplusRunStatus" AS ENUM ('computing', 'computed', 'booking', 'booked');

-- CreateTable
CREATE TABLE "SurplusRun" (
    "id" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "periodEnd" TIMESTAMPTZ(3) NOT NULL,
    "policyVersionId" UUID NOT NULL,
    "status" "SurplusRunStatus" NOT NULL DEFAULT 'computing',
    "startedById" UUID,
    "fundBalance" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "reserve" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "distributable" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "purchasesPart" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "salesPart" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "equalPart" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "accountsPart" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "totalPurchases" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "totalSales" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "activeMembers" INTEGER NOT NULL DEFAULT 0,
    "distributed" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "unallocated" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "shareCount" INTEGER NOT NULL DEFAULT 0,
    "bookedCount" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "computedAt" TIMESTAMPTZ(3),
    "bookedAt" TIMESTAMPTZ(3),

    CONSTRAINT "SurplusRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurplusShare" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "memberId" UUID,
    "accountId" UUID NOT NULL,
    "accountCode" TEXT NOT NULL,
    "purchases" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "sales" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "purchasesShare" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "salesShare" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "equalShare" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "amount" DECIMAL(20,2) NOT NULL,

    CONSTRAINT "SurplusShare_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SurplusRun_period_key" ON "SurplusRun"("period");

-- CreateIndex
CREATE INDEX "SurplusRun_status_idx" ON "SurplusRun"("status");

-- CreateIndex
CREATE INDEX "SurplusShare_memberId_runId_idx" ON "SurplusShare"("memberId", "runId");

-- CreateIndex
CREATE UNIQUE INDEX "SurplusShare_runId_accountCode_key" ON "SurplusShare"("runId", "accountCode");

-- CreateIndex
CREATE INDEX "Order_status_closedAt_idx" ON "Order"("status", "closedAt");

-- AddForeignKey
ALTER TABLE "SurplusShare" ADD CONSTRAINT "SurplusShare_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SurplusRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
