// Typed results of sendCredits. The common failures have their own types so the web app can show
// what to do; every other refusal of the ledger is a TransferRejectedError with the ledger's code.
import { TRANSFER_FAILURE_CODES } from '@allmende/ledger';
import { builder } from '../builder';
import { IdempotencyKeyReusedError, InsufficientCreditError, RecipientLimitReachedError, RecipientNotFoundError, TransferRejectedError } from '../wallet/errors';
import { ErrorInterface } from './errors';

export const TransferFailureCodeEnum = builder.enumType('TransferFailureCode', {
  description: "The ledger's reasons for refusing a transfer.",
  values: TRANSFER_FAILURE_CODES,
});

builder.objectType(InsufficientCreditError, {
  name: 'InsufficientCreditError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InsufficientCreditError,
  fields: (t) => ({
    available: t.field({ type: 'Decimal', description: 'What the sender can send now.', resolve: (error) => error.available }),
  }),
});

builder.objectType(RecipientNotFoundError, {
  name: 'RecipientNotFoundError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof RecipientNotFoundError,
});

builder.objectType(RecipientLimitReachedError, {
  name: 'RecipientLimitReachedError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof RecipientLimitReachedError,
});

builder.objectType(IdempotencyKeyReusedError, {
  name: 'IdempotencyKeyReusedError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof IdempotencyKeyReusedError,
});

builder.objectType(TransferRejectedError, {
  name: 'TransferRejectedError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof TransferRejectedError,
  fields: (t) => ({
    reason: t.field({ type: TransferFailureCodeEnum, description: 'The same as code, as an enum.', resolve: (error) => error.code }),
  }),
});
