// Splitting an amount exactly: the distributable surplus among members in proportion to their
// turnover (or equally), in whole units of the currency (cents). Every unit is accounted for, nobody
// gets less than nothing, and nobody gains from their place in a list.
import { createHash } from 'node:crypto';

export interface Claim {
  id: string;
  /** What the share is proportional to, in whole units (turnover in cents, or 1 for equal shares); ≥ 0. */
  weight: bigint;
}

/**
 * Largest remainder (Hamilton's method): each claim first gets the whole units of its exact share,
 * total × weight / Σ weights, rounded down; the units left over (fewer than the claims with a
 * fractional part) go one each to the claims with the largest fractional parts. Ties among equal
 * fractional parts are broken by SHA-256 of `${tieBreakSeed}:${id}`, ascending: the same inputs
 * (e.g. the seed naming the period) always give the same shares, in any order of the claims, and no
 * position in a list or alphabet is favoured from one period to the next.
 *
 * With no weight at all (every weight 0, or no claims) nothing is allocated: the shares are all 0
 * and `unallocated` is the whole total.
 */
export function allocateLargestRemainder(total: bigint, claims: readonly Claim[], tieBreakSeed: string): { shares: Map<string, bigint>; unallocated: bigint } {
  if (total < 0n) throw new RangeError('The amount to allocate must not be negative');
  const ids = new Set<string>();
  let weights = 0n;
  for (const claim of claims) {
    if (claim.weight < 0n) throw new RangeError(`The weight of ${claim.id} is negative`);
    if (ids.has(claim.id)) throw new RangeError(`${claim.id} claims twice`);
    ids.add(claim.id);
    weights += claim.weight;
  }
  const shares = new Map(claims.map((claim) => [claim.id, 0n]));
  if (weights === 0n) return { shares, unallocated: total };

  const parts = claims.map((claim) => {
    const exact = total * claim.weight;
    return { id: claim.id, floor: exact / weights, remainder: exact % weights };
  });
  let left = total;
  for (const part of parts) {
    shares.set(part.id, part.floor);
    left -= part.floor;
  }
  // The hash is only needed where remainders tie, so it is computed there, once per claim.
  const tieKeys = new Map<string, string>();
  const tieKey = (id: string) => {
    let key = tieKeys.get(id);
    if (key === undefined) tieKeys.set(id, (key = createHash('sha256').update(`${tieBreakSeed}:${id}`).digest('hex')));
    return key;
  };
  const order = parts
    .filter((part) => part.remainder > 0n)
    .sort((a, b) => {
      if (a.remainder !== b.remainder) return a.remainder > b.remainder ? -1 : 1;
      const keyA = tieKey(a.id);
      const keyB = tieKey(b.id);
      return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
    });
  for (const part of order.slice(0, Number(left))) shares.set(part.id, part.floor + 1n);
  return { shares, unallocated: 0n };
}
