-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "producerRatingCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "producerRatingSum" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Offer" ADD COLUMN     "ratingCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "ratingSum" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Review" (
    "id" UUID NOT NULL,
    "orderId" UUID NOT NULL,
    "buyerId" UUID NOT NULL,
    "producerId" UUID NOT NULL,
    "rating" INTEGER NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "answer" TEXT,
    "answeredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Review_orderId_key" ON "Review"("orderId");

-- CreateIndex
CREATE INDEX "Review_producerId_createdAt_id_idx" ON "Review"("producerId", "createdAt" DESC, "id");

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Limits the schema file cannot express. The use cases check the same limits first and answer with
-- typed errors, these keep every other writer honest.
ALTER TABLE "Review"
  ADD CONSTRAINT "Review_rating_range" CHECK ("rating" BETWEEN 1 AND 5),
  ADD CONSTRAINT "Review_text_length" CHECK (char_length("text") <= 2000),
  ADD CONSTRAINT "Review_answer_length" CHECK ("answer" IS NULL OR char_length("answer") BETWEEN 1 AND 2000),
  ADD CONSTRAINT "Review_answered_together" CHECK (("answer" IS NULL) = ("answeredAt" IS NULL));

ALTER TABLE "Offer"
  ADD CONSTRAINT "Offer_rating_counters" CHECK ("ratingCount" >= 0 AND "ratingSum" BETWEEN "ratingCount" AND 5 * "ratingCount");

ALTER TABLE "Member"
  ADD CONSTRAINT "Member_producer_rating_counters" CHECK ("producerRatingCount" >= 0 AND "producerRatingSum" BETWEEN "producerRatingCount" AND 5 * "producerRatingCount");
