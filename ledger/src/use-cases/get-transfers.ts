// Transfer reads: by id, by idempotency key, the journal in sequence order, and the state of a hold.
import { EXPIRY_KIND, type PendingState, type Transfer } from '../domain/transfer';
import { normaliseId } from '../domain/transfer-checks';
import { type LedgerContext, assertContract } from './context';
import { expiryIdempotencyKey } from './void-expired-pending-transfers';

export const JOURNAL_PAGE_MAXIMUM = 10_000;

export async function getTransfer(context: LedgerContext, id: string): Promise<Transfer | null> {
  const normalised = normaliseId(id);
  if (normalised === null) return null;
  return (await context.store.read.findTransfers([normalised]))[0] ?? null;
}

export function findTransferByIdempotencyKey(context: LedgerContext, key: string): Promise<Transfer | null> {
  return context.store.read.findTransferByIdempotencyKey(key);
}

/** The journal: all transfers in sequence order, after `afterSequence` (0 for the start). */
export function listTransfers(context: LedgerContext, query: { afterSequence?: bigint; limit?: number }): Promise<Transfer[]> {
  const limit = query.limit ?? 1000;
  assertContract(Number.isInteger(limit) && limit >= 1 && limit <= JOURNAL_PAGE_MAXIMUM, `limit must be 1-${JOURNAL_PAGE_MAXIMUM}`);
  return context.store.read.listTransfers({ afterSequence: query.afterSequence ?? 0n, limit });
}

export interface PendingStatus {
  pending: Transfer;
  state: PendingState;
  /** The post or void transfer that resolved it. */
  resolution: Transfer | null;
}

/** The state of a hold (see the state machine in domain/transfer.ts); null if no such pending transfer. */
export async function getPendingStatus(context: LedgerContext, pendingId: string): Promise<PendingStatus | null> {
  const pending = await getTransfer(context, pendingId);
  if (!pending || pending.type !== 'pending') return null;
  const [resolution] = await context.store.read.findResolutions([pending.id]);
  if (!resolution) return { pending, state: 'pending', resolution: null };
  const state: PendingState = resolution.type === 'post' ? 'posted' : resolution.kind === EXPIRY_KIND && resolution.idempotencyKey === expiryIdempotencyKey(pending.id) ? 'expired' : 'voided';
  return { pending, state, resolution };
}
