// Input checks every use case shares: parsing with zod into a ValidationError, amounts, idempotency
// keys and page sizes. Feature-specific schemas stay with their feature.
import { AMOUNT_INTEGER_DIGITS_MAXIMUM } from '@allmende/ledger';
import { z } from 'zod';
import { ValidationError } from '../errors';
import { cooperativeCurrency } from '../wallet/cooperative-currency';

/** Parses input with a zod schema; failures become a ValidationError naming each field. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || 'input', message: issue.message })),
  );
}

/** The first problem of an amount text, or null. Checked in this order so only one is reported. */
export function amountProblem(value: string): string | null {
  if (!/^-?\d+(\.\d+)?$/.test(value)) return 'must be a number like 12.50';
  if (value.startsWith('-')) return 'must be positive';
  const [integer = '', fraction = ''] = value.split('.');
  if (fraction.length > cooperativeCurrency.scale) return `at most ${cooperativeCurrency.scale} decimal places`;
  if (integer.replace(/^0+/, '').length > AMOUNT_INTEGER_DIGITS_MAXIMUM) return `must be less than 10^${AMOUNT_INTEGER_DIGITS_MAXIMUM}`;
  if (!/[1-9]/.test(value)) return 'must be more than zero';
  return null;
}

/** A positive amount of the cooperative's currency, as text. */
export const amountSchema = z
  .string()
  .trim()
  .superRefine((value, context) => {
    const problem = amountProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

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
