import { formatDecimal } from './formatDecimal';

describe('formatDecimal', () => {
  it('uses the separators of the locale', () => {
    expect(formatDecimal('1234.5', 'de')).toBe('1.234,50');
    expect(formatDecimal('1234.5', 'en')).toBe('1,234.50');
  });

  it('keeps every digit of large and precise amounts', () => {
    expect(formatDecimal('12345678901234567890.123', 'en')).toBe('12,345,678,901,234,567,890.123');
    expect(formatDecimal('0.10', 'de')).toBe('0,10');
  });

  it('pads to the minimum fraction digits', () => {
    expect(formatDecimal('7', 'de')).toBe('7,00');
    expect(formatDecimal('7', 'de', 0)).toBe('7');
  });

  it('formats negative amounts and drops the sign of zero', () => {
    expect(formatDecimal('-1000.00', 'en')).toMatch(/^[-\u2212]1,000\.00$/);
    expect(formatDecimal('-0.00', 'en')).toBe('0.00');
  });

  it('strips leading zeros but keeps one', () => {
    expect(formatDecimal('000012.5', 'en')).toBe('12.50');
    expect(formatDecimal('0000', 'en')).toBe('0.00');
  });

  it('returns anything that is not a decimal string unchanged', () => {
    expect(formatDecimal('abc', 'de')).toBe('abc');
    expect(formatDecimal('1e5', 'de')).toBe('1e5');
  });
});
