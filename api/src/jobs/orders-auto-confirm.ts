// Confirms fulfilled orders the buyer left unconfirmed for the configured number of days
// (ORDER_AUTO_CONFIRM_DAYS). Confirming is idempotent per order, so overlapping runs pay out once.
import { autoConfirmOrders } from '../orders/auto-confirm-orders';
import { defineJob } from './definition';

export interface OrdersAutoConfirmPayload {
  afterDays: number;
}

export const ordersAutoConfirmEveryMs = 15 * 60_000;

export const ordersAutoConfirm = defineJob<OrdersAutoConfirmPayload>({
  name: 'orders-auto-confirm',
  attempts: 3,
  backoffMs: 30_000,
  timeoutMs: 5 * 60_000,
  async handle(payload, { prisma, ledger, logger }) {
    const result = await autoConfirmOrders({ prisma, ledger, logger }, { afterDays: payload.afterDays });
    if (result.confirmed > 0 || result.failed > 0) logger.info(result, 'confirmed fulfilled orders automatically');
  },
});
