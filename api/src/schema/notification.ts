import { builder } from '../builder';
import { markNotificationsRead, markReadBatchMax } from '../notifications/mark-notifications-read';
import { notificationKinds } from '../notifications/notification-kinds';
import { memberOf } from './global-id';
import { rowIdOf } from '../shared/global-id';

function payloadText(payload: unknown, key: string): string | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const value = (payload as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : null;
}

builder.prismaNode('Notification', {
  id: { field: 'id' },
  // node(id:) finds only the member's own notifications.
  findUnique: (id, context) => ({ id, recipientId: context.member?.id ?? '' }),
  description: 'An in-app notification of the logged-in member. The web app words it by kind.',
  fields: (t) => ({
    kind: t.exposeString('kind', { description: Object.values(notificationKinds).join(', ') }),
    link: t.exposeString('link', { description: 'Path in the web app the notification leads to.' }),
    readAt: t.expose('readAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    needTitle: t.string({ nullable: true, select: { payload: true }, resolve: (row) => payloadText(row.payload, 'needTitle') }),
    offerTitle: t.string({ nullable: true, select: { payload: true }, resolve: (row) => payloadText(row.payload, 'offerTitle') }),
    actorName: t.string({
      nullable: true,
      description: 'Who caused it, e.g. the producer who answered, the other party of an order or the buyer who reviewed.',
      select: { payload: true },
      resolve: (row) => payloadText(row.payload, 'actorName') ?? payloadText(row.payload, 'producerName'),
    }),
    attribute: t.string({
      nullable: true,
      description: 'The ecological attribute of an attribute_challenged or attribute_challenge_decided notification.',
      select: { payload: true },
      resolve: (row) => payloadText(row.payload, 'attribute'),
    }),
    challengeDecision: t.string({
      nullable: true,
      description: 'claim_kept or claim_removed, for attribute_challenge_decided.',
      select: { payload: true },
      resolve: (row) => payloadText(row.payload, 'decision'),
    }),
    rating: t.int({
      nullable: true,
      description: 'The stars of a review_received notification.',
      select: { payload: true },
      resolve: (row) => {
        const value = typeof row.payload === 'object' && row.payload !== null ? (row.payload as Record<string, unknown>).rating : null;
        return typeof value === 'number' ? value : null;
      },
    }),
    orderTitle: t.string({
      nullable: true,
      description: 'Order kinds: the first item\'s title, with "+n" for n more items.',
      select: { payload: true },
      resolve: (row) => payloadText(row.payload, 'orderTitle'),
    }),
    orderTotal: t.field({ type: 'Decimal', nullable: true, select: { payload: true }, resolve: (row) => payloadText(row.payload, 'orderTotal') }),
    amount: t.field({ type: 'Decimal', nullable: true, description: 'credits_received: the amount that arrived.', select: { payload: true }, resolve: (row) => payloadText(row.payload, 'amount') }),
    excerpt: t.string({ nullable: true, description: 'order_message and direct_message: the start of the message.', select: { payload: true }, resolve: (row) => payloadText(row.payload, 'excerpt') }),
    proposalTitle: t.string({
      nullable: true,
      description: 'Proposal kinds (voting_opened, voting_closes_soon, proposal_closed): the proposal\'s title.',
      select: { payload: true },
      resolve: (row) => payloadText(row.payload, 'title'),
    }),
    votingClosesAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'voting_opened and voting_closes_soon: when the vote closes.',
      select: { payload: true },
      resolve: (row) => {
        const text = payloadText(row.payload, 'closesAt');
        return text ? new Date(text) : null;
      },
    }),
    proposalEndState: t.string({
      nullable: true,
      description: 'proposal_closed: passed, rejected or no_quorum.',
      select: { payload: true },
      resolve: (row) => payloadText(row.payload, 'endState'),
    }),
  }),
});

builder.queryField('notifications', (t) =>
  t.prismaConnection({
    type: 'Notification',
    cursor: 'id',
    description: "The logged-in member's notifications, newest first.",
    authScopes: { signedIn: true },
    defaultSize: 20,
    maxSize: 50,
    resolve: (query, _root, _args, context) =>
      context.prisma.notification.findMany({
        ...query,
        where: { recipientId: memberOf(context).id },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
);

builder.queryField('unreadNotificationCount', (t) =>
  t.withAuth({ signedIn: true }).int({
    resolve: (_root, _args, context) => context.prisma.notification.count({ where: { recipientId: context.member.id, readAt: null } }),
  }),
);

builder.mutationField('markNotificationsRead', (t) =>
  t.withAuth({ signedIn: true }).int({
    description: `Marks the given notifications (at most ${markReadBatchMax}), or all when ids is absent, as read. Returns how many changed.`,
    args: { ids: t.arg.idList() },
    resolve: (_root, args, context) => {
      const ids = args.ids ? args.ids.map((id) => rowIdOf(String(id), ['Notification'])).filter((id): id is string => id !== null) : null;
      return markNotificationsRead(context.prisma, memberOf(context).id, ids);
    },
  }),
);
