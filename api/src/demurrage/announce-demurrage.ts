// The notice before demurrage: once the running period is within the rule's notice days of its end,
// every member whose balance would pay a fee is told, once per period, what it would be at today's
// balance. The notices and the mark that they were sent are one transaction, and each notice has a
// dedupKey per member and period, so overlapping runs notify nobody twice.
import type { Ledger } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';
import { policyInForce } from '../governance/policies';
import { notificationKinds } from '../notifications/notification-kinds';
import { periodContaining } from '../surplus/periods';
import { amountOfUnits } from '../surplus/units';
import { computeDemurrage } from './charge-demurrage';
import { rateBasisPoints } from './policy';

const dayMs = 24 * 60 * 60_000;

/** Sends the notices of the running period when they are due; returns the members notified. */
export async function announceDemurrage(services: { prisma: PrismaClient; ledger: Ledger }, now = new Date()): Promise<number> {
  const { prisma, ledger } = services;
  const policy = await policyInForce(prisma, 'demurrage', now);
  if ((rateBasisPoints(policy.payload.rate) ?? 0) === 0) return 0;
  const period = periodContaining(policy.payload.period, now);
  if (now.getTime() < period.end.getTime() - policy.payload.noticeDays * dayMs) return 0;
  const existing = await prisma.demurrageRun.findUnique({ where: { period: period.key }, select: { announcedAt: true } });
  if (existing?.announcedAt) return 0;
  const fees = await computeDemurrage(ledger, policy.payload);
  return prisma.$transaction(async (transaction) => {
    const run = await transaction.demurrageRun.upsert({
      where: { period: period.key },
      create: { period: period.key, periodStart: period.start, periodEnd: period.end, policyVersionId: policy.id },
      update: {},
    });
    if (run.announcedAt || run.status === 'booked') return 0;
    const { count } = await transaction.notification.createMany({
      data: fees.map((fee) => ({
        recipientId: fee.memberId,
        kind: notificationKinds.demurrageAnnounced,
        payload: { period: period.key, amount: amountOfUnits(fee.fee), endsAt: period.end.toISOString() },
        link: '/wallet',
        dedupKey: `${notificationKinds.demurrageAnnounced}:${period.key}:${fee.memberId}`,
      })),
      skipDuplicates: true,
    });
    await transaction.demurrageRun.update({ where: { id: run.id }, data: { announcedAt: now } });
    return count;
  });
}
