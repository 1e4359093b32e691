// Demurrage, a policy kind the members vote on and off unless they do: at the end of each period a
// rate of every member's positive balance above an exempt amount goes back to the common fund, booked
// in one batch; members it will affect are told a set number of days before. A rate of 0 is off.
import { z } from 'zod';
import { amountProblemMessage, amountProblemOf } from '../shared/rules/amount-rules';
import { problem } from '../shared/rules/field-problems';
import { surplusPeriods } from '../surplus/policy';

/** The highest rate per period the rule allows: a tenth of the balance above the exempt amount. */
export const demurrageRateMax = '0.1';
const demurrageRateMaxBasisPoints = 1000;

/** A rate below 1 as whole basis points ("0.0125" is 125), or null when it is not one with at most 4 places. */
export function rateBasisPoints(rate: string): number | null {
  const match = /^0(?:\.(\d{1,4}))?$/.exec(rate.trim());
  return match ? Number((match[1] ?? '').padEnd(4, '0')) : null;
}
export const demurrageNoticeDaysLimits = { min: 1, max: 28 } as const;

export const demurrageSchema = z
  .object({
    period: z.enum(surplusPeriods),
    /** A share of the balance above the exempt amount, per period, with at most four decimal places. */
    rate: z
      .string()
      .trim()
      .refine((value) => (rateBasisPoints(value) ?? Infinity) <= demurrageRateMaxBasisPoints, problem('out_of_range', { min: 0, max: demurrageRateMax }, 'a share from 0 to 0.1 with at most 4 decimal places')),
    /** Balances up to this amount pay nothing, and no balance is taken below it. */
    exemptAmount: z
      .string()
      .trim()
      .superRefine((value, context) => {
        if (/^0(\.0{1,2})?$/.test(value)) return;
        const found = amountProblemOf(value);
        if (found) context.addIssue({ code: 'custom', ...problem(found.code, found.params, amountProblemMessage(value, found)) });
      }),
    noticeDays: z
      .number()
      .int('a whole number')
      .min(demurrageNoticeDaysLimits.min, `at least ${demurrageNoticeDaysLimits.min}`)
      .max(demurrageNoticeDaysLimits.max, `at most ${demurrageNoticeDaysLimits.max}`),
  })
  .strict();

export type DemurragePolicy = z.infer<typeof demurrageSchema>;

/** The founding rule: off (rate 0). Written by the migration that added demurrage. */
export const foundingDemurrage: DemurragePolicy = { period: 'monthly', rate: '0', exemptAmount: '0', noticeDays: 7 };
