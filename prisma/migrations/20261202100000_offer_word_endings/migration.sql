-- Search: German compounds are found by their last part. A German compound names a kind of its last
-- part (Waldhonig is a honey, Roggenmischbrot a bread), but the text search configurations index the
-- whole word only, so a search for Honig did not find Waldhonig. The search vector of an offer now
-- also holds the endings of four or more letters of its title words (waldhonig gives aldhonig,
-- ldhonig, dhonig, honig and onig), each marked with a leading ~ so that no ending can be taken for
-- a real word, and a search for one word also asks for that word as an ending. Only the ending
-- counts: Honigmelone is not a honey. Titles only: a title names what is offered.
--
-- The endings are exact entries of the same column, so one condition on the one GIN index still
-- answers a search, estimated like any word. As a second column (an OR of two conditions), or as
-- a prefix search on reversed words (whose share of matches PostgreSQL overestimates), the planner
-- tested the window of newest offers row by row instead of intersecting index bitmaps (3.2-3.4
-- against 1.1 ms for a rare word).
-- The function body is an E'' string with each semicolon written as \073 (see the ledger migration).
CREATE FUNCTION "offer_word_endings"("title" TEXT) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS E'
  SELECT array_to_tsvector(coalesce(array_agg(DISTINCT ''~'' || substr(w.word, e.start)), ''{}''))
  FROM unnest(tsvector_to_array(to_tsvector(''simple''::regconfig, coalesce($1, '''')))) AS w(word)
  CROSS JOIN LATERAL generate_series(1, char_length(w.word) - 3) AS e(start)
';

DROP INDEX "Offer_search_idx";

ALTER TABLE "Offer" DROP COLUMN "searchVector";

ALTER TABLE "Offer" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('german'::regconfig, coalesce("title", '')), 'A') ||
  setweight(to_tsvector('german'::regconfig, coalesce("description", '')), 'B') ||
  setweight(to_tsvector('english'::regconfig, coalesce("title", '')), 'A') ||
  setweight(to_tsvector('english'::regconfig, coalesce("description", '')), 'B') ||
  offer_word_endings("title")
) STORED;

CREATE INDEX "Offer_search_idx" ON "Offer" USING GIN ("searchVector", "ecologicalAttributes", "deliveryOptions", "categoryCode", "kind") WITH (fastupdate = off) WHERE "status" <> 'draft';
