-- Listings are ordered by "createdAt" DESC, "id" DESC. The recency indexes held "id" ascending, so
-- every walk along them passed its rows through an incremental sort by id within equal creation
-- times before a LIMIT could stop it. In the order of the listings, a walk stops at the page's last
-- row.
DROP INDEX "Offer_status_categoryCode_createdAt_id_idx";

DROP INDEX "Offer_status_createdAt_id_idx";

CREATE INDEX "Offer_status_createdAt_id_idx" ON "Offer"("status", "createdAt" DESC, "id" DESC);

CREATE INDEX "Offer_status_categoryCode_createdAt_id_idx" ON "Offer"("status", "categoryCode", "createdAt" DESC, "id" DESC);
