// Amounts of the cooperative's currency as members type them and as the API takes them. The API
// takes plain decimal text ("1000.50"); members type in their language's way ("1.000,50" in German,
// "1,000.50" in English), and `amountFromLocaleText` turns that into the API's form in one place.
// Amounts stay text throughout: no amount passes through a JavaScript number.
import { z } from 'zod';
import { problem, type FieldProblem } from './field-problems';

/** Fraction digits of the cooperative's currency (checked against the currency in a test). */
export const amountScale = 2;
/** Most digits before the decimal point (the ledger's limit, checked in a test). */
export const amountIntegerDigitsMax = 15;
export const amountMax = `${'9'.repeat(amountIntegerDigitsMax)}.${'9'.repeat(amountScale)}`;

const plainDecimal = /^-?\d+(\.\d+)?$/;

/**
 * The first problem of an amount text, or null. Checked in this order so only one is reported:
 * missing, not a number, negative, too many decimals, too large, zero.
 */
export function amountProblemOf(value: string): FieldProblem | null {
  if (value.trim() === '') return { code: 'required', params: {} };
  if (!plainDecimal.test(value)) return { code: 'invalid_amount', params: {} };
  if (value.startsWith('-')) return { code: 'not_positive', params: {} };
  const [integer = '', fraction = ''] = value.split('.');
  if (fraction.length > amountScale) return { code: 'too_many_decimals', params: { max: amountScale } };
  if (integer.replace(/^0+/, '').length > amountIntegerDigitsMax) return { code: 'amount_too_large', params: { max: amountMax } };
  if (!/[1-9]/.test(value)) return { code: 'not_positive', params: {} };
  return null;
}

/** The problem of an amount in English, for logs and API clients (forms word the code themselves). */
export function amountProblemMessage(value: string, found: FieldProblem): string {
  switch (found.code) {
    case 'not_positive':
      return value.trim().startsWith('-') ? 'must be positive' : 'must be more than zero';
    case 'too_many_decimals':
      return `at most ${amountScale} decimal places`;
    case 'amount_too_large':
      return `must be less than 10^${amountIntegerDigitsMax}`;
    default:
      return 'must be a number like 12.50';
  }
}

/** A positive amount of the cooperative's currency, as plain decimal text. */
export const amountSchema = z
  .string()
  .trim()
  .superRefine((value, context) => {
    const found = amountProblemOf(value);
    if (found) context.addIssue({ code: 'custom', ...problem(found.code, found.params, amountProblemMessage(value, found)) });
  });

/** Compares two non-negative plain decimal texts: -1, 0 or 1. */
export function compareAmounts(left: string, right: string): -1 | 0 | 1 {
  const split = (value: string) => {
    const [integer = '0', fraction = ''] = value.split('.');
    return [integer.replace(/^0+(?=\d)/, ''), fraction] as const;
  };
  const [leftInteger, leftFraction] = split(left);
  const [rightInteger, rightFraction] = split(right);
  if (leftInteger.length !== rightInteger.length) return leftInteger.length < rightInteger.length ? -1 : 1;
  const width = Math.max(leftFraction.length, rightFraction.length);
  const leftDigits = leftInteger + leftFraction.padEnd(width, '0');
  const rightDigits = rightInteger + rightFraction.padEnd(width, '0');
  if (leftDigits === rightDigits) return 0;
  return leftDigits < rightDigits ? -1 : 1;
}

/** An amount below a limit, e.g. a price up to a maximum. */
export function amountAtMost(max: string) {
  return amountSchema.refine((value) => !plainDecimal.test(value) || compareAmounts(value, max) <= 0, problem('amount_too_large', { max }));
}

/** What an admin may pay the producer in a partial refund: more than zero and less than the total. */
export function partialRefundSchema(total: string) {
  return amountSchema.refine(
    (value) => !plainDecimal.test(value) || compareAmounts(value, total) < 0,
    problem('amount_not_below_total', { total }, 'less than the total'),
  );
}

const separators = { de: { group: '.', decimal: ',' }, en: { group: ',', decimal: '.' } } as const;
export type AmountLocale = keyof typeof separators;

/**
 * An amount as a member typed it, as plain decimal text: "1.000,50" (German) or "1,000.50" (English)
 * becomes "1000.50". Spaces between digit groups are ignored. A lone decimal sign of the other
 * language is taken as the decimal sign ("4.50" in German is 4,50) unless it groups thousands
 * ("1.000" in German is one thousand). Text that is no amount comes back trimmed, unchanged, so the
 * amount rules name its problem.
 */
export function amountFromLocaleText(text: string, locale: AmountLocale): string {
  const trimmed = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  const { group, decimal } = separators[locale];
  const escape = (sign: string) => (sign === '.' ? '\\.' : sign);
  const grouped = new RegExp(`^-?\\d{1,3}(${escape(group)}\\d{3})+(${escape(decimal)}\\d+)?$`);
  if (grouped.test(trimmed)) return trimmed.split(group).join('').replace(decimal, '.');
  const plain = new RegExp(`^-?\\d+(${escape(decimal)}\\d+)?$`);
  if (plain.test(trimmed)) return trimmed.replace(decimal, '.');
  const other = new RegExp(`^-?\\d+(${escape(group)}\\d+)?$`);
  if (other.test(trimmed)) return trimmed.replace(group, '.');
  return text.trim();
}
