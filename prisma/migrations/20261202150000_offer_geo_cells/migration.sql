-- Distance filters: grid cells in the search index instead of a B-tree index of longitudes and
-- latitudes. A search with a term and a distance intersected two indexes: the text index, whose
-- matches for a common word are 15,000-30,000 offers, and the box index, which reads every offer in
-- a band of longitudes to test its latitude (3,000-25,000 entries), 6 ms for "frisch" within 50 km
-- of Munich. Every offer now stores the names of the grid cells it lies in, one per level (cells of
-- 0.05, 0.2, 0.8 and 3.2 degrees of latitude by 1.5 times as many of longitude), as one more column
-- of the GIN index. A distance filter asks for the cells covering its box at the finest level that
-- needs at most 36 of them (api/src/marketplace/distance-box.ts), so one index scan intersects the
-- term with the place (2 ms there), and earth_distance keeps the offers within the radius.
-- The function body is an E'' string (see the ledger migration).
CREATE FUNCTION "offer_geo_cells"("latitude" DOUBLE PRECISION, "longitude" DOUBLE PRECISION) RETURNS TEXT[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS E'
  SELECT CASE WHEN $1 IS NULL OR $2 IS NULL THEN ''{}''::text[] ELSE ARRAY[
    ''0:'' || floor($1 / 0.05::float8)::int || '':'' || floor($2 / 0.075::float8)::int,
    ''1:'' || floor($1 / 0.2::float8)::int || '':'' || floor($2 / 0.3::float8)::int,
    ''2:'' || floor($1 / 0.8::float8)::int || '':'' || floor($2 / 1.2::float8)::int,
    ''3:'' || floor($1 / 3.2::float8)::int || '':'' || floor($2 / 4.8::float8)::int
  ] END
';

ALTER TABLE "Offer" ADD COLUMN "geoCells" TEXT[] GENERATED ALWAYS AS (offer_geo_cells("latitude", "longitude")) STORED;

DROP INDEX "Offer_location_box_idx";

DROP INDEX "Offer_search_idx";

CREATE INDEX "Offer_search_idx" ON "Offer" USING GIN ("searchVector", "ecologicalAttributes", "deliveryOptions", "categoryCode", "kind", "geoCells") WITH (fastupdate = off) WHERE "status" <> 'draft';
