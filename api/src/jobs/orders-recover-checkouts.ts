// Undoes or finishes checkouts that stopped between reserving stock and recording the holds, so
// reserved stock never stays locked away by a request that ended halfway.
import { recoverStaleCheckouts } from '../orders/checkout';
import { defineJob } from './definition';

export type OrdersRecoverCheckoutsPayload = Record<string, never>;

export const ordersRecoverCheckoutsEveryMs = 60_000;

export const ordersRecoverCheckouts = defineJob<OrdersRecoverCheckoutsPayload>({
  name: 'orders-recover-checkouts',
  attempts: 3,
  backoffMs: 10_000,
  timeoutMs: 2 * 60_000,
  async handle(_payload, { prisma, ledger, logger }) {
    const result = await recoverStaleCheckouts({ prisma, ledger });
    if (result.placed > 0 || result.failed > 0) logger.info(result, 'finished stale checkouts');
  },
});
