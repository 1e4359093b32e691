import type { Prisma } from '../../../prisma/generated/client/client';
import { isUuid } from '../shared/global-id';
import { ChallengeNotFoundError } from './errors';

/** Locks a challenge for a step and reads it with its offer; steps on one challenge take turns. */
export async function lockChallenge(transaction: Prisma.TransactionClient, challengeId: string) {
  const locked = isUuid(challengeId) ? await transaction.$queryRaw<{ id: string }[]>`SELECT "id" FROM "AttributeChallenge" WHERE "id" = ${challengeId}::uuid FOR UPDATE` : [];
  if (locked.length === 0) throw new ChallengeNotFoundError();
  return transaction.attributeChallenge.findUniqueOrThrow({
    where: { id: challengeId },
    include: { offer: { select: { id: true, producerId: true, title: true } } },
  });
}
