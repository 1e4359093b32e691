-- A share is named by its run and the code of its account, so the uuid column and the second unique index go

-- DropIndex
DROP INDEX "SurplusShare_runId_accountCode_key";

-- AlterTable
ALTER TABLE "SurplusShare" DROP CONSTRAINT "SurplusShare_pkey",
DROP COLUMN "id",
ADD CONSTRAINT "SurplusShare_pkey" PRIMARY KEY ("runId", "accountCode");
