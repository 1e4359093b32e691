-- Search: one GIN index over the text, the ecological attributes and the delivery options instead
-- of three. A search with attribute or delivery filters then intersects them inside one index scan
-- (GIN skips through the long posting lists of "regional" or "delivery" to the matches of the text)
-- rather than ANDing bitmaps of 25,000-40,000 offers: 40 ms -> 1.2 ms for "Brot or Kuchen" with
-- regional and delivery at 100,000 offers.
--
-- fastupdate = off: with the default, new entries go to a pending list that every search reads
-- linearly until VACUUM (or autovacuum, which may be off) merges it. After the benchmark seed,
-- 7,500 pending entries made each text search read 331 extra pages (3 ms for "salsify").
-- Offers are written rarely and searched often, so inserts pay for the index update instead.

-- DropIndex
DROP INDEX "Offer_deliveryOptions_idx";

-- DropIndex
DROP INDEX "Offer_ecologicalAttributes_idx";

-- DropIndex
DROP INDEX "Offer_searchVector_idx";

-- CreateIndex
CREATE INDEX "Offer_searchVector_ecologicalAttributes_deliveryOptions_idx" ON "Offer" USING GIN ("searchVector", "ecologicalAttributes", "deliveryOptions") WITH (fastupdate = off);

-- Distance filters: the point of each offer as a stored earth value, computed once when the offer is
-- written instead of by ll_to_earth for every offer tested. ll_to_earth checks the earth domain on
-- each call: testing the 2,300 offers in a 5 km box took 21 ms of earth_distance, 6 ms with the
-- stored value. The same function gives the same value, so the same offers are found.
ALTER TABLE "Offer" ADD COLUMN "location" earth GENERATED ALWAYS AS (ll_to_earth("latitude", "longitude")) STORED;

DROP INDEX "Offer_location_idx";

CREATE INDEX "Offer_location_idx" ON "Offer" USING GIST ("location") WHERE "status" = 'active' AND "location" IS NOT NULL;
