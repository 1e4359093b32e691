import { z } from 'zod';
import { passwordLengthMax } from './password';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'at most 254 characters')
  .pipe(z.email({ message: 'not a valid e-mail address' }));

export const displayNameSchema = z
  .string()
  .trim()
  .min(2, 'at least 2 characters')
  .max(80, 'at most 80 characters')
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'must not contain control characters');

export const localeSchema = z.enum(['de', 'en']);

/** Any non-empty password up to the maximum; strength is judged separately for new passwords. */
export const passwordInputSchema = z.string().min(1, 'required').max(passwordLengthMax, `at most ${passwordLengthMax} characters`);

/** Login accepts any address shape that was ever registered, so only its length is checked. */
export const loginEmailSchema = z.string().trim().toLowerCase().min(1, 'required').max(254, 'at most 254 characters');
