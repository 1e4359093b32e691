// Text fields every form shares: required and optional text with length limits, postcodes,
// e-mail addresses, dates ahead. Imports nothing but zod, for the API and the web app alike.
import { z } from 'zod';
import { problem } from './field-problems';

/** Optional text: trimmed, null and absent become "". */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .nullish()
    .transform((value) => value ?? '');
}

export function requiredText(min: number, max: number) {
  return z.string().trim().min(min, `at least ${min} characters`).max(max, `at most ${max} characters`);
}

export function hasNoControlCharacters(text: string): boolean {
  return !/[\u0000-\u001f\u007f]/.test(text);
}

export const postcodePattern = /^\d{5}$/;

/** A German postcode: five digits. */
export const postcodeSchema = z
  .string()
  .trim()
  .refine((postcode) => postcodePattern.test(postcode), problem('invalid_postcode', {}, 'five digits'));

export const emailLengthMax = 254;

/** An e-mail address, trimmed and lower-cased. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(emailLengthMax, `at most ${emailLengthMax} characters`)
  .pipe(z.email({ message: 'not a valid e-mail address' }));

/** An optional e-mail address: "" when none. */
export const optionalEmailSchema = z
  .string()
  .trim()
  .max(emailLengthMax, `at most ${emailLengthMax} characters`)
  .refine((email) => email === '' || z.email().safeParse(email).success, problem('invalid_email', {}, 'not a valid e-mail address'))
  .nullish()
  .transform((email) => email ?? '');

const dayMs = 86_400_000;

/** An instant after now and at most `daysMax` days ahead. */
export function dateAheadSchema(daysMax: number) {
  return z
    .date()
    .refine((date) => date.getTime() > Date.now(), problem('not_in_future', {}, 'must be in the future'))
    .refine((date) => date.getTime() <= Date.now() + daysMax * dayMs, problem('too_far_ahead', { days: daysMax }, `at most ${daysMax} days ahead`));
}
