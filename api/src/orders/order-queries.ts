// Reading orders and the ledger keys that belong to them. Every ledger transfer of an order has a
// key derived from the order id and the step, so a repeated step can never write a second transfer.
import type { PrismaClient } from '../db/client';
import type { Prisma } from '../../../prisma/generated/client/client';

export type OrderWithItems = Prisma.OrderGetPayload<{ include: { items: true } }>;

export function holdKey(orderId: string): string {
  return `order:${orderId}:hold`;
}

export function orderStepKey(orderId: string, step: string): string {
  return `order:${orderId}:${step}`;
}

export function loadOrders(prisma: PrismaClient, where: Prisma.OrderWhereInput): Promise<OrderWithItems[]> {
  return prisma.order.findMany({ where, include: { items: { orderBy: { title: 'asc' } } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
}
