// The demo's needs: what members are looking for, posted and answered through the same use cases as
// on the needs page, so the answers notify the members who posted them.
import type { PrismaClient } from '../db/client';
import { answerNeed } from '../needs/answer-need';
import { postNeed } from '../needs/post-need';
import { demoEmail, demoEmailDomain, demoNeeds } from './demo-data';

const dayMs = 86_400_000;

export async function seedDemoNeeds(prisma: PrismaClient, now = new Date()): Promise<void> {
  const members = await prisma.member.findMany({ where: { email: { endsWith: `@${demoEmailDomain}` } }, select: { id: true, email: true } });
  const memberId = (key: string): string => {
    const member = members.find((candidate) => candidate.email === demoEmail(key));
    if (!member) throw new Error(`The demo needs need the demo member ${key}`);
    return member.id;
  };
  // Newest first on the needs page: the first need of the list is posted last.
  for (const demoNeed of [...demoNeeds].reverse()) {
    const { memberKey, openDays, answers, ...input } = demoNeed;
    const need = await postNeed(prisma, memberId(memberKey), { ...input, expiresAt: new Date(now.getTime() + openDays * dayMs) });
    for (const answer of answers) {
      const producerId = memberId(answer.producerKey);
      const offer = await prisma.offer.findFirst({ where: { producerId, title: answer.offerTitle }, select: { id: true } });
      if (!offer) throw new Error(`The demo answer needs the offer ${answer.offerTitle}`);
      await answerNeed(prisma, producerId, { needId: need.id, offerId: offer.id, message: answer.message });
    }
  }
}
