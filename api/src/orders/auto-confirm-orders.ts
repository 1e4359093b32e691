// Confirms fulfilled orders whose buyer neither confirmed nor disputed them within the configured
// number of days, so producers are paid even when a buyer forgets.
import type { Logger } from 'pino';
import { confirmOrder } from './order-lifecycle';
import type { OrderServices } from './order-money';

export const autoConfirmBatchMaximum = 200;

export async function autoConfirmOrders(
  services: OrderServices & { logger?: Pick<Logger, 'warn'> },
  options: { afterDays: number; now?: Date },
): Promise<{ confirmed: number; failed: number }> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.afterDays * 24 * 60 * 60 * 1000);
  const due = await services.prisma.order.findMany({
    where: { status: 'fulfilled', fulfilledAt: { lte: cutoff } },
    select: { id: true },
    orderBy: { fulfilledAt: 'asc' },
    take: autoConfirmBatchMaximum,
  });
  let confirmed = 0;
  let failed = 0;
  for (const { id } of due) {
    try {
      await confirmOrder(services, 'system', id);
      confirmed += 1;
    } catch (error) {
      // One order the ledger refuses must not hold up the others; it is tried again next run.
      failed += 1;
      services.logger?.warn({ err: error, orderId: id }, 'An order could not be confirmed automatically');
    }
  }
  return { confirmed, failed };
}
