// voidExpiredPendingTransfers: releases the holds whose expiry time has passed, by writing a void
// transfer (kind "expiry") for each. Meant to be run by a periodic job. The idempotency key is
// derived from the pending transfer, so overlapping runs and retries void each hold once.
import { EXPIRY_KIND } from '../domain/transfer';
import { type DecisionItem } from '../domain/decide-transfers';
import { type TransferResult } from '../domain/transfer-results';
import { type LedgerContext, assertContract } from './context';
import { decideAndWrite } from './create-transfers';

export const EXPIRY_BATCH_MAXIMUM = 1000;

export interface VoidExpiredResult {
  /** Holds voided by this run. */
  voided: number;
  /** Holds found expired but resolved meanwhile by another request (posted or voided). */
  alreadyResolved: number;
  /** Whether more expired holds may be left (the batch was full). */
  more: boolean;
}

export function expiryIdempotencyKey(pendingId: string): string {
  return `expiry:${pendingId}`;
}

export async function voidExpiredPendingTransfers(
  context: LedgerContext,
  now: Date = context.clock(),
  limit: number = EXPIRY_BATCH_MAXIMUM,
): Promise<VoidExpiredResult> {
  assertContract(Number.isInteger(limit) && limit >= 1 && limit <= EXPIRY_BATCH_MAXIMUM, `limit must be 1-${EXPIRY_BATCH_MAXIMUM}`);
  const ids = await context.store.read.findExpiredPendingIds(now, limit);
  const items: DecisionItem[] = ids.map((pendingId) => ({
    type: 'void',
    pendingId,
    idempotencyKey: expiryIdempotencyKey(pendingId),
    kind: EXPIRY_KIND,
    expiry: true,
  }));
  const results: TransferResult[] = await decideAndWrite(context, items);
  let voided = 0;
  let alreadyResolved = 0;
  for (const result of results) {
    if (result.ok && !result.alreadyExisted) voided += 1;
    else alreadyResolved += 1;
  }
  return { voided, alreadyResolved, more: ids.length === limit };
}
