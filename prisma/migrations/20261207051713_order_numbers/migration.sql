-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "number" SERIAL NOT NULL;

-- Orders placed before numbers existed get theirs in the order of checkout. The sequence has handed
-- out one number per existing order already, so new orders continue after them.
UPDATE "Order" o SET "number" = numbered.position
FROM (SELECT id, row_number() OVER (ORDER BY "createdAt", id) AS position FROM "Order") numbered
WHERE o.id = numbered.id;
