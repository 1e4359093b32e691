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
  const shares = new Map<string, bigint>();
  if (weights === 0n) {
    for (const claim of claims) shares.set(claim.id, 0n);
    return { shares, unallocated: total };
  }

  const remainders: bigint[] = new Array<bigint>(claims.length);
  const withRemainder: number[] = [];
  let left = total;
  for (let index = 0; index < claims.length; index += 1) {
    const claim = claims[index]!;
    const exact = total * claim.weight;
    const floor = exact / weights;
    const remainder = exact - floor * weights;
    shares.set(claim.id, floor);
    left -= floor;
    remainders[index] = remainder;
    if (remainder > 0n) withRemainder.push(index);
  }
  if (left === 0n) return { shares, unallocated: 0n };
  // The `left` largest remainders each get one unit: all above the smallest of them, the threshold,
  // and of those equal to it as many as are left, in the order of their tie keys. Only the claims at
  // the threshold need a key (a hash each).
  withRemainder.sort((a, b) => (remainders[a]! > remainders[b]! ? -1 : remainders[a]! < remainders[b]! ? 1 : 0));
  const count = Number(left);
  const threshold = remainders[withRemainder[count - 1]!]!;
  let firstTied = count - 1;
  while (firstTied > 0 && remainders[withRemainder[firstTied - 1]!] === threshold) firstTied -= 1;
  let pastTied = count;
  while (pastTied < withRemainder.length && remainders[withRemainder[pastTied]!] === threshold) pastTied += 1;
  const winners = withRemainder.slice(0, firstTied);
  if (pastTied - firstTied === count - firstTied) winners.push(...withRemainder.slice(firstTied, pastTied));
  else {
    const tied = withRemainder.slice(firstTied, pastTied).map((index) => ({ index, key: createHash('sha256').update(`${tieBreakSeed}:${claims[index]!.id}`).digest('hex') }));
    tied.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const { index } of tied.slice(0, count - firstTied)) winners.push(index);
  }
  for (const index of winners) {
    const id = claims[index]!.id;
    shares.set(id, shares.get(id)! + 1n);
  }
  return { shares, unallocated: 0n };
}
