import type { PrismaClient } from '../db/client';
import type { NeedAnswer } from '../../../prisma/generated/client/client';
import { NotFoundError, NotOwnerError } from '../marketplace/errors';
import { notificationKinds } from '../notifications/notification-kinds';

/**
 * A producer takes back one of their answers to a need: the answer is deleted, so the member who posted
 * the need no longer sees it, and their notification of it goes too while they have not read it (a
 * notification they read stays: it tells what happened, and its link shows the need as it is now).
 * The producer may answer again later, with the same offer or another.
 */
export async function withdrawNeedAnswer(prisma: PrismaClient, producerId: string, answerId: string): Promise<NeedAnswer> {
  return prisma.$transaction(async (transaction) => {
    const answer = await transaction.needAnswer.findUnique({ where: { id: answerId }, include: { need: { select: { memberId: true } } } });
    if (!answer) throw new NotFoundError('need_answer');
    if (answer.producerId !== producerId) throw new NotOwnerError();
    await transaction.needAnswer.delete({ where: { id: answer.id } });
    await transaction.notification.deleteMany({
      where: {
        recipientId: answer.need.memberId,
        kind: notificationKinds.needAnswered,
        readAt: null,
        // One being sent right now is left to the e-mail job, which owns it until it is sent.
        emailStatus: { not: 'sending' },
        AND: [{ payload: { path: ['needId'], equals: answer.needId } }, { payload: { path: ['offerId'], equals: answer.offerId } }],
      },
    });
    const { need: _need, ...withdrawn } = answer;
    return withdrawn;
  });
}
