import type { PrismaClient } from '../db/client';
import type { Review } from '../../../prisma/generated/client/client';
import { notificationKinds } from '../notifications/notification-kinds';
import { OrderForbiddenError, OrderNotFoundError, OrderStatusError } from '../orders/errors';
import { VISIBLE_ORDER_STATUSES } from '../orders/order-status';
import { AlreadyReviewedError } from './errors';
import { reviewInputSchema, type ReviewInput } from './review-input';
import { isReviewable } from './reviewable';
import { parseInput } from '../shared/input';

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/**
 * The buyer rates a settled order. The review, the rating counters of every offer in the order and
 * of the producer, and the producer's notification are written in one transaction, so the counters
 * always equal what the reviews add up to (verifyRatingCounters checks it). The unique order id
 * decides between two concurrent attempts: the second waits for the first and gets
 * AlreadyReviewedError.
 */
export async function reviewOrder(prisma: PrismaClient, buyerId: string, input: ReviewInput): Promise<Review> {
  const { orderId, rating, text } = parseInput(reviewInputSchema, input);
  try {
    return await prisma.$transaction(async (transaction) => {
      const order = await transaction.order.findUnique({
        where: { id: orderId },
        include: { items: { select: { offerId: true, title: true }, orderBy: { title: 'asc' } }, buyer: { select: { displayName: true } }, review: { select: { id: true } } },
      });
      if (!order || !VISIBLE_ORDER_STATUSES.includes(order.status)) throw new OrderNotFoundError();
      if (order.buyerId !== buyerId) throw new OrderForbiddenError();
      if (!isReviewable(order)) throw new OrderStatusError(order.status, 'reviewed');
      if (order.review) throw new AlreadyReviewedError();
      const review = await transaction.review.create({ data: { orderId, buyerId, producerId: order.producerId, rating, text } });
      const offerIds = [...new Set(order.items.map((item) => item.offerId))];
      // Raw updates leave the offers' updatedAt alone: a new review is not an edit of the offer.
      for (const offerId of offerIds) {
        await transaction.$executeRaw`UPDATE "Offer" SET "ratingCount" = "ratingCount" + 1, "ratingSum" = "ratingSum" + ${rating} WHERE id = ${offerId}::uuid`;
      }
      await transaction.$executeRaw`UPDATE "Member" SET "producerRatingCount" = "producerRatingCount" + 1, "producerRatingSum" = "producerRatingSum" + ${rating} WHERE id = ${order.producerId}::uuid`;
      await transaction.notification.create({
        data: {
          recipientId: order.producerId,
          kind: notificationKinds.reviewReceived,
          payload: { orderId, reviewId: review.id, rating, actorName: order.buyer.displayName, offerTitle: order.items[0]?.title ?? '' },
          link: '/dashboard#reviews',
        },
      });
      return review;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AlreadyReviewedError();
    throw error;
  }
}
