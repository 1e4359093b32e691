-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "deliveryNote" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "deliveryOption" "DeliveryOption",
ADD COLUMN     "messageToProducer" TEXT NOT NULL DEFAULT '';
