// A member's share of the surplus as the wallet shows it: the share expected for the running period
// (computed as if it ended now, from the fund's balance now), the shares received, and for each the
// figures that explain it: the fund, the reserve, the parts of the mix, everyone's turnover and the
// member's own.
import type { SurplusRun, SurplusShare } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import { surplusSchema, type SurplusPolicy } from './policy';
import type { SurplusComputation } from './compute-distribution';
import { periodContaining } from './periods';
import type { RunningDistribution } from './running-distribution';
import { amountText } from '../wallet/cooperative-currency';
import { amountOfUnits } from './units';

/** The figures of a period's distribution; amounts are decimal texts. */
export interface SurplusTotals {
  period: string;
  periodStart: Date;
  periodEnd: Date;
  policy: SurplusPolicy;
  fundBalance: string;
  reserve: string;
  distributable: string;
  purchasesPart: string;
  salesPart: string;
  equalPart: string;
  accountsPart: string;
  totalPurchases: string;
  totalSales: string;
  activeMembers: number;
  distributed: string;
  unallocated: string;
}

/** One member's share with what it is made of; amounts are decimal texts. */
export interface MemberShareLine {
  purchases: string;
  sales: string;
  purchasesShare: string;
  salesShare: string;
  equalShare: string;
  amount: string;
  /** The account was closed before the share could be booked: the amount stayed in the fund. */
  keptInFund: boolean;
}

export interface MemberSurplusShare extends MemberShareLine {
  totals: SurplusTotals;
  /** False for the running period's expected share. */
  booked: boolean;
  bookedAt: Date | null;
}

const noShare: MemberShareLine = { purchases: '0.00', sales: '0.00', purchasesShare: '0.00', salesShare: '0.00', equalShare: '0.00', amount: '0.00', keptInFund: false };
const receivedSharesMax = 60;

export function totalsOfComputation(computation: SurplusComputation): SurplusTotals {
  return {
    period: computation.period.key,
    periodStart: computation.period.start,
    periodEnd: computation.period.end,
    policy: computation.policy.payload,
    fundBalance: amountOfUnits(computation.fundBalance),
    reserve: amountOfUnits(computation.reserve),
    distributable: amountOfUnits(computation.distributable),
    purchasesPart: amountOfUnits(computation.parts.purchases),
    salesPart: amountOfUnits(computation.parts.sales),
    equalPart: amountOfUnits(computation.parts.equal),
    accountsPart: amountOfUnits(computation.parts.accounts),
    totalPurchases: amountOfUnits(computation.totalPurchases),
    totalSales: amountOfUnits(computation.totalSales),
    activeMembers: computation.activeMembers,
    distributed: amountOfUnits(computation.distributed),
    unallocated: amountOfUnits(computation.unallocated),
  };
}

export function totalsOfRun(run: SurplusRun, policy: SurplusPolicy): SurplusTotals {
  return {
    period: run.period,
    periodStart: run.periodStart,
    periodEnd: run.periodEnd,
    policy,
    fundBalance: amountText(run.fundBalance),
    reserve: amountText(run.reserve),
    distributable: amountText(run.distributable),
    purchasesPart: amountText(run.purchasesPart),
    salesPart: amountText(run.salesPart),
    equalPart: amountText(run.equalPart),
    accountsPart: amountText(run.accountsPart),
    totalPurchases: amountText(run.totalPurchases),
    totalSales: amountText(run.totalSales),
    activeMembers: run.activeMembers,
    distributed: amountText(run.distributed),
    unallocated: amountText(run.unallocated),
  };
}

export function lineOfShare(share: Pick<SurplusShare, 'purchases' | 'sales' | 'purchasesShare' | 'salesShare' | 'equalShare' | 'amount' | 'keptInFund'>): MemberShareLine {
  return {
    purchases: amountText(share.purchases),
    sales: amountText(share.sales),
    purchasesShare: amountText(share.purchasesShare),
    salesShare: amountText(share.salesShare),
    equalShare: amountText(share.equalShare),
    amount: amountText(share.amount),
    keptInFund: share.keptInFund,
  };
}

/** What the member would get of the running period's surplus if it ended now (see running-distribution.ts). */
export async function expectedShare(services: { runningDistribution: RunningDistribution }, memberId: string, now = new Date()): Promise<MemberSurplusShare> {
  const computation = await services.runningDistribution.current(now);
  const own = computation.shares.find((share) => share.memberId === memberId);
  const line = own
    ? {
        purchases: amountOfUnits(own.purchases),
        sales: amountOfUnits(own.sales),
        purchasesShare: amountOfUnits(own.purchasesShare),
        salesShare: amountOfUnits(own.salesShare),
        equalShare: amountOfUnits(own.equalShare),
        amount: amountOfUnits(own.amount),
        keptInFund: false,
      }
    : noShare;
  return { ...line, totals: { ...totalsOfComputation(computation), periodEnd: periodContaining(computation.policy.payload.period, computation.period.start).end }, booked: false, bookedAt: null };
}

async function runPolicy(prisma: PrismaClient, run: SurplusRun): Promise<SurplusPolicy> {
  const version = await prisma.policyVersion.findUniqueOrThrow({ where: { id: run.policyVersionId }, select: { payload: true } });
  return surplusSchema.parse(version.payload);
}

/** The member's booked shares, the newest period first; a share kept in the fund was not received. */
export async function receivedShares(prisma: PrismaClient, memberId: string): Promise<MemberSurplusShare[]> {
  const shares = await prisma.surplusShare.findMany({
    where: { memberId, keptInFund: false, run: { status: 'booked' } },
    include: { run: true },
    orderBy: { run: { periodEnd: 'desc' } },
    take: receivedSharesMax,
  });
  return Promise.all(shares.map(async (share) => ({ ...lineOfShare(share), totals: totalsOfRun(share.run, await runPolicy(prisma, share.run)), booked: true, bookedAt: share.run.bookedAt })));
}

/** How the member's share of a booked period was computed (`keptInFund` when it was not booked); null when the period is not booked. */
export async function shareExplanation(prisma: PrismaClient, memberId: string, period: string): Promise<MemberSurplusShare | null> {
  const run = await prisma.surplusRun.findUnique({ where: { period } });
  if (!run || run.status !== 'booked') return null;
  const share = await prisma.surplusShare.findFirst({ where: { runId: run.id, memberId } });
  return { ...(share ? lineOfShare(share) : noShare), totals: totalsOfRun(run, await runPolicy(prisma, run)), booked: true, bookedAt: run.bookedAt };
}
