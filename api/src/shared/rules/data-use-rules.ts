// The rules of a data-use request and of the data policy, shared by the API and the web app's forms.
// Imports nothing but zod.
import { z } from 'zod';
import { problem } from './field-problems';
import { emailSchema, hasNoControlCharacters, requiredText } from './text-rules';

/**
 * The tables a data-use request may ask for: the open statistics' tables (documented in
 * api/src/data-use/catalogue.ts), each answered with the same small-cell suppression.
 */
export const dataUseTableNames = ['tradeVolume', 'trades', 'traders', 'ecologicalSales', 'ecologicalOffers'] as const;
export type DataUseTableName = (typeof dataUseTableNames)[number];

/** Category groups, as the open statistics show them, or single categories (finer). */
export const dataUseGroupings = ['category_group', 'category'] as const;
export type DataUseGrouping = (typeof dataUseGroupings)[number];

export const dataUseDurationDaysLimits = { min: 1, max: 365 } as const;
export const dataUseTextLimits = {
  requesterName: { min: 2, max: 120 },
  organisation: { min: 2, max: 200 },
  purpose: { min: 20, max: 3000 },
} as const;

function text(limits: { min: number; max: number }) {
  return requiredText(limits.min, limits.max).refine(hasNoControlCharacters, problem('control_characters', {}, 'must not contain control characters'));
}

/** A request as the public form sends it. */
export const dataUseRequestSchema = z.object({
  requesterName: text(dataUseTextLimits.requesterName),
  organisation: text(dataUseTextLimits.organisation),
  email: emailSchema,
  // Paragraphs are welcome in a purpose; other control characters are not.
  purpose: requiredText(dataUseTextLimits.purpose.min, dataUseTextLimits.purpose.max).refine(
    (value) => !/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/.test(value),
    problem('control_characters', {}, 'must not contain control characters'),
  ),
  tables: z
    .array(z.enum(dataUseTableNames, { message: `one of ${dataUseTableNames.join(', ')}` }))
    .min(1, 'at least one table')
    .max(dataUseTableNames.length, `at most ${dataUseTableNames.length} tables`)
    .refine((tables) => new Set(tables).size === tables.length, problem('invalid', {}, 'each table once')),
  grouping: z.enum(dataUseGroupings, { message: `one of ${dataUseGroupings.join(', ')}` }),
  durationDays: z
    .number()
    .int('a whole number')
    .min(dataUseDurationDaysLimits.min, `at least ${dataUseDurationDaysLimits.min}`)
    .max(dataUseDurationDaysLimits.max, `at most ${dataUseDurationDaysLimits.max}`),
  locale: z.enum(['de', 'en']).default('de'),
});

export type DataUseRequestFields = z.input<typeof dataUseRequestSchema>;

/** The minimum group size the members may vote: below 5 a figure names almost a person. */
export const minimumGroupSizeLimits = { min: 5, max: 100 } as const;

/** The data policy: no published or granted figure describes fewer than this many members (k). */
export const dataPolicySchema = z
  .object({
    minimumGroupSize: z
      .number()
      .int('a whole number')
      .min(minimumGroupSizeLimits.min, `at least ${minimumGroupSizeLimits.min}`)
      .max(minimumGroupSizeLimits.max, `at most ${minimumGroupSizeLimits.max}`),
  })
  .strict();
