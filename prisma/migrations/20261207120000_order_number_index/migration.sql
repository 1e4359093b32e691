-- Accountants look orders up by their number (the journal's order filter).
CREATE INDEX "Order_number_idx" ON "Order"("number");
