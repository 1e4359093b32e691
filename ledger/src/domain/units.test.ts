import { Decimal } from './money';
import { fromUnits, toUnits, unitsFromText, unitsBeyondCreditLimit, unitsBeyondMaximumBalance, zeroUnitCounters } from './units';

describe('units', () => {
  it('convert exactly in both directions at every scale', () => {
    for (const [text, scale, units] of [
      ['12.5', 2, 1250n],
      ['-0.01', 2, -1n],
      ['7', 0, 7n],
      ['0.00000001', 8, 1n],
      ['999999999999999.99', 2, 99999999999999999n],
    ] as const) {
      expect(toUnits(new Decimal(text), scale)).toBe(units);
      expect(fromUnits(units, scale).eq(text)).toBe(true);
    }
    expect(fromUnits(-5n, 2).toFixed(2)).toBe('-0.05');
    expect([unitsFromText('12.5', 2), unitsFromText('-3', 2), unitsFromText('0', 2), unitsFromText('1.2300', 2)]).toEqual([1250n, -300n, 0n, 123n]);
    expect(() => unitsFromText('1.234', 2)).toThrow(RangeError);
  });

  it('apply the limit rules', () => {
    const counters = { ...zeroUnitCounters(), debitsPosted: 1000n, debitsPending: 500n };
    expect(unitsBeyondCreditLimit(counters, { creditLimit: 1500n, maximumBalance: null })).toBe(false);
    expect(unitsBeyondCreditLimit(counters, { creditLimit: 1499n, maximumBalance: null })).toBe(true);
    const rich = { ...zeroUnitCounters(), creditsPosted: 900n, creditsPending: 100n };
    expect(unitsBeyondMaximumBalance(rich, { creditLimit: 0n, maximumBalance: 1000n })).toBe(false);
    expect(unitsBeyondMaximumBalance(rich, { creditLimit: 0n, maximumBalance: 999n })).toBe(true);
  });
});
