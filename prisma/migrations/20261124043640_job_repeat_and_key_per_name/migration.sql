-- DropIndex
DROP INDEX "Job_queue_jobKey_key";

-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "repeatEveryMs" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "Job_queue_name_jobKey_key" ON "Job"("queue", "name", "jobKey");
