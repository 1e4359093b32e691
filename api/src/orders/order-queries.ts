// Reading orders with their items (the ledger keys of an order's steps are in order-money.ts).
import type { PrismaClient } from '../db/client';
import type { Prisma } from '../../../prisma/generated/client/client';

export type OrderWithItems = Prisma.OrderGetPayload<{ include: { items: true } }>;

export function loadOrders(prisma: PrismaClient, where: Prisma.OrderWhereInput): Promise<OrderWithItems[]> {
  return prisma.order.findMany({ where, include: { items: { orderBy: { title: 'asc' } } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
}
