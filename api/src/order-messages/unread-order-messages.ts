// Unread messages: those of the other party written after the member's read marker of the thread (all
// of them when there is no marker yet).
import type { PrismaClient } from '../db/client';
import { threadRoleOf, type ThreadOrder, type ThreadViewer } from './thread-access';

/** Unread messages per order of the given ones, for one of their parties. Orders without any are absent. */
export async function unreadCountsByOrder(prisma: PrismaClient, memberId: string, orderIds: readonly string[]): Promise<Map<string, number>> {
  if (orderIds.length === 0) return new Map();
  const rows = await prisma.$queryRaw<{ orderId: string; unread: bigint }[]>`
    SELECT m."orderId"::text AS "orderId", count(*) AS unread
    FROM "OrderMessage" m
    LEFT JOIN "OrderMessageRead" r ON r."orderId" = m."orderId" AND r."memberId" = ${memberId}::uuid
    WHERE m."orderId" = ANY(${orderIds as string[]}::uuid[]) AND m."authorId" <> ${memberId}::uuid
      AND (r."readAt" IS NULL OR m."createdAt" > r."readAt")
    GROUP BY m."orderId"`;
  return new Map(rows.map((row) => [row.orderId, Number(row.unread)]));
}

/** Unread messages over all orders the member bought or sold. */
export async function unreadOrderMessageCount(prisma: PrismaClient, memberId: string): Promise<number> {
  const [row] = await prisma.$queryRaw<{ unread: bigint }[]>`
    SELECT count(*) AS unread
    FROM "OrderMessage" m
    JOIN "Order" o ON o.id = m."orderId"
    LEFT JOIN "OrderMessageRead" r ON r."orderId" = m."orderId" AND r."memberId" = ${memberId}::uuid
    WHERE (o."buyerId" = ${memberId}::uuid OR o."producerId" = ${memberId}::uuid) AND m."authorId" <> ${memberId}::uuid
      AND (r."readAt" IS NULL OR m."createdAt" > r."readAt")`;
  return Number(row?.unread ?? 0);
}

/** Unread messages of one order's thread for the viewer: 0 for anyone but the order's parties. */
export async function unreadMessageCountOf(prisma: PrismaClient, viewer: ThreadViewer, order: ThreadOrder): Promise<number> {
  const role = threadRoleOf(order, viewer);
  if (role !== 'buyer' && role !== 'producer') return 0;
  return (await unreadCountsByOrder(prisma, viewer.id, [order.id])).get(order.id) ?? 0;
}
