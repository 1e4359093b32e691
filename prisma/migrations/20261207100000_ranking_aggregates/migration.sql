-- The aggregates the ranking's features need, kept so that a listing need not scan every offer and
-- every recent order (see api/src/ranking/aggregates.ts): the median price of each category's active
-- offers, and each producer's orders placed in the last 30 days and not refused, cancelled or failed.
-- They depend on no policy, so an enactment rewrites nothing. Filled here once, then kept by the
-- offer use cases and the job ranking-refresh-aggregates.
CREATE TABLE "RankingCategoryMedian" (
    "categoryCode" TEXT NOT NULL,
    "median" DOUBLE PRECISION NOT NULL,
    "countedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RankingCategoryMedian_pkey" PRIMARY KEY ("categoryCode")
);

CREATE TABLE "RankingProducerSales" (
    "producerId" UUID NOT NULL,
    "sales" INTEGER NOT NULL,
    "countedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RankingProducerSales_pkey" PRIMARY KEY ("producerId")
);

INSERT INTO "RankingCategoryMedian" ("categoryCode", "median", "countedAt")
SELECT "categoryCode", percentile_cont(0.5) WITHIN GROUP (ORDER BY "price"), now()
FROM "Offer" WHERE "status" = 'active' GROUP BY "categoryCode";

INSERT INTO "RankingProducerSales" ("producerId", "sales", "countedAt")
SELECT "producerId", count(*)::int, now() FROM "Order"
WHERE "placedAt" > now() - interval '30 days' AND "placedAt" <= now()
  AND "status"::text IN ('placed', 'accepted', 'fulfilled', 'disputed', 'confirmed', 'resolved')
GROUP BY "producerId";
