// Undoes orders an earlier checkout left in `placing` (see orders/abandoned-checkouts.ts). Each order
// is undone in one transaction that checks its state under the row lock, so overlapping runs undo it
// once.
import { undoAbandonedCheckouts } from '../orders/abandoned-checkouts';
import { defineJob } from './definition';

export type OrdersUndoAbandonedCheckoutsPayload = Record<string, never>;

export const ordersUndoAbandonedCheckoutsEveryMs = 15 * 60_000;

export const ordersUndoAbandonedCheckouts = defineJob<OrdersUndoAbandonedCheckoutsPayload>({
  name: 'orders-undo-abandoned-checkouts',
  attempts: 3,
  backoffMs: 30_000,
  timeoutMs: 5 * 60_000,
  async handle(_payload, { prisma, ledger, logger }) {
    const { undone } = await undoAbandonedCheckouts({ prisma, ledger });
    if (undone > 0) logger.info({ undone }, 'undid checkouts an earlier version left unfinished');
  },
});
