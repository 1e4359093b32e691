// Which orders a member may look at: their own as buyer or producer, every one for admins (who
// resolve disputes), and never an order whose checkout did not finish.
import type { Prisma } from '../../../prisma/generated/client/client';
import { VISIBLE_ORDER_STATUSES } from './order-status';

export type OrderViewer = { id: string; roles: readonly string[] } | null;

export function visibleOrdersWhere(viewer: OrderViewer): Prisma.OrderWhereInput {
  if (!viewer) return { OR: [] };
  const parties = viewer.roles.includes('admin') ? {} : { OR: [{ buyerId: viewer.id }, { producerId: viewer.id }] };
  return { status: { in: VISIBLE_ORDER_STATUSES }, ...parties };
}
