// Expected failures of sending credits. Each is a typed result in GraphQL (see schema/wallet.ts),
// so the web app branches on __typename; amounts are decimal strings at the currency's scale.
import { type TransferFailureCode } from '@allmende/ledger';
import { AppError } from '../errors';

export class InsufficientCreditError extends AppError {
  readonly code = 'exceeds_credit_limit';
  constructor(readonly available: string) {
    super(`Not enough credit: at most ${available} can be sent now.`);
    this.name = 'InsufficientCreditError';
  }
}

export class RecipientNotFoundError extends AppError {
  readonly code = 'recipient_not_found';
  constructor() {
    super('There is no other member with this id.');
    this.name = 'RecipientNotFoundError';
  }
}

export class RecipientLimitReachedError extends AppError {
  readonly code = 'exceeds_maximum_balance';
  constructor() {
    super('The recipient cannot receive this amount: it would exceed their maximum balance.');
    this.name = 'RecipientLimitReachedError';
  }
}

export class IdempotencyKeyReusedError extends AppError {
  readonly code = 'idempotency_key_reused';
  constructor() {
    super('This idempotency key was already used for a different transfer.');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** Any other reason the ledger refused the transfer; `code` is the ledger's failure code. */
export class TransferRejectedError extends AppError {
  constructor(readonly code: TransferFailureCode) {
    super(`The transfer was refused: ${code}.`);
    this.name = 'TransferRejectedError';
  }
}
