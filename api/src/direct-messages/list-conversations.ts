// The member's conversations with other members, newest message first, a page at a time. One query
// finds a page with everything a row shows: the conversation's lastMessageAt orders it (an index per
// side of the pair answers it), and a lateral lookup on the (conversationId, createdAt, id) index of
// DirectMessage reads the newest message of each row only.
import { Prisma } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import { decodeInboxCursor, encodeInboxCursor, inboxPageSize } from '../inbox/inbox-cursor';
import { threadExcerptLengthMax } from '../order-messages/list-order-threads';

export interface ConversationSummary {
  conversationId: string;
  otherMemberId: string;
  otherMemberName: string;
  lastMessageExcerpt: string;
  lastMessageAuthorId: string;
  lastMessageAt: Date;
  unreadCount: number;
  cursor: string;
}

type Row = {
  conversationId: string;
  otherMemberId: string;
  otherMemberName: string;
  excerpt: string;
  authorId: string;
  lastMessageAt: Date;
  unread: bigint;
};

/** One page of the member's conversations, ordered by the newest message's time and then the id. */
export async function listConversations(
  prisma: PrismaClient,
  memberId: string,
  page: { first?: number | null; after?: string | null },
): Promise<{ conversations: ConversationSummary[]; hasNextPage: boolean }> {
  const size = inboxPageSize(page.first);
  const after = page.after ? decodeInboxCursor(page.after) : null;
  const afterCondition = after ? Prisma.sql`AND (c."lastMessageAt", c.id) < (${after.lastMessageAt}::timestamptz, ${after.id}::uuid)` : Prisma.empty;
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT c.id::text AS "conversationId", other.id::text AS "otherMemberId", other."displayName" AS "otherMemberName",
      CASE WHEN length(last.body) > ${threadExcerptLengthMax}::int THEN left(last.body, ${threadExcerptLengthMax - 1}::int) || '…' ELSE last.body END AS excerpt,
      last."authorId"::text AS "authorId", c."lastMessageAt" AS "lastMessageAt",
      (SELECT count(*) FROM "DirectMessage" u
        WHERE u."conversationId" = c.id AND u."authorId" <> ${memberId}::uuid AND (r."readAt" IS NULL OR u."createdAt" > r."readAt")) AS unread
    FROM "Conversation" c
    CROSS JOIN LATERAL (
      SELECT m.body, m."authorId" FROM "DirectMessage" m
      WHERE m."conversationId" = c.id ORDER BY m."createdAt" DESC, m.id DESC LIMIT 1
    ) last
    JOIN "Member" other ON other.id = CASE WHEN c."memberLowId" = ${memberId}::uuid THEN c."memberHighId" ELSE c."memberLowId" END
    LEFT JOIN "ConversationRead" r ON r."conversationId" = c.id AND r."memberId" = ${memberId}::uuid
    WHERE (c."memberLowId" = ${memberId}::uuid OR c."memberHighId" = ${memberId}::uuid)
      ${afterCondition}
    ORDER BY c."lastMessageAt" DESC, c.id DESC
    LIMIT ${size + 1}`;
  return {
    conversations: rows.slice(0, size).map((row) => {
      const lastMessageAt = new Date(row.lastMessageAt);
      return {
        conversationId: row.conversationId,
        otherMemberId: row.otherMemberId,
        otherMemberName: row.otherMemberName,
        lastMessageExcerpt: row.excerpt,
        lastMessageAuthorId: row.authorId,
        lastMessageAt,
        unreadCount: Number(row.unread),
        cursor: encodeInboxCursor({ lastMessageAt: lastMessageAt.toISOString(), id: row.conversationId }),
      };
    }),
    hasNextPage: rows.length > size,
  };
}

/** Unread messages over all of the member's conversations. */
export async function unreadDirectMessageCount(prisma: PrismaClient, memberId: string): Promise<number> {
  const [row] = await prisma.$queryRaw<{ unread: bigint }[]>`
    SELECT count(*) AS unread
    FROM "Conversation" c
    JOIN "DirectMessage" m ON m."conversationId" = c.id
    LEFT JOIN "ConversationRead" r ON r."conversationId" = c.id AND r."memberId" = ${memberId}::uuid
    WHERE (c."memberLowId" = ${memberId}::uuid OR c."memberHighId" = ${memberId}::uuid) AND m."authorId" <> ${memberId}::uuid
      AND (r."readAt" IS NULL OR m."createdAt" > r."readAt")`;
  return Number(row?.unread ?? 0);
}
