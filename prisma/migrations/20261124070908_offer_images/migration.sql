-- AlterTable
ALTER TABLE "ProducerProfile" ADD COLUMN     "logoHeight" INTEGER,
ADD COLUMN     "logoStorageKey" TEXT,
ADD COLUMN     "logoWidth" INTEGER;

-- CreateTable
CREATE TABLE "OfferImage" (
    "id" UUID NOT NULL,
    "offerId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfferImage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OfferImage_storageKey_key" ON "OfferImage"("storageKey");

-- CreateIndex
CREATE INDEX "OfferImage_offerId_position_idx" ON "OfferImage"("offerId", "position");

-- AddForeignKey
ALTER TABLE "OfferImage" ADD CONSTRAINT "OfferImage_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "Offer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
