-- CreateEnum
CREATE TYPE "AttributeChallengeStatus" AS ENUM ('open', 'answered', 'claim_kept', 'claim_removed');

-- CreateTable
CREATE TABLE "AttributeChallenge" (
    "id" UUID NOT NULL,
    "offerId" UUID NOT NULL,
    "attribute" "EcologicalAttribute" NOT NULL,
    "challengerId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "answer" TEXT,
    "answeredAt" TIMESTAMPTZ(3),
    "status" "AttributeChallengeStatus" NOT NULL DEFAULT 'open',
    "decidedById" UUID,
    "decisionNote" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AttributeChallenge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AttributeChallenge_status_createdAt_id_idx" ON "AttributeChallenge"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AttributeChallenge_offerId_createdAt_idx" ON "AttributeChallenge"("offerId", "createdAt");

-- CreateIndex
CREATE INDEX "AttributeChallenge_challengerId_idx" ON "AttributeChallenge"("challengerId");

-- AddForeignKey
ALTER TABLE "AttributeChallenge" ADD CONSTRAINT "AttributeChallenge_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "Offer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttributeChallenge" ADD CONSTRAINT "AttributeChallenge_challengerId_fkey" FOREIGN KEY ("challengerId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttributeChallenge" ADD CONSTRAINT "AttributeChallenge_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- At most one undecided challenge per offer and attribute
CREATE UNIQUE INDEX "AttributeChallenge_undecided_key" ON "AttributeChallenge"("offerId", "attribute") WHERE "status" IN ('open', 'answered');
