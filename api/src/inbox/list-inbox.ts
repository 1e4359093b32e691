// The member's one inbox: the threads of their orders and their conversations with other members,
// newest message first. Both lists are ordered by (newest message time, id) and page with the same
// cursor, so a page of the inbox is the first entries of a page of each, merged.
import type { PrismaClient } from '../db/client';
import { listConversations, type ConversationSummary } from '../direct-messages/list-conversations';
import { listOrderThreads, type OrderThreadSummary } from '../order-messages/list-order-threads';
import { inboxPageSize } from './inbox-cursor';

export type InboxEntry = ({ kind: 'order' } & OrderThreadSummary) | ({ kind: 'conversation' } & ConversationSummary);

function idOf(entry: InboxEntry): string {
  return entry.kind === 'order' ? entry.orderId : entry.conversationId;
}

/** Newest first; ties by the larger id first, as PostgreSQL orders uuids (bytewise, as their lower-case text). */
function newerFirst(a: InboxEntry, b: InboxEntry): number {
  const byTime = b.lastMessageAt.getTime() - a.lastMessageAt.getTime();
  if (byTime !== 0) return byTime;
  return idOf(a) < idOf(b) ? 1 : idOf(a) > idOf(b) ? -1 : 0;
}

export async function listInbox(prisma: PrismaClient, memberId: string, page: { first?: number | null; after?: string | null }): Promise<{ entries: InboxEntry[]; hasNextPage: boolean }> {
  const size = inboxPageSize(page.first);
  const threads = await listOrderThreads(prisma, memberId, { first: size, after: page.after });
  const conversations = await listConversations(prisma, memberId, { first: size, after: page.after });
  const merged = [
    ...threads.threads.map((thread) => ({ kind: 'order' as const, ...thread })),
    ...conversations.conversations.map((conversation) => ({ kind: 'conversation' as const, ...conversation })),
  ].sort(newerFirst);
  return { entries: merged.slice(0, size), hasNextPage: merged.length > size || threads.hasNextPage || conversations.hasNextPage };
}
