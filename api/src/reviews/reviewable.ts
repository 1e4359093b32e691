import type { OrderStatus } from '../orders/order-status';

export interface SettledOrder {
  status: OrderStatus;
  producerAmount: { greaterThan(value: number): boolean } | null;
  contributionAmount: { greaterThan(value: number): boolean } | null;
}

/**
 * A buyer may review an order once the producer was paid for it: when it is confirmed (by the
 * buyer or by the auto-confirm job), or when an admin resolved its dispute by paying the producer
 * all or part of the total. A dispute resolved with a full refund paid nothing for the goods, so
 * there is no sale to rate.
 */
export function isReviewable(order: SettledOrder): boolean {
  if (order.status === 'confirmed') return true;
  if (order.status !== 'resolved') return false;
  // Decimal's isPositive() is true for zero too, hence the explicit comparison.
  return Boolean(order.producerAmount?.greaterThan(0) || order.contributionAmount?.greaterThan(0));
}
