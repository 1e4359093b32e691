import type { PrismaClient } from '../db/client';

export interface RatingCounterMismatch {
  kind: 'offer' | 'producer';
  id: string;
  count: number;
  sum: number;
  expectedCount: number;
  expectedSum: number;
}

type Row = Omit<RatingCounterMismatch, 'kind'>;

/**
 * The invariant behind the cached rating counters: an offer's count and sum equal the number and
 * the sum of ratings of the reviews of orders that contain it, and a producer's equal those of the
 * reviews of their orders. Returns every row where they differ; empty means all is well. Each side
 * is one aggregate over all reviews, for audits and tests, never for pages.
 */
export async function verifyRatingCounters(prisma: PrismaClient): Promise<RatingCounterMismatch[]> {
  const offers = await prisma.$queryRaw<Row[]>`
    SELECT o.id, o."ratingCount" AS count, o."ratingSum" AS sum,
           COALESCE(r.count, 0)::int AS "expectedCount", COALESCE(r.sum, 0)::int AS "expectedSum"
    FROM "Offer" o
    LEFT JOIN (
      SELECT i."offerId", count(*) AS count, sum(rv.rating) AS sum
      FROM "OrderItem" i JOIN "Review" rv ON rv."orderId" = i."orderId"
      GROUP BY i."offerId"
    ) r ON r."offerId" = o.id
    WHERE o."ratingCount" <> COALESCE(r.count, 0) OR o."ratingSum" <> COALESCE(r.sum, 0)`;
  const producers = await prisma.$queryRaw<Row[]>`
    SELECT m.id, m."producerRatingCount" AS count, m."producerRatingSum" AS sum,
           COALESCE(r.count, 0)::int AS "expectedCount", COALESCE(r.sum, 0)::int AS "expectedSum"
    FROM "Member" m
    LEFT JOIN (SELECT "producerId", count(*) AS count, sum(rating) AS sum FROM "Review" GROUP BY "producerId") r ON r."producerId" = m.id
    WHERE m."producerRatingCount" <> COALESCE(r.count, 0) OR m."producerRatingSum" <> COALESCE(r.sum, 0)`;
  return [...offers.map((row) => ({ kind: 'offer' as const, ...row })), ...producers.map((row) => ({ kind: 'producer' as const, ...row }))];
}
