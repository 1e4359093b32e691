// The surplus rule the members vote: how often the fund is shared (the period), what stays in the fund
// (the reserve: a fixed amount, or a share of the fund's balance), and how the rest is split (the mix):
// patronage by purchases and by sales (each a uniform percentage of a member's turnover in the period),
// equal shares among the members active in the period, and shares to named accounts (a solidarity or
// an ecology fund), which the rule creates when it is enacted. The parts of the mix are whole
// percentages that sum to 100.
import { z } from 'zod';
import { amountProblemMessage, amountProblemOf } from '../shared/rules/amount-rules';
import { problem } from '../shared/rules/field-problems';
import type { SurplusMix } from './distribution';

export const surplusPeriods = ['monthly', 'quarterly', 'yearly'] as const;
export type SurplusPeriod = (typeof surplusPeriods)[number];

export const surplusNamedAccountsMax = 5;
export const surplusAccountCodeLength = { min: 2, max: 30 } as const;
export const surplusAccountNameLength = { min: 2, max: 60 } as const;

const percentSchema = z.number().int('a whole number').min(0, 'at least 0').max(100, 'at most 100');

/** A share of the fund between 0 and 1 with at most four decimal places ("0.2" keeps a fifth). */
const reserveShareSchema = z
  .string()
  .trim()
  .refine((value) => /^(0(\.\d{1,4})?|1(\.0{1,4})?)$/.test(value), problem('out_of_range', { min: 0, max: 1 }, 'a share between 0 and 1 with at most 4 decimal places'));

/** An amount kept in the fund: zero, or a positive amount of the currency. */
const reserveAmountSchema = z
  .string()
  .trim()
  .superRefine((value, context) => {
    if (/^0(\.0{1,2})?$/.test(value)) return;
    const found = amountProblemOf(value);
    if (found) context.addIssue({ code: 'custom', ...problem(found.code, found.params, amountProblemMessage(value, found)) });
  });

const reserveSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('amount'), amount: reserveAmountSchema }).strict(),
  z.object({ kind: z.literal('share'), share: reserveShareSchema }).strict(),
]);

const namedAccountSchema = z
  .object({
    /** Lower-case letters, digits and "-"; the ledger account is `surplus:<code>`. */
    code: z
      .string()
      .trim()
      .min(surplusAccountCodeLength.min, `at least ${surplusAccountCodeLength.min} characters`)
      .max(surplusAccountCodeLength.max, `at most ${surplusAccountCodeLength.max} characters`)
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and "-"'),
    name: z
      .string()
      .trim()
      .min(surplusAccountNameLength.min, `at least ${surplusAccountNameLength.min} characters`)
      .max(surplusAccountNameLength.max, `at most ${surplusAccountNameLength.max} characters`),
    percent: percentSchema,
  })
  .strict();

const mixSchema = z
  .object({
    purchases: percentSchema,
    sales: percentSchema,
    equal: percentSchema,
    accounts: z.array(namedAccountSchema).max(surplusNamedAccountsMax, `at most ${surplusNamedAccountsMax}`),
  })
  .strict()
  .superRefine((mix, context) => {
    const codes = new Set<string>();
    mix.accounts.forEach((account, index) => {
      if (codes.has(account.code)) context.addIssue({ code: 'custom', path: ['accounts', index, 'code'], ...problem('invalid', {}, 'each account once') });
      codes.add(account.code);
    });
    const sum = mix.purchases + mix.sales + mix.equal + mix.accounts.reduce((total, account) => total + account.percent, 0);
    if (sum !== 100) context.addIssue({ code: 'custom', ...problem('percentages_not_100', { sum }, 'the parts must sum to 100') });
  });

export const surplusSchema = z
  .object({
    period: z.enum(surplusPeriods),
    reserve: reserveSchema,
    mix: mixSchema,
  })
  .strict();

export type SurplusPolicy = z.infer<typeof surplusSchema>;

/**
 * The founding rule: monthly, and the whole fund kept as reserve, so nothing is distributed until the
 * members vote a rule that shares it. Its mix (patronage by purchases alone) is what a shared surplus
 * would follow, as the consumer cooperatives' patronage refund does. Written by the migration that
 * added the surplus rule.
 */
export const foundingSurplus: SurplusPolicy = {
  period: 'monthly',
  reserve: { kind: 'share', share: '1' },
  mix: { purchases: 100, sales: 0, equal: 0, accounts: [] },
};

export const surplusAccountCodePrefix = 'surplus:';

/** The ledger account of a named account of the mix. */
export function surplusAccountCode(code: string): string {
  return `${surplusAccountCodePrefix}${code}`;
}

/** The mix as the distribution reads it. */
export function distributionMixOf(policy: SurplusPolicy): SurplusMix {
  return {
    purchases: policy.mix.purchases,
    sales: policy.mix.sales,
    equal: policy.mix.equal,
    accounts: Object.fromEntries(policy.mix.accounts.map((account) => [account.code, account.percent])),
  };
}
