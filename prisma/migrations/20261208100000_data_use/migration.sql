-- Data use: third parties' requests for aggregates, decided by the members' vote (kind data_use, a
-- proposal without a member author), their access log and the members' opt-outs. And the data policy,
-- a kind the members vote on, whose founding version keeps the minimum group size of the open
-- statistics at 10. Until the members vote voting rules that name the new kinds, they are decided by
-- the rules written next to them in api/src/governance/policy-kinds.ts (votingRulesOfLaterKinds).
INSERT INTO "PolicyVersion" ("id", "kind", "version", "payload", "enactedAt", "appliedAt") VALUES
  (gen_random_uuid(), 'data', 1, '{"minimumGroupSize": 10}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');

-- CreateEnum
CREATE TYPE "DataUseGrouping" AS ENUM ('category_group', 'category');

-- CreateEnum
CREATE TYPE "DataUseRequestStatus" AS ENUM ('unverified', 'voting', 'granted', 'refused', 'revoked');

-- AlterTable
ALTER TABLE "Proposal" ALTER COLUMN "authorId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "DataUseRequest" (
    "id" UUID NOT NULL,
    "requesterName" TEXT NOT NULL,
    "organisation" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "tables" TEXT[],
    "grouping" "DataUseGrouping" NOT NULL,
    "durationDays" INTEGER NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'de',
    "status" "DataUseRequestStatus" NOT NULL DEFAULT 'unverified',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "verificationTokenHash" TEXT,
    "verificationExpiresAt" TIMESTAMPTZ(3) NOT NULL,
    "verificationEmailSentAt" TIMESTAMPTZ(3),
    "verifiedAt" TIMESTAMPTZ(3),
    "proposalId" UUID,
    "grantedAt" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3),
    "accessTokenHash" TEXT,
    "accessEmailSentAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "revokedByProposalId" UUID,

    CONSTRAINT "DataUseRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataUseQuery" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "table" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "refusal" TEXT,
    "cellCount" INTEGER NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "suppressedCount" INTEGER NOT NULL,

    CONSTRAINT "DataUseQuery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataUseOptOut" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "optedOutAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "optedInAt" TIMESTAMPTZ(3),

    CONSTRAINT "DataUseOptOut_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DataUseRequest_verificationTokenHash_key" ON "DataUseRequest"("verificationTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "DataUseRequest_proposalId_key" ON "DataUseRequest"("proposalId");

-- CreateIndex
CREATE UNIQUE INDEX "DataUseRequest_accessTokenHash_key" ON "DataUseRequest"("accessTokenHash");

-- CreateIndex
CREATE INDEX "DataUseRequest_status_createdAt_idx" ON "DataUseRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "DataUseRequest_email_createdAt_idx" ON "DataUseRequest"("email", "createdAt");

-- CreateIndex
CREATE INDEX "DataUseQuery_requestId_at_idx" ON "DataUseQuery"("requestId", "at");

-- CreateIndex
CREATE INDEX "DataUseQuery_at_idx" ON "DataUseQuery"("at");

-- CreateIndex
CREATE INDEX "DataUseOptOut_memberId_optedOutAt_idx" ON "DataUseOptOut"("memberId", "optedOutAt");

-- AddForeignKey
ALTER TABLE "DataUseRequest" ADD CONSTRAINT "DataUseRequest_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataUseQuery" ADD CONSTRAINT "DataUseQuery_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "DataUseRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataUseOptOut" ADD CONSTRAINT "DataUseOptOut_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Only a data-use request's proposal has no member author.
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_author_check" CHECK ("authorId" IS NOT NULL OR "kind" = 'data_use');
