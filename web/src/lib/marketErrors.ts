// Messages for the typed error results of marketplace mutations, by their stable codes.
import { fieldName } from '@/lib/errorMessages';

const marketErrorCodes = [
  'validation_failed',
  'not_found',
  'not_owner',
  'invalid_status_transition',
  'need_closed',
  'already_answered',
  'offer_not_active',
] as const;

export type MarketErrorKey = `market.errors.${(typeof marketErrorCodes)[number] | 'unknown'}`;

export function marketErrorKey(code: string): MarketErrorKey {
  return (marketErrorCodes as readonly string[]).includes(code) ? (`market.errors.${code}` as MarketErrorKey) : 'market.errors.unknown';
}

/** Field errors of a ValidationError result, keyed by the form field they belong to. */
export function fieldErrorMap(fieldErrors: { field: string; message: string }[]): Record<string, string> {
  return Object.fromEntries(fieldErrors.map((error) => [fieldName(error.field), error.message]));
}
