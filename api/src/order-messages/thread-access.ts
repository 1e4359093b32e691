// Who may see an order's message thread. The buyer and the producer read and write it. Admins may read
// (never write) the thread of a disputed or resolved order, because the conversation is often the
// best record of what went wrong. Orders of an unfinished checkout have no thread.
import type { PrismaClient } from '../db/client';
import { OrderForbiddenError, OrderNotFoundError } from '../orders/errors';
import { VISIBLE_ORDER_STATUSES, type OrderStatus } from '../orders/order-status';

export type ThreadViewer = { id: string; roles: readonly string[] };
export type ThreadRole = 'buyer' | 'producer' | 'admin';

const adminReadableStatuses: readonly OrderStatus[] = ['disputed', 'resolved'];

export interface ThreadOrder {
  id: string;
  buyerId: string;
  producerId: string;
  status: OrderStatus;
}

/** The viewer's role in the thread, or null when they may not read it. */
export function threadRoleOf(order: ThreadOrder, viewer: ThreadViewer): ThreadRole | null {
  if (!VISIBLE_ORDER_STATUSES.includes(order.status)) return null;
  if (order.buyerId === viewer.id) return 'buyer';
  if (order.producerId === viewer.id) return 'producer';
  if (viewer.roles.includes('admin') && adminReadableStatuses.includes(order.status)) return 'admin';
  return null;
}

/** Loads the order for a party who writes to or marks its thread; others get a typed error. */
export async function loadOrderForParty(prisma: PrismaClient, orderId: string, viewer: ThreadViewer): Promise<ThreadOrder & { role: 'buyer' | 'producer' }> {
  const order = await prisma.order.findUnique({ where: { id: orderId }, select: { id: true, buyerId: true, producerId: true, status: true } });
  if (!order || !VISIBLE_ORDER_STATUSES.includes(order.status)) throw new OrderNotFoundError();
  const role = threadRoleOf(order, viewer);
  if (role !== 'buyer' && role !== 'producer') throw new OrderForbiddenError();
  return { ...order, role };
}
