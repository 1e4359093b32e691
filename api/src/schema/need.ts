import { builder } from '../builder';
import { requestNotificationEmails } from './notification-emails';
import { ValidationError } from '../errors';
import { AlreadyAnsweredError, NeedClosedError, NotFoundError, NotOwnerError, OfferNotActiveError } from '../marketplace/errors';
import { answerNeed } from '../needs/answer-need';
import { closeNeed } from '../needs/close-need';
import { withdrawNeedAnswer } from '../needs/withdraw-need-answer';
import { postNeed, postNeedSchema } from '../needs/post-need';
import { selectionOf } from './prisma-query';
import { memberOf } from './global-id';
import { isUuid, rowIdOf } from '../shared/global-id';

builder.prismaNode('Need', {
  id: { field: 'id' },
  description: 'What a member is looking for. Producers answer it with one of their offers.',
  fields: (t) => ({
    title: t.exposeString('title'),
    description: t.exposeString('description'),
    categoryCode: t.exposeString('categoryCode'),
    place: t.exposeString('place'),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    isOpen: t.boolean({
      select: { closedAt: true, expiresAt: true },
      resolve: (need) => need.closedAt === null && need.expiresAt.getTime() > Date.now(),
    }),
    member: t.relation('member'),
    answers: t.relation('answers', { query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 50 } }),
  }),
});

builder.prismaObject('NeedAnswer', {
  description: 'A producer\'s answer to a need: always one of their offers, with an optional message. Questions go by direct message.',
  fields: (t) => ({
    id: t.exposeID('id'),
    message: t.exposeString('message'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    offer: t.relation('offer'),
    producer: t.relation('producer'),
  }),
});

builder.queryField('needs', (t) =>
  t.prismaConnection({
    type: 'Need',
    cursor: 'id',
    description: 'Open needs (not expired, not closed), newest first.',
    args: { category: t.arg.string({ description: 'A category code or group code.' }) },
    defaultSize: 20,
    maxSize: 50,
    resolve: (query, _root, args, context) =>
      context.prisma.need.findMany({
        ...query,
        where: {
          closedAt: null,
          expiresAt: { gt: new Date() },
          ...(args.category
            ? args.category.includes('.')
              ? { categoryCode: args.category }
              : { categoryCode: { startsWith: `${args.category}.` } }
            : {}),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
);

builder.queryField('need', (t) =>
  t.prismaField({
    type: 'Need',
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, context) => {
      const id = rowIdOf(String(args.id), ['Need']);
      return id ? context.prisma.need.findUnique({ ...query, where: { id } }) : null;
    },
  }),
);

const PostNeedInput = builder.inputType('PostNeedInput', {
  validate: postNeedSchema,
  fields: (t) => ({
    title: t.string({ required: true }),
    description: t.string(),
    categoryCode: t.string({ required: true }),
    place: t.string(),
    expiresAt: t.field({ type: 'DateTime', required: true, description: 'In the future, at most 180 days ahead.' }),
  }),
});

builder.mutationField('postNeed', (t) =>
  t.prismaField({
    type: 'Need',
    authScopes: { member: true },
    args: { input: t.arg({ type: PostNeedInput, required: true }) },
    errors: { types: [ValidationError] },
    resolve: async (query, _root, { input }, context) => {
      const need = await postNeed(context.prisma, memberOf(context).id, input);
      return context.prisma.need.findUniqueOrThrow({ ...selectionOf(query), where: { id: need.id } });
    },
  }),
);

builder.mutationField('closeNeed', (t) =>
  t.prismaField({
    type: 'Need',
    description: "Closes one of the logged-in member's open needs.",
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError, NotOwnerError, NeedClosedError] },
    resolve: async (query, _root, args, context) => {
      const id = rowIdOf(String(args.id), ['Need']);
      if (!id) throw new NotFoundError('need');
      await closeNeed(context.prisma, memberOf(context).id, id);
      return context.prisma.need.findUniqueOrThrow({ ...selectionOf(query), where: { id } });
    },
  }),
);

const AnswerNeedInput = builder.inputType('AnswerNeedInput', {
  fields: (t) => ({
    needId: t.id({ required: true }),
    offerId: t.id({ required: true, description: "One of the logged-in producer's active offers." }),
    message: t.string({ description: 'At most 1,000 characters.' }),
  }),
});

builder.mutationField('answerNeed', (t) =>
  t.prismaField({
    type: 'NeedAnswer',
    description: 'Answers a need with one of your offers; the member who posted it is notified.',
    authScopes: { producer: true },
    args: { input: t.arg({ type: AnswerNeedInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError, NotOwnerError, NeedClosedError, OfferNotActiveError, AlreadyAnsweredError] },
    resolve: async (query, _root, { input }, context) => {
      const needId = rowIdOf(String(input.needId), ['Need']);
      if (!needId) throw new NotFoundError('need');
      const offerId = rowIdOf(String(input.offerId), ['Offer']);
      if (!offerId) throw new NotFoundError('offer');
      const answer = await answerNeed(context.prisma, memberOf(context).id, { needId, offerId, message: input.message });
      await requestNotificationEmails(context);
      return context.prisma.needAnswer.findUniqueOrThrow({ ...selectionOf(query), where: { id: answer.id } });
    },
  }),
);

builder.mutationField('withdrawNeedAnswer', (t) =>
  t.prismaField({
    type: 'Need',
    description: 'Takes back one of your answers to a need; the member who posted it no longer sees it. Returns the need as it is now.',
    authScopes: { producer: true },
    args: { id: t.arg.id({ required: true, description: 'The id of the NeedAnswer.' }) },
    errors: { types: [NotFoundError, NotOwnerError] },
    resolve: async (query, _root, args, context) => {
      const answerId = String(args.id);
      if (!isUuid(answerId)) throw new NotFoundError('need_answer');
      const answer = await withdrawNeedAnswer(context.prisma, memberOf(context).id, answerId);
      return context.prisma.need.findUniqueOrThrow({ ...selectionOf(query), where: { id: answer.needId } });
    },
  }),
);
