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
  const [status] = await getPendingStatuses(context, [pendingId]);
  return status ?? null;
}

export const PENDING_STATUSES_MAXIMUM = 1000;

/**
 * The states of several holds in two reads, e.g. for a page of a statement. Ids that are no pending
 * transfer are left out; the result follows the order of the ids given.
 */
export async function getPendingStatuses(context: LedgerContext, pendingIds: readonly string[]): Promise<PendingStatus[]> {
  assertContract(pendingIds.length <= PENDING_STATUSES_MAXIMUM, `at most ${PENDING_STATUSES_MAXIMUM} pending ids`);
  const ids = [...new Set(pendingIds.map(normaliseId).filter((id): id is string => id !== null))];
  if (ids.length === 0) return [];
  const pendings = (await context.store.read.findTransfers(ids)).filter((transfer) => transfer.type === 'pending');
  if (pendings.length === 0) return [];
  const resolutions = new Map((await context.store.read.findResolutions(pendings.map((pending) => pending.id))).map((resolution) => [resolution.pendingId, resolution]));
  const byId = new Map(pendings.map((pending) => [pending.id, pending]));
  return ids.flatMap((id) => {
    const pending = byId.get(id);
    if (!pending) return [];
    const resolution = resolutions.get(id) ?? null;
    return [{ pending, state: stateOf(pending, resolution), resolution }];
  });
}

function stateOf(pending: Transfer, resolution: Transfer | null): PendingState {
  if (!resolution) return 'pending';
  if (resolution.type === 'post') return 'posted';
  return resolution.kind === EXPIRY_KIND && resolution.idempotencyKey === expiryIdempotencyKey(pending.id) ? 'expired' : 'voided';
}
