// Amounts arrive from the API as decimal strings ("1234.50"). They are formatted by rewriting the
// string, never by converting to a JavaScript number, so no amount is ever rounded by a float.

const decimalPattern = /^([+-])?(\d+)(?:\.(\d+))?$/;

interface NumberSymbols {
  group: string;
  decimal: string;
  minus: string;
}

const symbolsByLocale = new Map<string, NumberSymbols>();

function numberSymbols(locale: string): NumberSymbols {
  const cached = symbolsByLocale.get(locale);
  if (cached) return cached;
  // Only the locale's separator characters are read from this sample; no amount passes through Intl.
  const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(-1000.5);
  const symbols: NumberSymbols = {
    group: parts.find((part) => part.type === 'group')?.value ?? ',',
    decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
    minus: parts.find((part) => part.type === 'minusSign')?.value ?? '-',
  };
  symbolsByLocale.set(locale, symbols);
  return symbols;
}

function groupThousands(digits: string, separator: string): string {
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) {
    groups.unshift(digits.slice(Math.max(0, end - 3), end));
  }
  return groups.join(separator);
}

/**
 * Formats a decimal string for display in the given locale: "1234.5" becomes "1.234,50" in German
 * and "1,234.50" in English. Fraction digits are padded to `minimumFractionDigits` and never cut.
 * A value that is not a plain decimal string is returned unchanged rather than guessed at.
 */
export function formatDecimal(value: string, locale: string, minimumFractionDigits = 2): string {
  const match = decimalPattern.exec(value.trim());
  if (!match) return value;
  const [, sign, integerDigits = '0', fractionDigits = ''] = match;
  const symbols = numberSymbols(locale);
  const integer = integerDigits.replace(/^0+(?=\d)/, '');
  const fraction = fractionDigits.padEnd(minimumFractionDigits, '0');
  const isZero = /^0*$/.test(integer + fraction);
  const prefix = sign === '-' && !isZero ? symbols.minus : '';
  const grouped = groupThousands(integer, symbols.group);
  return fraction ? `${prefix}${grouped}${symbols.decimal}${fraction}` : `${prefix}${grouped}`;
}
