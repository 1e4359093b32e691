import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import type { NeedAnswer } from '../../../prisma/generated/client/client';
import { AlreadyAnsweredError, NeedClosedError, NotFoundError, NotOwnerError, OfferNotActiveError } from '../marketplace/errors';
import { optionalText } from '../marketplace/validation';
import { notificationKinds } from '../notifications/notification-kinds';
import { parseInput } from '../shared/input';

export const answerNeedSchema = z.object({
  needId: z.string().uuid(),
  offerId: z.string().uuid(),
  message: optionalText(1000),
});

export type AnswerNeedInput = z.input<typeof answerNeedSchema>;

/**
 * A producer answers a need with one of their own active offers. The answer and the in-app
 * notification of the member who posted the need are written in one transaction.
 */
export async function answerNeed(prisma: PrismaClient, producerId: string, input: AnswerNeedInput): Promise<NeedAnswer> {
  const { needId, offerId, message } = parseInput(answerNeedSchema, input);
  return prisma.$transaction(async (transaction) => {
    const need = await transaction.need.findUnique({ where: { id: needId } });
    if (!need) throw new NotFoundError('need');
    const offer = await transaction.offer.findUnique({ where: { id: offerId }, include: { producer: true } });
    if (!offer) throw new NotFoundError('offer');
    if (offer.producerId !== producerId) throw new NotOwnerError();
    if (need.closedAt || need.expiresAt.getTime() <= Date.now()) throw new NeedClosedError();
    if (offer.status !== 'active') throw new OfferNotActiveError();
    const existing = await transaction.needAnswer.findUnique({ where: { needId_offerId: { needId, offerId } } });
    if (existing) throw new AlreadyAnsweredError();
    const answer = await transaction.needAnswer.create({ data: { needId, offerId, producerId, message } });
    await transaction.notification.create({
      data: {
        recipientId: need.memberId,
        kind: notificationKinds.needAnswered,
        payload: { needId, needTitle: need.title, offerId, offerTitle: offer.title, producerName: offer.producer.displayName },
        link: `/needs/${needId}`,
      },
    });
    return answer;
  });
}
