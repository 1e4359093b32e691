// The producer answers a challenge of one of their offers' claims. The answer can be changed until
// the board decides; the board may decide as soon as there is one.
import { z } from 'zod';
import type { AttributeChallenge, Member } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import { NotOwnerError } from '../marketplace/errors';
import { parseInput } from '../shared/input';
import { challengeTextSchema } from '../shared/rules/challenge-rules';
import { lockChallenge } from './lock-challenge';
import { ChallengeDecidedError } from './errors';

const answerSchema = z.object({ answer: challengeTextSchema });

/** Throws ValidationError, ChallengeNotFoundError, NotOwnerError or ChallengeDecidedError. */
export async function answerChallenge(prisma: PrismaClient, producer: Pick<Member, 'id'>, challengeId: string, input: { answer: string }): Promise<AttributeChallenge> {
  const { answer } = parseInput(answerSchema, input);
  return prisma.$transaction(async (transaction) => {
    const challenge = await lockChallenge(transaction, challengeId);
    if (challenge.offer.producerId !== producer.id) throw new NotOwnerError();
    if (challenge.status !== 'open' && challenge.status !== 'answered') throw new ChallengeDecidedError(challenge.status);
    return transaction.attributeChallenge.update({ where: { id: challenge.id }, data: { answer, answeredAt: new Date(), status: 'answered' } });
  });
}
