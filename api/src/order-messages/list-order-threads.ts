// The member's inbox: the threads of the orders they bought or sold, newest message first. One query
// finds a page with everything a row shows except the order itself; ordering by the newest message
// needs a per-order lookup, which the (orderId, createdAt, id) index of OrderMessage answers, so the
// lateral subqueries read one index entry per order, never whole threads.
import { Prisma } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import { decodeInboxCursor, encodeInboxCursor, inboxPageSize, inboxPageSizeMax } from '../inbox/inbox-cursor';
import { VISIBLE_ORDER_STATUSES } from '../orders/order-status';

export const threadPageSizeMax = inboxPageSizeMax;
/** Characters of the newest message a row shows, an ellipsis included when it is cut; the thread has the rest. */
export const threadExcerptLengthMax = 140;

export interface OrderThreadSummary {
  orderId: string;
  otherPartyName: string;
  lastMessageExcerpt: string;
  lastMessageAuthorId: string;
  lastMessageAt: Date;
  unreadCount: number;
  cursor: string;
}

export interface OrderThreadPage {
  threads: OrderThreadSummary[];
  hasNextPage: boolean;
}

type Row = {
  orderId: string;
  otherPartyName: string;
  excerpt: string;
  authorId: string;
  lastMessageAt: Date;
  unread: bigint;
};

/**
 * One page of the member's threads, ordered by the newest message's time and then the order id, so
 * a thread that gets a new message while the member pages moves to the top instead of appearing twice
 * further down. Orders without messages and orders of an unfinished checkout are not threads.
 */
export async function listOrderThreads(prisma: PrismaClient, memberId: string, page: { first?: number | null; after?: string | null }): Promise<OrderThreadPage> {
  const size = inboxPageSize(page.first);
  const after = page.after ? decodeInboxCursor(page.after) : null;
  const afterCondition = after
    ? Prisma.sql`AND (last."createdAt", o.id) < (${after.lastMessageAt}::timestamptz, ${after.id}::uuid)`
    : Prisma.empty;
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT o.id::text AS "orderId", other."displayName" AS "otherPartyName",
      CASE WHEN length(last.body) > ${threadExcerptLengthMax}::int THEN left(last.body, ${threadExcerptLengthMax - 1}::int) || '…' ELSE last.body END AS excerpt, last."authorId"::text AS "authorId", last."createdAt" AS "lastMessageAt",
      (SELECT count(*) FROM "OrderMessage" u
        WHERE u."orderId" = o.id AND u."authorId" <> ${memberId}::uuid AND (r."readAt" IS NULL OR u."createdAt" > r."readAt")) AS unread
    FROM "Order" o
    CROSS JOIN LATERAL (
      SELECT m.body, m."authorId", m."createdAt" FROM "OrderMessage" m
      WHERE m."orderId" = o.id ORDER BY m."createdAt" DESC, m.id DESC LIMIT 1
    ) last
    JOIN "Member" other ON other.id = CASE WHEN o."buyerId" = ${memberId}::uuid THEN o."producerId" ELSE o."buyerId" END
    LEFT JOIN "OrderMessageRead" r ON r."orderId" = o.id AND r."memberId" = ${memberId}::uuid
    WHERE (o."buyerId" = ${memberId}::uuid OR o."producerId" = ${memberId}::uuid)
      AND o.status::text = ANY(${VISIBLE_ORDER_STATUSES as string[]}::text[])
      ${afterCondition}
    ORDER BY last."createdAt" DESC, o.id DESC
    LIMIT ${size + 1}`;
  return {
    threads: rows.slice(0, size).map((row) => {
      const lastMessageAt = new Date(row.lastMessageAt);
      return {
        orderId: row.orderId,
        otherPartyName: row.otherPartyName,
        lastMessageExcerpt: row.excerpt,
        lastMessageAuthorId: row.authorId,
        lastMessageAt,
        unreadCount: Number(row.unread),
        cursor: encodeInboxCursor({ lastMessageAt: lastMessageAt.toISOString(), id: row.orderId }),
      };
    }),
    hasNextPage: rows.length > size,
  };
}
