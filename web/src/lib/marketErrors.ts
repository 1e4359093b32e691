// Messages for the typed error results of marketplace mutations, by their stable codes.
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
