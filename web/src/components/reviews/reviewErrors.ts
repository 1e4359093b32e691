// Message keys for typed review errors, chosen by code.
const knownCodes = ['already_reviewed', 'invalid_order_status', 'order_forbidden', 'order_not_found', 'review_not_found', 'review_already_answered'] as const;

export function reviewErrorKey(code: string | undefined): string {
  return (knownCodes as readonly string[]).includes(code ?? '') ? `reviews.errors.${code}` : 'reviews.errors.other';
}
