// What the scheduled job does at each period end, in this order: the demurrage notices that are due,
// the demurrage of the last ended period of its rule, then the surplus of the last ended period of
// the surplus rule, so the fees of a period are part of the fund its surplus shares. Each step does
// nothing when it is done already, so running it again (every 15 minutes) changes nothing.
import type { Ledger } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';
import { announceDemurrage } from '../demurrage/announce-demurrage';
import { chargeDemurrage, type DemurrageOutcome } from '../demurrage/charge-demurrage';
import { rateBasisPoints } from '../demurrage/policy';
import { policyInForce } from '../governance/policies';
import { lastEndedPeriod, type Period } from './periods';
import { runSurplusDistribution, type SurplusRunOutcome } from './run-distribution';

type Services = { prisma: PrismaClient; ledger: Ledger };

/** Whether a period ended before the kind's founding version, when nothing of it was in force. */
async function beforeFounding(prisma: PrismaClient, kind: 'surplus' | 'demurrage', period: Period): Promise<boolean> {
  const founding = await prisma.policyVersion.findFirst({ where: { kind }, orderBy: { version: 'asc' }, select: { enactedAt: true } });
  return !founding || period.end <= founding.enactedAt;
}

/**
 * Charges the demurrage of a period that ends with the given one, when the rule in force at its end
 * is on and has the same period: the step before a surplus run of that period. Nothing for a period
 * that ended before demurrage existed.
 */
export async function chargeDemurrageOf(services: Services, period: Period, now = new Date()): Promise<DemurrageOutcome | null> {
  if (await beforeFounding(services.prisma, 'demurrage', period)) return null;
  const policy = await policyInForce(services.prisma, 'demurrage', period.end);
  if ((rateBasisPoints(policy.payload.rate) ?? 0) === 0 || policy.payload.period !== period.length) return null;
  return chargeDemurrage(services, { period: period.key }, now);
}

export async function runPeriodEnd(services: Services, now = new Date()): Promise<{ announced: number; demurrage: DemurrageOutcome | null; surplus: SurplusRunOutcome | null }> {
  const { prisma } = services;
  const announced = await announceDemurrage(services, now);

  const demurragePolicy = await policyInForce(prisma, 'demurrage', now);
  const demurragePeriod = lastEndedPeriod(demurragePolicy.payload.period, now);
  const demurrage = await chargeDemurrageOf(services, demurragePeriod, now);

  const surplusPolicy = await policyInForce(prisma, 'surplus', now);
  const period = lastEndedPeriod(surplusPolicy.payload.period, now);
  if (await beforeFounding(prisma, 'surplus', period)) return { announced, demurrage, surplus: null };
  const booked = await prisma.surplusRun.findUnique({ where: { period: period.key }, select: { status: true } });
  if (booked?.status === 'booked') return { announced, demurrage, surplus: null };
  return { announced, demurrage, surplus: await runSurplusDistribution(services, { period: period.key, startedById: null }, now) };
}
