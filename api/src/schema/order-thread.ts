// The inbox: one row per order thread of the logged-in member, newest message first.
import { queryFromInfo } from '@pothos/plugin-prisma';
import { GraphQLError } from 'graphql';
import { builder } from '../builder';
import { ValidationError } from '../errors';
import { listOrderThreads, threadExcerptLengthMax, threadPageSizeMax, type OrderThreadSummary } from '../order-messages/list-order-threads';
import type { Order } from '../../../prisma/generated/client/client';
import { memberOf } from './global-id';
import { OrderType } from './order';

type OrderThreadShape = OrderThreadSummary & { order: Order; memberId: string };

/** What a row of the inbox shows of its newest message, for an order thread and a conversation alike. */
export type ThreadLastMessageShape = Pick<OrderThreadSummary, 'lastMessageExcerpt' | 'lastMessageAuthorId' | 'lastMessageAt'> & { memberId: string };

export const ThreadLastMessageType = builder.objectRef<ThreadLastMessageShape>('ThreadLastMessage').implement({
  description: 'The newest message of an order thread or a conversation, shortened.',
  fields: (t) => ({
    excerpt: t.exposeString('lastMessageExcerpt', { description: `The message, cut to ${threadExcerptLengthMax} characters with an ellipsis when longer.` }),
    mine: t.boolean({ description: 'True when the logged-in member wrote it.', resolve: (thread) => thread.lastMessageAuthorId === thread.memberId }),
    createdAt: t.field({ type: 'DateTime', resolve: (thread) => thread.lastMessageAt }),
  }),
});

export const OrderThreadType = builder.objectRef<OrderThreadShape>('OrderThread').implement({
  description: 'The message thread of one order the logged-in member bought or sold.',
  fields: (t) => ({
    order: t.field({ type: OrderType, resolve: (thread) => thread.order }),
    otherPartyName: t.exposeString('otherPartyName', { description: 'The display name of the buyer or the producer, whoever the member is not.' }),
    lastMessage: t.field({ type: ThreadLastMessageType, resolve: (thread) => thread }),
    unreadCount: t.exposeInt('unreadCount', { description: 'Messages of the other party the member has not read.' }),
  }),
});

builder.queryField('orderThreads', (t) =>
  t.connection({
    type: OrderThreadType,
    description: `The threads of the orders the logged-in member bought or sold that have messages, newest message first (at most ${threadPageSizeMax} a page).`,
    authScopes: { member: true },
    resolve: async (_root, args, context, info) => {
      const member = memberOf(context);
      let page;
      try {
        page = await listOrderThreads(context.prisma, member.id, { first: args.first, after: args.after });
      } catch (error) {
        // A bad page size or cursor is the caller's input: say so instead of masking it.
        if (error instanceof ValidationError) throw new GraphQLError(error.message, { extensions: { code: error.code, fieldErrors: error.fieldErrors } });
        throw error;
      }
      const orders = page.threads.length
        ? await context.prisma.order.findMany({
            ...queryFromInfo({ context, info, path: ['edges', 'node', 'order'] }),
            where: { id: { in: page.threads.map((thread) => thread.orderId) } },
          })
        : [];
      const ordersById = new Map(orders.map((order) => [order.id, order]));
      const edges = page.threads.flatMap((thread) => {
        const order = ordersById.get(thread.orderId);
        return order ? [{ cursor: thread.cursor, node: { ...thread, order, memberId: member.id } }] : [];
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
