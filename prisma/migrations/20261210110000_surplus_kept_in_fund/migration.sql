-- A share whose account was closed before it could be booked (its member left between the computing
-- and the booking) is not booked: its amount stays in the fund, and the run says how much did.

-- AlterTable
ALTER TABLE "SurplusRun" ADD COLUMN "keptInFund" DECIMAL(20,2) NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "SurplusShare" ADD COLUMN "keptInFund" BOOLEAN NOT NULL DEFAULT false;
