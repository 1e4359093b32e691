// The surplus rule's form fields and their checks, the same limits the server's schema has
// (api/src/surplus/policy.ts); whatever the server still refuses is shown by its field.
import type { SurplusPeriod, SurplusReserveKind } from '@/generated/graphql';
import { basisPointsOf, normalizeAmount, percentToShare } from './governance';
import { wholeNumberIn } from './ranking';

export const surplusPeriods = ['monthly', 'quarterly', 'yearly'] as const satisfies readonly SurplusPeriod[];
export const surplusNamedAccountsMax = 5;

export interface SurplusAccountFields {
  code: string;
  name: string;
  percent: string;
}

export interface SurplusFields {
  period: SurplusPeriod;
  reserveKind: SurplusReserveKind;
  reserveShare: string;
  reserveAmount: string;
  purchases: string;
  sales: string;
  equal: string;
  accounts: SurplusAccountFields[];
}

export function emptySurplusAccount(): SurplusAccountFields {
  return { code: '', name: '', percent: '' };
}

/** Whether a decimal amount from the server ("0.00", "12.40") is zero. */
export function isZeroAmount(amount: string): boolean {
  return /^0+(\.0+)?$/.test(amount);
}

/** The parts typed so far added up; a part that is not a whole number counts as 0. */
export function surplusMixSum(fields: SurplusFields): number {
  const part = (text: string) => wholeNumberIn(text, 0, 100) ?? 0;
  return part(fields.purchases) + part(fields.sales) + part(fields.equal) + fields.accounts.reduce((sum, account) => sum + part(account.percent), 0);
}

/** The form's fields that are wrong: surplusReserve, surplusMix, surplusAccounts. */
export function surplusProblems(fields: SurplusFields): string[] {
  const problems: string[] = [];
  if (fields.reserveKind === 'share') {
    const share = percentToShare(fields.reserveShare);
    if (share === null || (basisPointsOf(share) ?? Infinity) > 10_000) problems.push('surplusReserve');
  } else if (normalizeAmount(fields.reserveAmount) === null) problems.push('surplusReserve');
  const parts = [fields.purchases, fields.sales, fields.equal, ...fields.accounts.map((account) => account.percent)];
  if (parts.some((part) => wholeNumberIn(part, 0, 100) === null) || surplusMixSum(fields) !== 100) problems.push('surplusMix');
  const codes = fields.accounts.map((account) => account.code.trim());
  const accountsValid =
    fields.accounts.length <= surplusNamedAccountsMax &&
    new Set(codes).size === codes.length &&
    fields.accounts.every((account) => /^[a-z0-9][a-z0-9-]{1,29}$/.test(account.code.trim()) && account.name.trim().length >= 2 && account.name.trim().length <= 60);
  if (!accountsValid) problems.push('surplusAccounts');
  return problems;
}
