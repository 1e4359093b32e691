// Transfers: the only way money moves. A transfer has exactly one debit account and one credit
// account and one positive amount in one currency, so it is balanced by construction (debits equal
// credits). Transfers are never changed or deleted; a correction is a new transfer.
//
// Types:
// - immediate: moves the amount now (posted debit on one account, posted credit on the other).
// - pending:   a hold. The amount counts against the debit account's available balance and
//              towards the credit account's maximum balance, but is not yet posted.
// - post:      resolves a pending transfer by posting all of it or a part; the rest is released.
// - void:      resolves a pending transfer by releasing all of it (manually or on expiry).
// - reversal:  moves up to the remaining amount of an immediate or post transfer back, from its
//              credit account to its debit account; several partial reversals may follow each other.
//
// State machine of a pending transfer. The state is never stored on the pending row (transfers are
// immutable); it follows from the post or void transfer that references it, of which the database
// allows at most one:
//
//            post (amount <= held amount, before expiry)
//          ┌──────────────────────────────────────────────▶ posted   (final)
//   pending┤
//          │  void (before expiry)
//          ├──────────────────────────────────────────────▶ voided   (final)
//          │  expiry job: void with kind "expiry" (at or after expiresAt)
//          └──────────────────────────────────────────────▶ expired  (final; a void transfer)
//
// Once expiresAt has passed, a post or a manual void fails with pending_expired; only the expiry
// job's void resolves it. Posted, voided and expired are final: a second post or void fails with
// pending_already_posted or pending_already_voided.
import { type AmountInput, type Decimal } from './money';

export const TRANSFER_TYPES = ['immediate', 'pending', 'post', 'void', 'reversal'] as const;
export type TransferType = (typeof TRANSFER_TYPES)[number];

/** The state of a pending transfer, derived from its resolution (see the state machine above). */
export type PendingState = 'pending' | 'posted' | 'voided' | 'expired';

/** Kind given to the void transfers written by the expiry job. */
export const EXPIRY_KIND = 'expiry';

export interface Transfer {
  id: string;
  /** Position in the ledger's global order of insertion. */
  sequence: bigint;
  idempotencyKey: string;
  type: TransferType;
  debitAccountId: string;
  creditAccountId: string;
  currency: string;
  /** For post: the amount posted. For void: the amount released (the whole hold). */
  amount: Decimal;
  /** For post and void: the pending transfer they resolve. */
  pendingId: string | null;
  /** For reversals: the transfer they reverse. */
  reversalOfId: string | null;
  /** For pending transfers: seconds until expiry (null: never) and the instant it expires. */
  timeoutSeconds: number | null;
  expiresAt: Date | null;
  /** What the transfer is for, e.g. "payment", "contribution", "escrow", "surplus". */
  kind: string;
  memo: string;
  /** A caller's reference, e.g. an order id. */
  reference: string | null;
  createdAt: Date;
}

interface RequestCommon {
  /** Chosen by the caller; retrying with the same key and content returns the first result. */
  idempotencyKey: string;
  memo?: string;
  reference?: string | null;
}

export interface ImmediateTransferRequest extends RequestCommon {
  type: 'immediate';
  debitAccountId: string;
  creditAccountId: string;
  currency: string;
  amount: AmountInput;
  kind: string;
}

export interface PendingTransferRequest extends RequestCommon {
  type: 'pending';
  debitAccountId: string;
  creditAccountId: string;
  currency: string;
  amount: AmountInput;
  kind: string;
  /** Seconds until the hold expires (a whole number, at most a year); omitted: it never expires. */
  timeoutSeconds?: number | null;
}

export interface PostTransferRequest extends RequestCommon {
  type: 'post';
  pendingId: string;
  /** Omitted: the whole held amount. */
  amount?: AmountInput;
  /** Omitted: the pending transfer's kind. */
  kind?: string;
}

export interface VoidTransferRequest extends RequestCommon {
  type: 'void';
  pendingId: string;
  /** Omitted: the pending transfer's kind. */
  kind?: string;
}

export interface ReversalTransferRequest extends RequestCommon {
  type: 'reversal';
  /** The immediate or post transfer to reverse. */
  transferId: string;
  /** Omitted: everything not yet reversed. */
  amount?: AmountInput;
  /** Omitted: "reversal". */
  kind?: string;
}

export type TransferRequest =
  | ImmediateTransferRequest
  | PendingTransferRequest
  | PostTransferRequest
  | VoidTransferRequest
  | ReversalTransferRequest;

/** An item of a batch. `linked: true` chains it with the next item: a chain succeeds or fails whole. */
export type TransferBatchItem = TransferRequest & { linked?: boolean };

export const REVERSAL_KIND_DEFAULT = 'reversal';
export const IDEMPOTENCY_KEY_LENGTH_MAXIMUM = 128;
export const KIND_LENGTH_MAXIMUM = 40;
export const MEMO_LENGTH_MAXIMUM = 500;
export const REFERENCE_LENGTH_MAXIMUM = 200;
export const TIMEOUT_SECONDS_MAXIMUM = 366 * 24 * 60 * 60;
/** Most items one createTransfers call accepts. */
export const BATCH_SIZE_MAXIMUM = 8190;
