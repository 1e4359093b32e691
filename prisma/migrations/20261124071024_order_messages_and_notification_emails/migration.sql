-- CreateEnum
CREATE TYPE "NotificationEmailStatus" AS ENUM ('pending', 'sending', 'sent', 'skipped', 'failed');

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "emailNotifications" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "dedupKey" TEXT,
ADD COLUMN     "emailAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "emailSentAt" TIMESTAMPTZ(3),
ADD COLUMN     "emailStatus" "NotificationEmailStatus" NOT NULL DEFAULT 'pending';

-- Notifications from before e-mail existed are not sent now, long after the event.
UPDATE "Notification" SET "emailStatus" = 'skipped';

-- CreateTable
CREATE TABLE "OrderMessage" (
    "id" UUID NOT NULL,
    "orderId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderMessageRead" (
    "orderId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "readAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OrderMessageRead_pkey" PRIMARY KEY ("orderId","memberId")
);

-- CreateIndex
CREATE INDEX "OrderMessage_orderId_createdAt_id_idx" ON "OrderMessage"("orderId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "OrderMessageRead_memberId_idx" ON "OrderMessageRead"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_dedupKey_key" ON "Notification"("dedupKey");

-- CreateIndex
CREATE INDEX "Notification_emailStatus_createdAt_idx" ON "Notification"("emailStatus", "createdAt");

-- AddForeignKey
ALTER TABLE "OrderMessage" ADD CONSTRAINT "OrderMessage_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderMessage" ADD CONSTRAINT "OrderMessage_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderMessageRead" ADD CONSTRAINT "OrderMessageRead_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderMessageRead" ADD CONSTRAINT "OrderMessageRead_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;
