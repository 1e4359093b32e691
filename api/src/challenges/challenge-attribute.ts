// A member challenges an ecological attribute an offer declares, with a reason. The claim stays
// counted (in the ranking and the filters) until the board decides; the producer is told at once.
import { z } from 'zod';
import type { AttributeChallenge, Member } from '../../../prisma/generated/client/client';
import { EcologicalAttribute } from '../../../prisma/generated/client/enums';
import type { PrismaClient } from '../db/client';
import { NotFoundError } from '../marketplace/errors';
import { isUuid } from '../shared/global-id';
import { parseInput } from '../shared/input';
import { notifyProducerOfChallenge } from './challenge-notifications';
import { challengeTextSchema } from '../shared/rules/challenge-rules';
import { AttributeNotDeclaredError, ChallengeConflictError, ChallengePendingError } from './errors';

const challengeSchema = z.object({
  attribute: z.enum(EcologicalAttribute),
  reason: challengeTextSchema,
});

export interface ChallengeInput {
  offerId: string;
  attribute: string;
  reason: string;
}

/**
 * Files a challenge. Throws ValidationError, NotFoundError (no active offer), ChallengeConflictError
 * (the challenger's own offer), AttributeNotDeclaredError or ChallengePendingError.
 */
export async function challengeAttribute(prisma: PrismaClient, challenger: Pick<Member, 'id'>, input: ChallengeInput): Promise<AttributeChallenge> {
  const { attribute, reason } = parseInput(challengeSchema, input);
  return prisma.$transaction(async (transaction) => {
    // Locked, so a challenge and an edit of the offer's attributes do not cross.
    const [offer] = isUuid(input.offerId)
      ? await transaction.$queryRaw<{ id: string; producerId: string; title: string; status: string; ecologicalAttributes: string[] }[]>`
          SELECT "id", "producerId", "title", "status"::text AS "status", "ecologicalAttributes"::text[] AS "ecologicalAttributes"
          FROM "Offer" WHERE "id" = ${input.offerId}::uuid FOR UPDATE`
      : [];
    if (!offer || offer.status !== 'active') throw new NotFoundError('offer');
    if (offer.producerId === challenger.id) throw new ChallengeConflictError('own_offer');
    if (!offer.ecologicalAttributes.includes(attribute)) throw new AttributeNotDeclaredError(attribute);
    const pending = await transaction.attributeChallenge.findFirst({ where: { offerId: offer.id, attribute, status: { in: ['open', 'answered'] } }, select: { id: true } });
    if (pending) throw new ChallengePendingError(attribute);
    const challenge = await transaction.attributeChallenge.create({ data: { offerId: offer.id, attribute, challengerId: challenger.id, reason } });
    await notifyProducerOfChallenge(transaction, offer.producerId, { challengeId: challenge.id, offerId: offer.id, offerTitle: offer.title, attribute });
    return challenge;
  });
}
