-- CreateEnum
CREATE TYPE "MemberStatus" AS ENUM ('applicant', 'admitted', 'declined');

-- CreateEnum
CREATE TYPE "ProposalStatus" AS ENUM ('draft', 'discussion', 'voting', 'passed', 'rejected', 'no_quorum', 'withdrawn');

-- CreateEnum
CREATE TYPE "VoteChoice" AS ENUM ('yes', 'no', 'abstain');

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "admittedAt" TIMESTAMPTZ(3),
ADD COLUMN     "applicationNote" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "decidedById" UUID,
ADD COLUMN     "declineReason" TEXT,
ADD COLUMN     "memberNumber" INTEGER,
ADD COLUMN     "status" "MemberStatus" NOT NULL DEFAULT 'applicant';

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "payload" JSONB NOT NULL,
    "enactedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "proposalId" UUID,
    "appliedAt" TIMESTAMPTZ(3),

    CONSTRAINT "PolicyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Proposal" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "authorId" UUID NOT NULL,
    "status" "ProposalStatus" NOT NULL DEFAULT 'draft',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "discussionStartedAt" TIMESTAMPTZ(3),
    "votingOpensAt" TIMESTAMPTZ(3),
    "votingClosesAt" TIMESTAMPTZ(3),
    "rules" JSONB,
    "remindedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "result" JSONB,

    CONSTRAINT "Proposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalElector" (
    "proposalId" UUID NOT NULL,
    "memberId" UUID NOT NULL,

    CONSTRAINT "ProposalElector_pkey" PRIMARY KEY ("proposalId","memberId")
);

-- CreateTable
CREATE TABLE "Vote" (
    "proposalId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "choice" "VoteChoice",
    "votedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Vote_pkey" PRIMARY KEY ("proposalId","memberId")
);

-- CreateTable
CREATE TABLE "ProposalComment" (
    "id" UUID NOT NULL,
    "proposalId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalComment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PolicyVersion_proposalId_key" ON "PolicyVersion"("proposalId");

-- CreateIndex
CREATE INDEX "PolicyVersion_kind_enactedAt_idx" ON "PolicyVersion"("kind", "enactedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyVersion_kind_version_key" ON "PolicyVersion"("kind", "version");

-- CreateIndex
CREATE INDEX "Proposal_status_votingClosesAt_idx" ON "Proposal"("status", "votingClosesAt");

-- CreateIndex
CREATE INDEX "Proposal_createdAt_id_idx" ON "Proposal"("createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "ProposalElector_memberId_idx" ON "ProposalElector"("memberId");

-- CreateIndex
CREATE INDEX "Vote_memberId_idx" ON "Vote"("memberId");

-- CreateIndex
CREATE INDEX "ProposalComment_proposalId_createdAt_id_idx" ON "ProposalComment"("proposalId", "createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Member_memberNumber_key" ON "Member"("memberNumber");

-- CreateIndex
CREATE INDEX "Member_status_createdAt_idx" ON "Member"("status", "createdAt");

-- AddForeignKey
ALTER TABLE "PolicyVersion" ADD CONSTRAINT "PolicyVersion_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalElector" ADD CONSTRAINT "ProposalElector_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalElector" ADD CONSTRAINT "ProposalElector_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalComment" ADD CONSTRAINT "ProposalComment_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalComment" ADD CONSTRAINT "ProposalComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Everyone registered before admission existed is a member, numbered in the order they joined.
UPDATE "Member" m SET "status" = 'admitted', "admittedAt" = m."createdAt", "memberNumber" = n.number
FROM (SELECT "id", row_number() OVER (ORDER BY "createdAt", "id")::int AS number FROM "Member") n
WHERE n."id" = m."id";

-- The founding assembly's policies: version 1 of each kind.
-- The founding credit lines are the ones accounts were opened with: nothing to apply.
INSERT INTO "PolicyVersion" ("id", "kind", "version", "payload", "enactedAt", "appliedAt") VALUES
  (gen_random_uuid(), 'contribution_rate', 1, '{"rate": "0.03"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  (gen_random_uuid(), 'credit', 1, '{"creditLimit": "100.00", "maximumBalance": null}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  (gen_random_uuid(), 'admission', 1, '{"mode": "board"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  (gen_random_uuid(), 'voting_rules', 1, '{"rules": {
    "contribution_rate": {"votingDaysMin": 3, "votingDaysMax": 28, "quorum": "0.2", "threshold": "0.5", "abstentionsCountTowardQuorum": true},
    "credit": {"votingDaysMin": 3, "votingDaysMax": 28, "quorum": "0.2", "threshold": "0.5", "abstentionsCountTowardQuorum": true},
    "admission": {"votingDaysMin": 3, "votingDaysMax": 28, "quorum": "0.2", "threshold": "0.5", "abstentionsCountTowardQuorum": true},
    "voting_rules": {"votingDaysMin": 7, "votingDaysMax": 28, "quorum": "0.3", "threshold": "0.75", "abstentionsCountTowardQuorum": true},
    "resolution": {"votingDaysMin": 3, "votingDaysMax": 28, "quorum": "0.1", "threshold": "0.5", "abstentionsCountTowardQuorum": true}
  }}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
