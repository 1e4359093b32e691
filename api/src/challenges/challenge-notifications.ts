// Notifications of attribute challenges, written in the transaction of the step they announce. The
// challenger's name is never in them: the producer learns what is doubted and why, not by whom.
import type { Prisma } from '../../../prisma/generated/client/client';
import { notificationKinds } from '../notifications/notification-kinds';

export interface ChallengeNotice {
  challengeId: string;
  offerId: string;
  offerTitle: string;
  attribute: string;
}

export async function notifyProducerOfChallenge(transaction: Prisma.TransactionClient, producerId: string, notice: ChallengeNotice): Promise<void> {
  const kind = notificationKinds.attributeChallenged;
  await transaction.notification.createMany({
    data: [{ recipientId: producerId, kind, payload: { ...notice }, link: '/dashboard/challenges', dedupKey: `${kind}:${notice.challengeId}` }],
    skipDuplicates: true,
  });
}

export async function notifyOfDecision(
  transaction: Prisma.TransactionClient,
  recipients: { producerId: string; challengerId: string },
  notice: ChallengeNotice & { decision: 'claim_kept' | 'claim_removed' },
): Promise<void> {
  const kind = notificationKinds.attributeChallengeDecided;
  await transaction.notification.createMany({
    data: [
      { recipientId: recipients.producerId, kind, payload: { ...notice, role: 'producer' }, link: '/dashboard/challenges', dedupKey: `${kind}:${notice.challengeId}:producer` },
      { recipientId: recipients.challengerId, kind, payload: { ...notice, role: 'challenger' }, link: `/offers/${notice.offerId}`, dedupKey: `${kind}:${notice.challengeId}:challenger` },
    ],
    skipDuplicates: true,
  });
}
