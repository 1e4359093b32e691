// Input checks every use case shares: parsing with zod into a ValidationError, amounts, idempotency
// keys and page sizes. Feature-specific schemas stay with their feature; the rules the web app's
// forms check too live in ./rules.
import { z } from 'zod';
import { ValidationError } from '../errors';
import { amountProblemMessage, amountProblemOf } from './rules/amount-rules';
import { fieldProblemsOf } from './rules/field-problems';

export { amountSchema } from './rules/amount-rules';

/** Parses input with a zod schema; failures become a ValidationError naming each field's problem. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(fieldProblemsOf(result.error.issues, input));
}

/** The first problem of an amount text in English, or null (see amountProblemOf). */
export function amountProblem(value: string): string | null {
  const problem = amountProblemOf(value);
  return problem ? amountProblemMessage(value, problem) : null;
}

export const idempotencyKeyLengthMaximum = 64;

/** A client's key for a request that it may retry; the same key returns the first result. */
export const idempotencyKeySchema = z
  .string()
  .min(8, 'at least 8 characters')
  .max(idempotencyKeyLengthMaximum, `at most ${idempotencyKeyLengthMaximum} characters`)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'only letters, digits, "_", ".", ":" and "-"');

/** Page sizes of every list: the default when a client asks for none, and the most it may ask for. */
export const pageSizeDefault = 20;
export const pageSizeMax = 50;
