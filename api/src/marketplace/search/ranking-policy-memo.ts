// The ranking policy in force, read once every few seconds and shared by all listings of the process,
// instead of once per listing. An enactment is seen within `ageMaxMs` (the listing cache's keys carry
// the version this memo last read, so a cached listing of the old order is not served after that).
import type { PrismaClient } from '../../db/client';
import { policyInForce } from '../../governance/policies';
import type { RankingPolicy } from '../../ranking/policy';

export interface RankingPolicyVersion {
  version: number;
  policy: RankingPolicy;
}

export interface RankingPolicyMemo {
  /** The version in force; read again when the kept one is older than ageMaxMs or below `versionMin`. */
  inForce(versionMin?: number): Promise<RankingPolicyVersion>;
  /** The version last read, or null before the first read (for cache keys; never waits). */
  lastVersion(): number | null;
}

export function createRankingPolicyMemo(prisma: PrismaClient, options: { ageMaxMs: number; clock?: () => number }): RankingPolicyMemo {
  const clock = options.clock ?? Date.now;
  let kept: { value: Promise<RankingPolicyVersion>; readAt: number } | null = null;
  let knownVersion: number | null = null;
  const read = () => {
    const value = policyInForce(prisma, 'ranking').then((row) => ({ version: row.version, policy: row.payload as RankingPolicy }));
    const entry = { value, readAt: clock() };
    kept = entry;
    value.then(
      (result) => {
        knownVersion = result.version;
      },
      () => {
        // A failed read is not kept: the next listing asks again.
        if (kept === entry) kept = null;
      },
    );
    return value;
  };
  return {
    async inForce(versionMin) {
      if (!kept || clock() - kept.readAt >= options.ageMaxMs) return read();
      const current = await kept.value;
      return versionMin !== undefined && current.version < versionMin ? read() : current;
    },
    lastVersion: () => knownVersion,
  };
}
