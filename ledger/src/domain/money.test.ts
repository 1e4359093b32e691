import DecimalJs from 'decimal.js';
import { AMOUNT_BOUND, Decimal, canonicalAmount, fitsScale, formatAmount, isBelowBound, parseAmount } from './money';

describe('parseAmount', () => {
  it('reads plain decimal strings and Decimals', () => {
    expect(parseAmount('12.50')?.toFixed(2)).toBe('12.50');
    expect(parseAmount(' 7 ')?.toFixed()).toBe('7');
    expect(parseAmount(new DecimalJs('0.01'))?.toFixed()).toBe('0.01');
    expect(parseAmount('-3.2')?.toFixed()).toBe('-3.2');
  });

  it('refuses other notations, NaN and infinities', () => {
    for (const text of ['', 'abc', '1e3', '0x10', 'NaN', 'Infinity', '1.', '.5', '1,5']) {
      expect(parseAmount(text)).toBeNull();
    }
    expect(parseAmount(new DecimalJs(NaN))).toBeNull();
    expect(parseAmount(new DecimalJs(Infinity))).toBeNull();
  });

  it('treats a JavaScript number as a programmer error', () => {
    expect(() => parseAmount(1.5 as unknown as string)).toThrow(TypeError);
  });
});

describe('scale and bound', () => {
  it('ignores trailing zeros when counting fraction digits', () => {
    expect(fitsScale(new Decimal('1.50'), 1)).toBe(true);
    expect(fitsScale(new Decimal('1.505'), 2)).toBe(false);
  });

  it('keeps every amount below 10^15', () => {
    expect(isBelowBound(new Decimal('999999999999999.99'))).toBe(true);
    expect(isBelowBound(AMOUNT_BOUND)).toBe(false);
  });

  it('adds without rounding far beyond decimal.js default precision', () => {
    const sum = new Decimal('999999999999999.99999999').plus('0.00000001').times(1000);
    expect(sum.toFixed()).toBe('1000000000000000000');
  });

  it('formats at a fixed scale and canonically', () => {
    expect(formatAmount(new Decimal('3'), 2)).toBe('3.00');
    expect(canonicalAmount(new Decimal('3.10'))).toBe('3.1');
    expect(canonicalAmount(new Decimal('0.00000001'))).toBe('0.00000001');
  });
});
