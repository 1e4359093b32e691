// The closed list of reasons a transfer request can fail, in the order they are checked. A request
// gets the first code that applies; a code whose facts are missing is skipped (a post whose pending
// transfer does not exist cannot be checked against that transfer's scale).
//
// The order follows TigerBeetle's create_transfer results: chain problems, then the request on its
// own, then facts that never change (currencies, accounts, referenced transfers), then the
// idempotency key, then state that changes over time (closed periods and accounts, resolved holds,
// balances).
// The idempotency key is checked before any changing state on purpose: a retry must return the
// original transfer even when the account was closed or its balance moved since.
import { type Transfer } from './transfer';

export const TRANSFER_FAILURE_CODES = [
  /** Another item of the same linked chain failed. */
  'linked_event_failed',
  /** The batch ends with an item whose linked flag is set, so its chain never closes. */
  'linked_event_chain_open',
  /** Empty, longer than 128 characters, or containing control characters. */
  'idempotency_key_invalid',
  /** Not 1-40 characters of a-z, 0-9, "_", "-", ".", starting with a letter. */
  'kind_invalid',
  'memo_too_long',
  'reference_too_long',
  /** A pending transfer's timeout is not a whole number of seconds between 1 and 366 days. */
  'timeout_invalid',
  /** Not a finite decimal number. */
  'amount_invalid',
  /** Zero or negative. */
  'amount_must_be_positive',
  'currency_not_found',
  /** A post or void names no pending transfer. */
  'pending_not_found',
  /** A reversal names no transfer. */
  'reversal_target_not_found',
  /** A reversal names a pending, void or reversal transfer; only immediate and post transfers move
   * money that can be moved back. */
  'reversal_target_not_reversible',
  /** More digits after the decimal point than the currency's scale. */
  'amount_scale_exceeded',
  /** 10^15 or more. */
  'amount_too_large',
  'accounts_must_be_different',
  'account_not_found',
  /** An account is in another currency than the transfer. */
  'currency_mismatch',
  /** The key was used before for a transfer with other content. */
  'idempotency_key_reused',
  /** The transfer's time falls into a period an accountant closed: the books are closed up to its end. */
  'period_closed',
  'account_closed',
  'pending_already_posted',
  'pending_already_voided',
  /** The hold's expiry time has passed; only the expiry job resolves it now. */
  'pending_expired',
  'post_amount_exceeds_pending',
  'reversal_exceeds_remaining',
  /** The debit account would go further below zero than its credit limit (holds included). */
  'exceeds_credit_limit',
  /** The credit account would go above its maximum balance (incoming holds included). */
  'exceeds_maximum_balance',
] as const;

export type TransferFailureCode = (typeof TRANSFER_FAILURE_CODES)[number];

/**
 * Codes after which the very same request may succeed later, so a caller may retry it with the same
 * idempotency key: balances move, accounts and referenced transfers may be committed by a concurrent
 * request, and a linked chain may fail for a transient reason of another item. The other codes are
 * final for that request.
 */
const TRANSIENT_CODES: ReadonlySet<TransferFailureCode> = new Set<TransferFailureCode>([
  'linked_event_failed',
  'currency_not_found',
  'pending_not_found',
  'reversal_target_not_found',
  'account_not_found',
  'exceeds_credit_limit',
  'exceeds_maximum_balance',
]);

export function isTransientFailure(code: TransferFailureCode): boolean {
  return TRANSIENT_CODES.has(code);
}

/** Position of a code in the documented check order (0 is checked first). */
export function failureCodeRank(code: TransferFailureCode): number {
  return TRANSFER_FAILURE_CODES.indexOf(code);
}

/**
 * The result of one request: the transfer (new, or the one that already existed under the same
 * idempotency key with the same content), or the failure code.
 */
export type TransferResult =
  | { ok: true; transfer: Transfer; alreadyExisted: boolean }
  | { ok: false; code: TransferFailureCode };
