import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { allocateLargestRemainder, type Claim } from './largest-remainder';

const claimsArbitrary = fc.uniqueArray(fc.record({ id: fc.uuid(), weight: fc.bigInt({ min: 0n, max: 10_000_000n }) }), { selector: (claim) => claim.id, minLength: 1, maxLength: 60 });

/** The method as written: every claim with a remainder sorted by remainder, then by tie key. */
function referenceAllocation(total: bigint, claims: readonly Claim[], seed: string): Map<string, bigint> {
  const weights = claims.reduce((sum, claim) => sum + claim.weight, 0n);
  const shares = new Map(claims.map((claim) => [claim.id, weights === 0n ? 0n : (total * claim.weight) / weights]));
  if (weights === 0n) return shares;
  const left = total - [...shares.values()].reduce((a, b) => a + b, 0n);
  const key = (id: string) => createHash('sha256').update(`${seed}:${id}`).digest('hex');
  const order = claims
    .map((claim) => ({ id: claim.id, remainder: (total * claim.weight) % weights }))
    .filter((part) => part.remainder > 0n)
    .sort((a, b) => (a.remainder !== b.remainder ? (a.remainder > b.remainder ? -1 : 1) : key(a.id) < key(b.id) ? -1 : 1));
  for (const part of order.slice(0, Number(left))) shares.set(part.id, shares.get(part.id)! + 1n);
  return shares;
}

describe('largest remainder', () => {
  it('gives what the method as written gives: the units left over by largest remainder, ties by key', () => {
    // Few distinct weights make many tied remainders, at the threshold and around it.
    const fewWeights = fc.uniqueArray(fc.record({ id: fc.uuid(), weight: fc.bigInt({ min: 0n, max: 6n }) }), { selector: (claim) => claim.id, minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10_000n }), fc.oneof(fewWeights, claimsArbitrary), fc.string(), (total, claims, seed) => {
        expect(allocateLargestRemainder(total, claims, seed).shares).toEqual(referenceAllocation(total, claims, seed));
      }),
      { numRuns: 500 },
    );
  });

  it('accounts for every unit, gives nobody less than nothing and everybody their exact share within one unit', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 100_000_000n }), claimsArbitrary, fc.string(), (total, claims, seed) => {
        const { shares, unallocated } = allocateLargestRemainder(total, claims, seed);
        const weights = claims.reduce((sum, claim) => sum + claim.weight, 0n);
        const sum = [...shares.values()].reduce((a, b) => a + b, 0n);
        expect(sum + unallocated).toBe(total);
        expect(unallocated).toBe(weights === 0n ? total : 0n);
        for (const claim of claims) {
          const share = shares.get(claim.id)!;
          expect(share >= 0n).toBe(true);
          if (weights === 0n) continue;
          // share - exact lies in (-1, 1): |share × W - total × weight| < W.
          const difference = share * weights - total * claim.weight;
          expect(difference < weights && difference > -weights).toBe(true);
          if (claim.weight === 0n) expect(share).toBe(0n);
        }
      }),
    );
  });

  it('gives the same shares whatever the order of the claims', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1_000_000n }), claimsArbitrary, fc.string(), fc.integer(), (total, claims, seed, rotation) => {
        const shifted = claims.map((_, index) => claims[(index + Math.abs(rotation)) % claims.length]!);
        const reversed = [...claims].reverse();
        const expected = allocateLargestRemainder(total, claims, seed).shares;
        expect(allocateLargestRemainder(total, shifted, seed).shares).toEqual(expected);
        expect(allocateLargestRemainder(total, reversed, seed).shares).toEqual(expected);
      }),
    );
  });

  it('breaks ties by the seed, not by position: equal claims take turns over periods', () => {
    const equal: Claim[] = ['anna', 'ben', 'clara'].map((id) => ({ id, weight: 1n }));
    // 10 cents among three equal members: one of them gets the extra cent.
    const winners = new Map<string, number>();
    for (let month = 1; month <= 300; month += 1) {
      const { shares } = allocateLargestRemainder(10n, equal, `2026-${month}`);
      expect([...shares.values()].sort()).toEqual([3n, 3n, 4n]);
      const winner = [...shares].find(([, share]) => share === 4n)![0];
      winners.set(winner, (winners.get(winner) ?? 0) + 1);
    }
    for (const id of ['anna', 'ben', 'clara']) expect(winners.get(id)).toBeGreaterThan(60);
  });

  it('refuses negative amounts and weights and a member claiming twice', () => {
    expect(() => allocateLargestRemainder(-1n, [], 'p')).toThrow(RangeError);
    expect(() => allocateLargestRemainder(5n, [{ id: 'a', weight: -1n }], 'p')).toThrow(RangeError);
    expect(() => allocateLargestRemainder(5n, [{ id: 'a', weight: 1n }, { id: 'a', weight: 2n }], 'p')).toThrow(RangeError);
  });
});
