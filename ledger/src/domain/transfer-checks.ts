// Checks of a transfer request that need nothing but the request itself, and the comparison that
// decides whether a stored transfer is "the same request" for idempotency.
import { isUuid } from './account-requests';
import { type Decimal, parseAmount } from './money';
import { type TransferFailureCode } from './transfer-results';
import {
  IDEMPOTENCY_KEY_LENGTH_MAXIMUM,
  KIND_LENGTH_MAXIMUM,
  MEMO_LENGTH_MAXIMUM,
  REFERENCE_LENGTH_MAXIMUM,
  TIMEOUT_SECONDS_MAXIMUM,
  type Transfer,
  type TransferRequest,
} from './transfer';

const kindPattern = new RegExp(`^[a-z][a-z0-9_.-]{0,${KIND_LENGTH_MAXIMUM - 1}}$`);
const controlCharacters = /[\u0000-\u001f\u007f]/;

export function isIdempotencyKey(key: unknown): key is string {
  return (
    typeof key === 'string' &&
    key.length >= 1 &&
    key.length <= IDEMPOTENCY_KEY_LENGTH_MAXIMUM &&
    key.trim() === key &&
    !controlCharacters.test(key)
  );
}

export function isKind(kind: unknown): kind is string {
  return typeof kind === 'string' && kindPattern.test(kind);
}

/** The request's amount, parsed, when it has one (post and reversal may leave it out). */
export type ParsedAmount = { given: false } | { given: true; value: Decimal } | { given: true; value: null };

export function requestAmount(request: TransferRequest): ParsedAmount {
  if (request.type === 'void') return { given: false };
  if ((request.type === 'post' || request.type === 'reversal') && request.amount === undefined) return { given: false };
  return { given: true, value: parseAmount(request.amount as NonNullable<typeof request.amount>) };
}

/**
 * Checks that use only the request, in the documented order up to amount_must_be_positive, and
 * returns the parsed amount (null when the request leaves it out). Ids that are not UUIDs are left
 * to the existence checks, which report them as not found.
 */
export function checkRequestShape(request: TransferRequest): TransferFailureCode | { amount: Decimal | null } {
  if (!isIdempotencyKey(request.idempotencyKey)) return 'idempotency_key_invalid';
  if (request.kind !== undefined && !isKind(request.kind)) return 'kind_invalid';
  if (request.memo !== undefined && (typeof request.memo !== 'string' || request.memo.length > MEMO_LENGTH_MAXIMUM)) {
    return 'memo_too_long';
  }
  const reference = request.reference ?? null;
  if (reference !== null && (typeof reference !== 'string' || reference.length > REFERENCE_LENGTH_MAXIMUM)) {
    return 'reference_too_long';
  }
  if (request.type === 'pending' && request.timeoutSeconds !== undefined && request.timeoutSeconds !== null) {
    const timeout = request.timeoutSeconds;
    if (!Number.isInteger(timeout) || timeout < 1 || timeout > TIMEOUT_SECONDS_MAXIMUM) return 'timeout_invalid';
  }
  const amount = requestAmount(request);
  if (!amount.given) return { amount: null };
  if (amount.value === null) return 'amount_invalid';
  if (!amount.value.greaterThan(0)) return 'amount_must_be_positive';
  return { amount: amount.value };
}

/** Lower-cases a UUID so that map lookups match what the database returns; null if not a UUID. */
export function normaliseId(id: unknown): string | null {
  return isUuid(id) ? id.toLowerCase() : null;
}

/**
 * Whether a stored transfer is what this request would create. Optional fields that were left out
 * compare with what leaving them out produces (`defaults`), so a retry sent exactly like the first
 * request always matches.
 */
export function sameRequest(
  request: TransferRequest,
  stored: Omit<Transfer, 'sequence'>,
  defaults: { kind: string; amount: Decimal | null },
): boolean {
  if (stored.type !== request.type) return false;
  if (stored.memo !== (request.memo ?? '')) return false;
  if (stored.reference !== (request.reference ?? null)) return false;
  if (stored.kind !== (request.kind ?? defaults.kind)) return false;
  const amount = requestAmount(request);
  const expectedAmount = amount.given ? amount.value : defaults.amount;
  if (expectedAmount !== null && !stored.amount.eq(expectedAmount)) return false;
  switch (request.type) {
    case 'immediate':
    case 'pending':
      return (
        stored.debitAccountId === normaliseId(request.debitAccountId) &&
        stored.creditAccountId === normaliseId(request.creditAccountId) &&
        stored.currency === request.currency &&
        stored.timeoutSeconds === (request.type === 'pending' ? (request.timeoutSeconds ?? null) : null)
      );
    case 'post':
    case 'void':
      return stored.pendingId === normaliseId(request.pendingId);
    case 'reversal':
      return stored.reversalOfId === normaliseId(request.transferId);
  }
}
