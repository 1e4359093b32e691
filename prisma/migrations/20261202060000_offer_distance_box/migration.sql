-- Distance filters: a box of longitudes and latitudes on a B-tree index instead of earth_box on a
-- GiST index. The planner has no statistics for the cube containment of earth_box and assumes
-- 0.1 % of the offers lie in any box (95 of 100,000), so it fetched every offer in the box and
-- tested the text of each: 7,349 offers for 10 km around Kassel, 25 ms for "frisch" there. From the
-- histograms of the two columns it now estimates the box and intersects it with the text index.
-- One index on both columns rather than one on each: with two, a box became the bitmap of a whole
-- band of longitudes across the country (8,591 offers for 10 km around Witzenhausen, against 1,452 in
-- the box), all read to test the latitude. With the latitude tested inside the index, "frisch" there
-- costs 6 instead of 22 ms of CPU. earth_distance on the stored "location" cuts the corners off.
--
-- The index covers every offer with coordinates. It is not partial on the status: the planner never
-- ANDs the bitmaps of two indexes that answer the same condition, and the recency indexes answer
-- status = 'active' while the predicate of the text index is status <> 'draft'.
DROP INDEX "Offer_location_idx";

CREATE INDEX "Offer_location_box_idx" ON "Offer" ("longitude", "latitude") WHERE "latitude" IS NOT NULL AND "longitude" IS NOT NULL;
