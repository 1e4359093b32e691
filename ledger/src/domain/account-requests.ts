// Requests that create or change accounts, their failure codes and the checks that need nothing
// but the request and the currency. Failure codes are checked in the order they are listed.
import { type AccountType } from './account';
import { type Currency } from './currency';
import { type AmountInput, type Decimal, fitsScale, isBelowBound, parseAmount } from './money';

export interface CreateAccountInput {
  /** Optional id chosen by the caller (a UUID); a random one otherwise. */
  id?: string;
  currency: string;
  /** fund and escrow accounts are created with their currency; this creates the others. */
  type: 'member' | 'system';
  /** Stable code, unique per currency (letters, digits, "_", "-", ":", "."). */
  code?: string | null;
  name: string;
  /** Defaults to 0: the account may not go below zero. */
  creditLimit?: AmountInput;
  /** Defaults to none. */
  maximumBalance?: AmountInput | null;
}

export interface AccountLimitsInput {
  creditLimit: AmountInput;
  maximumBalance: AmountInput | null;
}

export const CREATE_ACCOUNT_FAILURE_CODES = [
  'account_id_invalid',
  'account_code_invalid',
  'account_name_invalid',
  'currency_not_found',
  'credit_limit_invalid',
  'maximum_balance_invalid',
  'account_exists',
] as const;
export type CreateAccountFailureCode = (typeof CREATE_ACCOUNT_FAILURE_CODES)[number];

export const SET_ACCOUNT_LIMITS_FAILURE_CODES = [
  'account_not_found',
  'credit_limit_invalid',
  'maximum_balance_invalid',
  'account_closed',
] as const;
export type SetAccountLimitsFailureCode = (typeof SET_ACCOUNT_LIMITS_FAILURE_CODES)[number];

export const CLOSE_ACCOUNT_FAILURE_CODES = [
  'account_not_found',
  'account_not_closable',
  'account_closed',
  'account_has_pending_transfers',
  'account_balance_not_zero',
] as const;
export type CloseAccountFailureCode = (typeof CLOSE_ACCOUNT_FAILURE_CODES)[number];

export const ACCOUNT_NAME_LENGTH_MAXIMUM = 200;
export const ACCOUNT_CODE_LENGTH_MAXIMUM = 100;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const accountCodePattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidPattern.test(value);
}

/** Account types the caller may create; fund and escrow come with their currency. */
export const CREATABLE_ACCOUNT_TYPES: readonly AccountType[] = ['member', 'system'];

export interface ValidLimits {
  creditLimit: Decimal;
  maximumBalance: Decimal | null;
}

/** Reads a credit limit and a maximum balance at the currency's scale. */
export function validateLimits(
  input: { creditLimit?: AmountInput | undefined; maximumBalance?: AmountInput | null | undefined },
  currency: Currency,
): ValidLimits | 'credit_limit_invalid' | 'maximum_balance_invalid' {
  const creditLimit = parseAmount(input.creditLimit ?? '0');
  if (!creditLimit || creditLimit.isNegative() || !fitsScale(creditLimit, currency.scale) || !isBelowBound(creditLimit)) {
    return 'credit_limit_invalid';
  }
  let maximumBalance: Decimal | null = null;
  if (input.maximumBalance !== undefined && input.maximumBalance !== null) {
    maximumBalance = parseAmount(input.maximumBalance);
    if (!maximumBalance || maximumBalance.isNegative() || !fitsScale(maximumBalance, currency.scale) || !isBelowBound(maximumBalance)) {
      return 'maximum_balance_invalid';
    }
  }
  return { creditLimit, maximumBalance };
}

/** The checks of a create-account request that need no database, in the documented order. */
export function validateCreateAccountShape(input: CreateAccountInput): CreateAccountFailureCode | null {
  if (input.id !== undefined && !isUuid(input.id)) return 'account_id_invalid';
  const code = input.code ?? null;
  if (code !== null && (code.length > ACCOUNT_CODE_LENGTH_MAXIMUM || !accountCodePattern.test(code))) {
    return 'account_code_invalid';
  }
  if (code === 'fund' || code === 'escrow') return 'account_code_invalid';
  const name = input.name.trim();
  if (name.length === 0 || name.length > ACCOUNT_NAME_LENGTH_MAXIMUM) return 'account_name_invalid';
  return null;
}
