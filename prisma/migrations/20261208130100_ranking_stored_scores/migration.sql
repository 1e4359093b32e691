-- Stored scores of the ranking in force, so that browsing reads a page's neighbourhood of one index
-- instead of scoring every active offer (see api/src/ranking/stored-scores.ts).
--
-- A generation holds every active offer's score under one policy version, computed at one moment
-- ("asOf") from the aggregates of that moment (kept in the row, medians as text so they compare exactly), in one REPEATABLE READ transaction
-- whose snapshot is kept too. Offers that changed afterwards are listed in "RankingOfferChange" by
-- the trigger below, with the id of the changing transaction: an entry whose transaction is not
-- visible in the generation's snapshot names an offer whose stored score may be stale.
CREATE TABLE "RankingScoreGeneration" (
    "generation" INTEGER NOT NULL,
    "policyVersion" INTEGER NOT NULL,
    "policy" JSONB NOT NULL,
    "asOf" TIMESTAMPTZ(3) NOT NULL,
    "snapshot" TEXT NOT NULL,
    "medians" JSONB NOT NULL,
    "sales" JSONB NOT NULL,
    "offers" INTEGER NOT NULL,

    CONSTRAINT "RankingScoreGeneration_pkey" PRIMARY KEY ("generation")
);

CREATE TABLE "RankingOfferScore" (
    "generation" INTEGER NOT NULL,
    "offerId" UUID NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "RankingOfferScore_pkey" PRIMARY KEY ("generation", "offerId")
);

CREATE INDEX "RankingOfferScore_generation_score_offerId_idx" ON "RankingOfferScore"("generation", "score" DESC, "offerId" DESC);

CREATE TABLE "RankingOfferChange" (
    "offerId" UUID NOT NULL,
    "xid" BIGINT NOT NULL,

    CONSTRAINT "RankingOfferChange_pkey" PRIMARY KEY ("offerId", "xid")
);

-- New offers, and changes of what a stored score depends on: attributes, price and category, rating,
-- creation time, producer, status, and whether it is in stock (not every change of the stock).
-- The bodies are E'' strings with each semicolon written as \073 (see the ledger migration).
CREATE FUNCTION "ranking_offers_inserted"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "RankingOfferChange" ("offerId", "xid")
  SELECT "id", pg_current_xact_id()::text::bigint FROM inserted
  ON CONFLICT DO NOTHING\073
  RETURN NULL\073
END\073
';

CREATE FUNCTION "ranking_offer_changed"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "RankingOfferChange" ("offerId", "xid") VALUES (NEW."id", pg_current_xact_id()::text::bigint)
  ON CONFLICT DO NOTHING\073
  RETURN NULL\073
END\073
';

CREATE TRIGGER "ranking_offers_inserted" AFTER INSERT ON "Offer"
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION "ranking_offers_inserted"();

CREATE TRIGGER "ranking_offer_changed" AFTER UPDATE ON "Offer"
  FOR EACH ROW
  WHEN (
    OLD."status" IS DISTINCT FROM NEW."status"
    OR OLD."price" IS DISTINCT FROM NEW."price"
    OR OLD."categoryCode" IS DISTINCT FROM NEW."categoryCode"
    OR OLD."ecologicalAttributes" IS DISTINCT FROM NEW."ecologicalAttributes"
    OR OLD."ratingCount" IS DISTINCT FROM NEW."ratingCount"
    OR OLD."ratingSum" IS DISTINCT FROM NEW."ratingSum"
    OR OLD."createdAt" IS DISTINCT FROM NEW."createdAt"
    OR OLD."producerId" IS DISTINCT FROM NEW."producerId"
    OR (OLD."stock" IS NULL OR OLD."stock" > 0) IS DISTINCT FROM (NEW."stock" IS NULL OR NEW."stock" > 0)
  )
  EXECUTE FUNCTION "ranking_offer_changed"();
