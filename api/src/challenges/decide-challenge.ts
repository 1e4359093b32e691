// The board decides a challenge: the claim stays, or it is removed from the offer in the same
// transaction, recorded in the audit log. The decision, who made it and why stay on the challenge for everyone to read; the
// producer and the challenger are told.
import { z } from 'zod';
import type { AttributeChallenge, Member } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import { recordAuditEvent } from '../audit/audit-log';
import { parseInput } from '../shared/input';
import { notifyOfDecision } from './challenge-notifications';
import { challengeTextSchema, decidableFrom } from '../shared/rules/challenge-rules';
import { ChallengeAwaitingAnswerError, ChallengeConflictError, ChallengeDecidedError } from './errors';
import { lockChallenge } from './lock-challenge';

export const challengeDecisions = ['claim_kept', 'claim_removed'] as const;
export type ChallengeDecision = (typeof challengeDecisions)[number];

const decisionSchema = z.object({ decision: z.enum(challengeDecisions), note: challengeTextSchema });

/**
 * Throws ValidationError, ChallengeNotFoundError, ChallengeDecidedError, ChallengeConflictError (the
 * board member's own offer or challenge) or ChallengeAwaitingAnswerError (no answer yet and the
 * producer's answer window is still open).
 */
export async function decideChallenge(
  prisma: PrismaClient,
  board: Pick<Member, 'id'>,
  challengeId: string,
  input: { decision: string; note: string },
  now = new Date(),
): Promise<AttributeChallenge> {
  const { decision, note } = parseInput(decisionSchema, input);
  return prisma.$transaction(async (transaction) => {
    const challenge = await lockChallenge(transaction, challengeId);
    if (challenge.status !== 'open' && challenge.status !== 'answered') throw new ChallengeDecidedError(challenge.status);
    if (challenge.offer.producerId === board.id) throw new ChallengeConflictError('own_offer');
    if (challenge.challengerId === board.id) throw new ChallengeConflictError('own_challenge');
    const from = decidableFrom(challenge.createdAt);
    if (challenge.status === 'open' && now < from) throw new ChallengeAwaitingAnswerError(from);
    if (decision === 'claim_removed') {
      await transaction.$executeRaw`
        UPDATE "Offer" SET "ecologicalAttributes" = array_remove("ecologicalAttributes", ${challenge.attribute}::"EcologicalAttribute"), "updatedAt" = ${now}
        WHERE "id" = ${challenge.offer.id}::uuid`;
    }
    const decided = await transaction.attributeChallenge.update({
      where: { id: challenge.id },
      data: { status: decision, decidedById: board.id, decisionNote: note, decidedAt: now },
    });
    await recordAuditEvent(transaction, {
      actorId: board.id,
      action: 'attribute_challenge_decided',
      subjectType: 'challenge',
      subjectId: challenge.id,
      details: { offerId: challenge.offer.id, attribute: challenge.attribute, decision },
    });
    await notifyOfDecision(
      transaction,
      { producerId: challenge.offer.producerId, challengerId: challenge.challengerId },
      { challengeId: challenge.id, offerId: challenge.offer.id, offerTitle: challenge.offer.title, attribute: challenge.attribute, decision },
    );
    return decided;
  });
}
