import { z } from 'zod';
import { problem } from '../shared/rules/field-problems';
import { passwordLengthMax } from '../shared/rules/password-rules';
import { hasNoControlCharacters } from '../shared/rules/text-rules';

export { emailSchema } from '../shared/rules/text-rules';

export const displayNameSchema = z
  .string()
  .trim()
  .min(2, 'at least 2 characters')
  .max(80, 'at most 80 characters')
  .refine(hasNoControlCharacters, problem('control_characters', {}, 'must not contain control characters'));

export const localeSchema = z.enum(['de', 'en']);

/** Any non-empty password up to the maximum; strength is judged separately for new passwords. */
export const passwordInputSchema = z.string().min(1, 'required').max(passwordLengthMax, `at most ${passwordLengthMax} characters`);

/** Login accepts any address shape that was ever registered, so only its length is checked. */
export const loginEmailSchema = z.string().trim().toLowerCase().min(1, 'required').max(254, 'at most 254 characters');
