// The running period's distribution as members' wallets show it (each member's expected share):
// computed as if the period ended at the moment of computing, at most once per maxAgeMs and shared
// by every member who asks meanwhile, since computing it reads every member's turnover and splits
// the fund among all of them. A memo of computeDistribution: a new rule or a new period computes
// again at once; otherwise a wallet shows the expected share of at most maxAgeMs ago.
import type { Ledger } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';
import { policyInForce } from '../governance/policies';
import { computeDistribution, type SurplusComputation } from './compute-distribution';
import { periodContaining } from './periods';

export interface RunningDistribution {
  /** The running period's distribution computed at most maxAgeMs before `now`. */
  current(now?: Date): Promise<SurplusComputation>;
}

export const runningDistributionMaxAgeMs = 60_000;

export function createRunningDistribution(services: { prisma: PrismaClient; ledger: Ledger }, maxAgeMs = runningDistributionMaxAgeMs): RunningDistribution {
  let memo: { key: string; computedAt: number; computation: Promise<SurplusComputation> } | null = null;
  return {
    async current(now = new Date()) {
      const policy = await policyInForce(services.prisma, 'surplus', now);
      const running = periodContaining(policy.payload.period, now);
      const key = `${policy.id}:${running.key}`;
      if (memo && memo.key === key && now.getTime() - memo.computedAt < maxAgeMs && now.getTime() >= memo.computedAt) return memo.computation;
      const entry = { key, computedAt: now.getTime(), computation: computeDistribution(services, { ...running, end: now }) };
      memo = entry;
      entry.computation.catch(() => {
        if (memo === entry) memo = null;
      });
      return entry.computation;
    },
  };
}
