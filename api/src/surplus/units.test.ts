import { amountOfUnits, unitsOf } from './units';

describe('surplus units', () => {
  it('turns amounts into cents and back exactly', () => {
    for (const [amount, units] of [['0.00', 0n], ['0.01', 1n], ['12.34', 1234n], ['999999999999999.99', 99999999999999999n], ['-0.05', -5n]] as const) {
      expect(unitsOf(amount)).toBe(units);
      expect(amountOfUnits(units)).toBe(amount);
    }
    expect(() => unitsOf('0.001')).toThrow(RangeError);
  });
});
