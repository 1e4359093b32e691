-- AlterEnum
ALTER TYPE "MemberStatus" ADD VALUE 'left';

-- CreateEnum
CREATE TYPE "MemberDataExportStatus" AS ENUM ('requested', 'running', 'ready', 'failed');

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "leftAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "MemberDataExport" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "status" "MemberDataExportStatus" NOT NULL DEFAULT 'requested',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "storageKey" TEXT,
    "byteSize" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3),

    CONSTRAINT "MemberDataExport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MemberDataExport_storageKey_key" ON "MemberDataExport"("storageKey");

-- CreateIndex
CREATE INDEX "MemberDataExport_memberId_createdAt_idx" ON "MemberDataExport"("memberId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "MemberDataExport_expiresAt_idx" ON "MemberDataExport"("expiresAt");

-- AddForeignKey
ALTER TABLE "MemberDataExport" ADD CONSTRAINT "MemberDataExport_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The progress is a percentage.
ALTER TABLE "MemberDataExport" ADD CONSTRAINT "MemberDataExport_progress_range" CHECK ("progress" BETWEEN 0 AND 100);
