// The demo's challenge of an ecological claim, filed and answered through the same use cases as in
// the app, so the board's queue has something to decide.
import type { PrismaClient } from '../db/client';
import { answerChallenge } from '../challenges/answer-challenge';
import { challengeAttribute } from '../challenges/challenge-attribute';
import { demoChallenge, demoEmail } from './demo-data';

export async function seedDemoChallenge(prisma: PrismaClient): Promise<void> {
  const challenger = await prisma.member.findUniqueOrThrow({ where: { email: demoEmail(demoChallenge.challengerKey) }, select: { id: true } });
  const producer = await prisma.member.findUniqueOrThrow({ where: { email: demoEmail(demoChallenge.producerKey) }, select: { id: true } });
  const offers = await prisma.offer.findMany({ where: { producerId: producer.id, status: 'active' }, orderBy: { createdAt: 'asc' }, select: { id: true, title: true, ecologicalAttributes: true } });
  const offer = offers.find((candidate) => candidate.title.includes(demoChallenge.offerTitleIncludes) && (candidate.ecologicalAttributes as string[]).includes(demoChallenge.attribute));
  if (!offer) throw new Error(`The demo challenge needs an offer of ${demoChallenge.producerKey} that declares ${demoChallenge.attribute}`);
  const challenge = await challengeAttribute(prisma, challenger, { offerId: offer.id, attribute: demoChallenge.attribute, reason: demoChallenge.reason });
  await answerChallenge(prisma, producer, challenge.id, { answer: demoChallenge.answer });
}
