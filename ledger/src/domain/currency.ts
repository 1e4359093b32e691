// Currencies. The scale is fixed when a currency is created: every amount, limit and balance in it
// has at most that many digits after the decimal point, so changing it later would make old data
// ambiguous.

export interface Currency {
  /** Upper-case code, e.g. "TALER". */
  code: string;
  name: string;
  symbol: string;
  /** Digits after the decimal point (0 to 8). */
  scale: number;
  createdAt: Date;
}

export interface CreateCurrencyInput {
  code: string;
  name: string;
  symbol: string;
  /** Defaults to 2. */
  scale?: number;
}

export const CURRENCY_SCALE_MAXIMUM = 8;
export const CURRENCY_SCALE_DEFAULT = 2;
export const CURRENCY_NAME_LENGTH_MAXIMUM = 100;
export const CURRENCY_SYMBOL_LENGTH_MAXIMUM = 8;

const currencyCodePattern = /^[A-Z][A-Z0-9]{1,11}$/;

export const CREATE_CURRENCY_FAILURE_CODES = [
  'currency_code_invalid',
  'currency_name_invalid',
  'currency_symbol_invalid',
  'currency_scale_invalid',
  'currency_exists',
] as const;
export type CreateCurrencyFailureCode = (typeof CREATE_CURRENCY_FAILURE_CODES)[number];

export function isCurrencyCode(code: string): boolean {
  return currencyCodePattern.test(code);
}

/** Checks a currency request on its own, in the order of CREATE_CURRENCY_FAILURE_CODES. */
export function validateCreateCurrency(input: CreateCurrencyInput): CreateCurrencyFailureCode | null {
  if (!isCurrencyCode(input.code)) return 'currency_code_invalid';
  const name = input.name.trim();
  if (name.length === 0 || name.length > CURRENCY_NAME_LENGTH_MAXIMUM) return 'currency_name_invalid';
  const symbol = input.symbol.trim();
  if (symbol.length === 0 || symbol.length > CURRENCY_SYMBOL_LENGTH_MAXIMUM) return 'currency_symbol_invalid';
  const scale = input.scale ?? CURRENCY_SCALE_DEFAULT;
  if (!Number.isInteger(scale) || scale < 0 || scale > CURRENCY_SCALE_MAXIMUM) return 'currency_scale_invalid';
  return null;
}

/** Whether an existing currency is what the request asks for (so creating it again is a no-op). */
export function currencyMatches(currency: Currency, input: CreateCurrencyInput): boolean {
  return (
    currency.code === input.code &&
    currency.name === input.name.trim() &&
    currency.symbol === input.symbol.trim() &&
    currency.scale === (input.scale ?? CURRENCY_SCALE_DEFAULT)
  );
}
