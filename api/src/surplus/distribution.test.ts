import fc from 'fast-check';
import { distributeSurplus, type MemberTurnover, type SurplusMix } from './distribution';

const turnoverArbitrary = fc.uniqueArray(
  fc.record({ memberId: fc.uuid(), purchases: fc.bigInt({ min: 0n, max: 5_000_000n }), sales: fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 5_000_000n })) }),
  { selector: (member) => member.memberId, maxLength: 80 },
);

const mixArbitrary = fc
  .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
  .map(([a, b, c, d]): SurplusMix => {
    // Four cut points of 0..100 in order make five whole parts summing to 100.
    const [p, q, r, s] = [a, b, c, d].sort((x, y) => x - y) as [number, number, number, number];
    return { purchases: p, sales: q - p, equal: r - q, accounts: { solidarity: s - r, ecology: 100 - s } };
  });

describe('surplus distribution', () => {
  it('accounts for every unit: members, named accounts and what stays in the fund', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 50_000_000n }), mixArbitrary, turnoverArbitrary, (total, mix, turnover) => {
        const { members, accounts, unallocated } = distributeSurplus(total, mix, turnover, '2026-11');
        const sum = [...members.values(), ...accounts.values()].reduce((a, b) => a + b, 0n) + unallocated;
        expect(sum).toBe(total);
        for (const units of [...members.values(), ...accounts.values()]) expect(units >= 0n).toBe(true);
        // Members without a trade in the period get nothing.
        for (const member of turnover) if (member.purchases === 0n && member.sales === 0n) expect(members.has(member.memberId)).toBe(false);
      }),
    );
  });

  it('pays patronage as a uniform percentage of turnover, within a cent', () => {
    const turnover: MemberTurnover[] = [
      { memberId: 'anna', purchases: 10_000n, sales: 0n },
      { memberId: 'ben', purchases: 30_000n, sales: 0n },
      { memberId: 'clara', purchases: 0n, sales: 0n },
    ];
    const { members, unallocated } = distributeSurplus(1_001n, { purchases: 100, sales: 0, equal: 0, accounts: {} }, turnover, '2026-11');
    expect(unallocated).toBe(0n);
    expect([members.get('anna'), members.get('ben'), members.get('clara')]).toEqual([250n, 751n, undefined]);
  });

  it('keeps a part no one can claim in the fund', () => {
    const turnover: MemberTurnover[] = [{ memberId: 'anna', purchases: 5_000n, sales: 0n }];
    const { members, unallocated } = distributeSurplus(1_000n, { purchases: 50, sales: 50, equal: 0, accounts: {} }, turnover, '2026-11');
    expect(members.get('anna')).toBe(500n);
    expect(unallocated).toBe(500n);
  });

  it('refuses a mix that does not sum to 100 whole percent', () => {
    expect(() => distributeSurplus(100n, { purchases: 50, sales: 40, equal: 0, accounts: {} }, [], 'p')).toThrow(RangeError);
    expect(() => distributeSurplus(100n, { purchases: 50.5, sales: 49.5, equal: 0, accounts: {} }, [], 'p')).toThrow(RangeError);
  });
});
