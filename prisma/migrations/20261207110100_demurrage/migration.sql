-- Demurrage, added as a kind the members vote on. Its founding version is off (a rate of 0), so no
-- balance pays anything until the members vote a rate. Until the members vote voting rules that name
-- the kind, it is decided by the rules written next to it in api/src/governance/policy-kinds.ts
-- (votingRulesOfLaterKinds).
INSERT INTO "PolicyVersion" ("id", "kind", "version", "payload", "enactedAt", "appliedAt") VALUES
  (gen_random_uuid(), 'demurrage', 1, '{"period": "monthly", "rate": "0", "exemptAmount": "0", "noticeDays": 7}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');

-- CreateEnum
CREATE TYPE "DemurrageRunStatus" AS ENUM ('pending', 'booked');

-- CreateTable
CREATE TABLE "DemurrageRun" (
    "id" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "periodEnd" TIMESTAMPTZ(3) NOT NULL,
    "policyVersionId" UUID NOT NULL,
    "status" "DemurrageRunStatus" NOT NULL DEFAULT 'pending',
    "total" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "accountCount" INTEGER NOT NULL DEFAULT 0,
    "announcedAt" TIMESTAMPTZ(3),
    "bookedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DemurrageRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DemurrageRun_period_key" ON "DemurrageRun"("period");
