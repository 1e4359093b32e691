// A distribution as its run stored it: the same shape as a computed one, so the board's table shows a
// period that is booked (or being booked) with the shares it books, not with a fresh computation on
// the fund as it is after the booking.
import type { SurplusRun } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import type { PolicyVersionOf } from '../governance/policies';
import type { SurplusComputation } from './compute-distribution';
import { parsePeriod } from './periods';
import { surplusSchema } from './policy';
import { unitsOf } from './units';

export async function storedDistribution(prisma: PrismaClient, run: SurplusRun): Promise<SurplusComputation> {
  const [version, shares] = await Promise.all([
    prisma.policyVersion.findUniqueOrThrow({ where: { id: run.policyVersionId } }),
    prisma.surplusShare.findMany({ where: { runId: run.id }, orderBy: { accountCode: 'asc' } }),
  ]);
  const policy: PolicyVersionOf<'surplus'> = {
    id: version.id,
    kind: 'surplus',
    version: version.version,
    payload: surplusSchema.parse(version.payload),
    enactedAt: version.enactedAt,
    proposalId: version.proposalId,
  };
  const period = parsePeriod(run.period) ?? { key: run.period, length: policy.payload.period, start: run.periodStart, end: run.periodEnd };
  return {
    period,
    policy,
    fundAccountId: '',
    fundBalance: unitsOf(run.fundBalance),
    reserve: unitsOf(run.reserve),
    distributable: unitsOf(run.distributable),
    parts: { purchases: unitsOf(run.purchasesPart), sales: unitsOf(run.salesPart), equal: unitsOf(run.equalPart), accounts: unitsOf(run.accountsPart) },
    totalPurchases: unitsOf(run.totalPurchases),
    totalSales: unitsOf(run.totalSales),
    activeMembers: run.activeMembers,
    shares: shares.map((share) => ({
      memberId: share.memberId,
      accountId: share.accountId,
      accountCode: share.accountCode,
      purchases: unitsOf(share.purchases),
      sales: unitsOf(share.sales),
      purchasesShare: unitsOf(share.purchasesShare),
      salesShare: unitsOf(share.salesShare),
      equalShare: unitsOf(share.equalShare),
      amount: unitsOf(share.amount),
      keptInFund: share.keptInFund,
    })),
    distributed: unitsOf(run.distributed),
    unallocated: unitsOf(run.unallocated),
  };
}
