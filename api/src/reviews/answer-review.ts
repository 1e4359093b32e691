import type { PrismaClient } from '../db/client';
import type { Review } from '../../../prisma/generated/client/client';
import { OrderForbiddenError } from '../orders/errors';
import { ReviewAlreadyAnsweredError, ReviewNotFoundError } from './errors';
import { answerInputSchema, type AnswerInput } from './review-input';
import { parseInput } from '../shared/input';

/**
 * The producer answers a review of one of their orders, once. The answer is not editable: buyers
 * and later readers see the review and the answer as they were first published, like the review
 * itself. The update is conditional on there being no answer yet, so of two concurrent answers
 * exactly one is stored.
 */
export async function answerReview(prisma: PrismaClient, producerId: string, input: AnswerInput): Promise<Review> {
  const { reviewId, text } = parseInput(answerInputSchema, input);
  const review = await prisma.review.findUnique({ where: { id: reviewId } });
  if (!review) throw new ReviewNotFoundError();
  if (review.producerId !== producerId) throw new OrderForbiddenError();
  const { count } = await prisma.review.updateMany({ where: { id: reviewId, answer: null }, data: { answer: text, answeredAt: new Date() } });
  if (count === 0) throw new ReviewAlreadyAnsweredError();
  return prisma.review.findUniqueOrThrow({ where: { id: reviewId } });
}
