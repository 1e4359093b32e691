// The message thread of an order: its messages, unread counts, writing and marking read.
import { builder } from '../builder';
import { ValidationError } from '../errors';
import { OrderForbiddenError, OrderNotFoundError } from '../orders/errors';
import { markOrderMessagesRead } from '../order-messages/mark-order-messages-read';
import { orderMessageLengthMax, sendOrderMessage } from '../order-messages/send-order-message';
import { threadRoleOf } from '../order-messages/thread-access';
import { unreadMessageCountOf, unreadOrderMessageCount } from '../order-messages/unread-order-messages';
import { VISIBLE_ORDER_STATUSES } from '../orders/order-status';
import { memberOf } from './global-id';
import { requestNotificationEmails } from './notification-emails';
import { selectionOf } from './prisma-query';
import './order-errors';
import { rowIdOf } from '../shared/global-id';

function partiesOnly(memberId: string | undefined) {
  return memberId ? { status: { in: VISIBLE_ORDER_STATUSES }, OR: [{ buyerId: memberId }, { producerId: memberId }] } : { OR: [] };
}

builder.prismaNode('OrderMessage', {
  id: { field: 'id' },
  // node(id:) finds only messages of threads the member takes part in.
  findUnique: (id, context) => ({ id, order: partiesOnly(context.member?.id) }),
  description: 'A message in the thread of an order between its buyer and its producer.',
  fields: (t) => ({
    body: t.exposeString('body'),
    author: t.relation('author'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    mine: t.boolean({
      description: 'True when the logged-in member wrote it.',
      select: { authorId: true },
      resolve: (message, _args, context) => message.authorId === context.member?.id,
    }),
  }),
});

builder.prismaObjectFields('Order', (t) => ({
  messages: t.prismaConnection({
    type: 'OrderMessage',
    cursor: 'id',
    nullable: true,
    description:
      'The thread, newest first. For the buyer and the producer; admins may read it while the order is disputed or resolved. Null for anyone else.',
    authScopes: { member: true },
    defaultSize: 20,
    maxSize: 50,
    resolve: (query, order, _args, context) => {
      if (!threadRoleOf(order, memberOf(context))) return null;
      return context.prisma.orderMessage.findMany({ ...query, where: { orderId: order.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    },
  }),
  unreadMessageCount: t.int({
    description: "Messages of the other party the logged-in member has not read; 0 for anyone but the order's parties.",
    authScopes: { member: true },
    resolve: (order, _args, context) => unreadMessageCountOf(context.prisma, memberOf(context), order),
  }),
}));

builder.queryField('unreadOrderMessageCount', (t) =>
  t.withAuth({ member: true }).int({
    description: 'Unread messages over all orders the logged-in member bought or sold.',
    resolve: (_root, _args, context) => unreadOrderMessageCount(context.prisma, context.member.id),
  }),
);

function orderIdOf(id: string | number): string {
  const orderId = rowIdOf(String(id), ['Order']);
  if (!orderId) throw new OrderNotFoundError();
  return orderId;
}

builder.mutationField('sendOrderMessage', (t) =>
  t.prismaField({
    type: 'OrderMessage',
    description: `The buyer or the producer writes to the order's thread (1 to ${orderMessageLengthMax} characters); the other party is notified.`,
    authScopes: { member: true },
    args: { orderId: t.arg.id({ required: true }), body: t.arg.string({ required: true }) },
    errors: { types: [ValidationError, OrderNotFoundError, OrderForbiddenError] },
    resolve: async (query, _root, args, context) => {
      const message = await sendOrderMessage(context.prisma, memberOf(context), orderIdOf(args.orderId), args.body);
      await requestNotificationEmails(context);
      return context.prisma.orderMessage.findUniqueOrThrow({ ...selectionOf(query), where: { id: message.id } });
    },
  }),
);

builder.mutationField('markOrderMessagesRead', (t) =>
  t.int({
    description: "Marks the order's thread read for the logged-in party. Returns how many messages were unread.",
    authScopes: { member: true },
    args: { orderId: t.arg.id({ required: true }) },
    errors: { types: [OrderNotFoundError, OrderForbiddenError] },
    resolve: (_root, args, context) => markOrderMessagesRead(context.prisma, memberOf(context), orderIdOf(args.orderId)),
  }),
);
