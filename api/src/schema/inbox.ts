// The one inbox: order threads and conversations with other members, newest message first.
import { queryFromInfo } from '@pothos/plugin-prisma';
import { GraphQLError } from 'graphql';
import { builder } from '../builder';
import { ValidationError } from '../errors';
import { inboxPageSizeMax } from '../inbox/inbox-cursor';
import { listInbox, type InboxEntry } from '../inbox/list-inbox';
import type { Member, Order } from '../../../prisma/generated/client/client';
import { memberOf } from './global-id';
import { MemberType } from './member';
import { OrderType } from './order';
import { ThreadLastMessageType } from './order-thread';

type InboxEntryShape = InboxEntry & { memberId: string; order: Order | null; otherMember: Member | null };

const InboxEntryKindEnum = builder.enumType('InboxEntryKind', {
  description: 'order: the thread of an order the member bought or sold; conversation: a conversation with another member.',
  values: ['order', 'conversation'] as const,
});

const InboxEntryType = builder.objectRef<InboxEntryShape>('InboxEntry').implement({
  description: 'One row of the inbox: an order thread or a conversation.',
  fields: (t) => ({
    kind: t.field({ type: InboxEntryKindEnum, resolve: (entry) => entry.kind }),
    otherPartyName: t.string({
      description: 'The display name of the other party: the buyer or producer of the order, or the other member of the conversation.',
      resolve: (entry) => (entry.kind === 'order' ? entry.otherPartyName : entry.otherMemberName),
    }),
    order: t.field({ type: OrderType, nullable: true, description: 'The order, for an order thread.', resolve: (entry) => entry.order }),
    otherMember: t.field({ type: MemberType, nullable: true, description: 'The other member, for a conversation.', resolve: (entry) => entry.otherMember }),
    lastMessage: t.field({ type: ThreadLastMessageType, resolve: (entry) => ({ ...entry, memberId: entry.memberId }) }),
    unreadCount: t.exposeInt('unreadCount', { description: 'Messages of the other party the member has not read.' }),
  }),
});

builder.queryField('inbox', (t) =>
  t.connection({
    type: InboxEntryType,
    description: `The logged-in member's order threads and conversations, newest message first (at most ${inboxPageSizeMax} a page).`,
    authScopes: { member: true },
    resolve: async (_root, args, context, info) => {
      const member = memberOf(context);
      let page;
      try {
        page = await listInbox(context.prisma, member.id, { first: args.first, after: args.after });
      } catch (error) {
        // A bad page size or cursor is the caller's input: say so instead of masking it.
        if (error instanceof ValidationError) throw new GraphQLError(error.message, { extensions: { code: error.code, fieldErrors: error.fieldErrors } });
        throw error;
      }
      const orderIds = page.entries.flatMap((entry) => (entry.kind === 'order' ? [entry.orderId] : []));
      const memberIds = page.entries.flatMap((entry) => (entry.kind === 'conversation' ? [entry.otherMemberId] : []));
      const [orders, members] = await Promise.all([
        orderIds.length ? context.prisma.order.findMany({ ...queryFromInfo({ context, info, path: ['edges', 'node', 'order'] }), where: { id: { in: orderIds } } }) : [],
        memberIds.length ? context.prisma.member.findMany({ ...queryFromInfo({ context, info, path: ['edges', 'node', 'otherMember'] }), where: { id: { in: memberIds } } }) : [],
      ]);
      const ordersById = new Map(orders.map((order) => [order.id, order]));
      const membersById = new Map(members.map((other) => [other.id, other]));
      const edges = page.entries.flatMap((entry) => {
        const order = entry.kind === 'order' ? ordersById.get(entry.orderId) : null;
        const otherMember = entry.kind === 'conversation' ? membersById.get(entry.otherMemberId) : null;
        if (order === undefined || otherMember === undefined) return [];
        return [{ cursor: entry.cursor, node: { ...entry, memberId: member.id, order, otherMember } }];
      });
      return {
        edges,
        pageInfo: {
          hasNextPage: page.hasNextPage,
          hasPreviousPage: Boolean(args.after),
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
      };
    },
  }),
);
