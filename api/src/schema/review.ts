// Reviews of settled orders, the producer's answers, and the ratings of offers and producers.
import { builder } from '../builder';
import { ValidationError } from '../errors';
import { OrderForbiddenError, OrderNotFoundError, OrderStatusError } from '../orders/errors';
import { answerReview } from '../reviews/answer-review';
import { AlreadyReviewedError, ReviewAlreadyAnsweredError, ReviewNotFoundError } from '../reviews/errors';
import { reviewOrder } from '../reviews/review-order';
import { memberOf } from './global-id';
import { requestNotificationEmails } from './notification-emails';
import { selectionOf } from './prisma-query';
import './order-errors';
import './review-errors';
import { pageSizeMax } from '../shared/input';
import { rowIdOf } from '../shared/global-id';

const reviewOrderBy = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];
const reviewPageSizeDefault = 10;

interface RatingCounters {
  count: number;
  sum: number;
}

const RatingSummaryType = builder.objectRef<RatingCounters>('RatingSummary').implement({
  description: 'Count and average of the ratings (1-5 stars), kept as counters with every review.',
  fields: (t) => ({
    count: t.exposeInt('count'),
    sum: t.exposeInt('sum', { description: 'Sum of all ratings; average = sum / count.' }),
    average: t.float({ nullable: true, description: 'Null while there are no reviews.', resolve: (rating) => (rating.count === 0 ? null : rating.sum / rating.count) }),
  }),
});

builder.prismaNode('Review', {
  id: { field: 'id' },
  description: "A buyer's rating of a settled order and the producer's answer.",
  fields: (t) => ({
    rating: t.exposeInt('rating', { description: '1 to 5 stars.' }),
    text: t.exposeString('text'),
    reviewerName: t.string({ description: "The buyer's display name.", select: { buyer: { select: { displayName: true } } }, resolve: (review) => review.buyer.displayName }),
    producerName: t.string({ select: { producer: { select: { displayName: true } } }, resolve: (review) => review.producer.displayName }),
    offerTitles: t.stringList({
      description: 'Titles of the items of the reviewed order, as they were at checkout.',
      select: { order: { select: { items: { select: { title: true }, orderBy: { title: 'asc' } } } } },
      resolve: (review) => review.order.items.map((item) => item.title),
    }),
    answer: t.exposeString('answer', { nullable: true, description: "The producer's answer, once given." }),
    answeredAt: t.expose('answeredAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.prismaObjectField('Order', 'review', (t) => t.relation('review', { nullable: true, description: "The buyer's review, once written." }));

builder.prismaObjectFields('Offer', (t) => ({
  rating: t.field({
    type: RatingSummaryType,
    description: 'Ratings of the orders that contained this offer.',
    select: { ratingCount: true, ratingSum: true },
    resolve: (offer) => ({ count: offer.ratingCount, sum: offer.ratingSum }),
  }),
  reviews: t.prismaConnection({
    type: 'Review',
    cursor: 'id',
    description: 'Reviews of orders that contained this offer, newest first.',
    defaultSize: reviewPageSizeDefault,
    maxSize: pageSizeMax,
    resolve: (query, offer, _args, context) =>
      context.prisma.review.findMany({ ...query, where: { order: { items: { some: { offerId: offer.id } } } }, orderBy: reviewOrderBy }),
  }),
}));

builder.prismaObjectFields('ProducerProfile', (t) => ({
  rating: t.field({
    type: RatingSummaryType,
    description: "Ratings of all of the producer's orders.",
    select: { member: { select: { producerRatingCount: true, producerRatingSum: true } } },
    resolve: (profile) => ({ count: profile.member.producerRatingCount, sum: profile.member.producerRatingSum }),
  }),
  reviews: t.prismaConnection({
    type: 'Review',
    cursor: 'id',
    description: "Reviews of the producer's orders, newest first.",
    defaultSize: reviewPageSizeDefault,
    maxSize: pageSizeMax,
    resolve: (query, profile, _args, context) => context.prisma.review.findMany({ ...query, where: { producerId: profile.memberId }, orderBy: reviewOrderBy }),
  }),
}));

builder.queryField('receivedReviews', (t) =>
  t.prismaConnection({
    type: 'Review',
    cursor: 'id',
    description: "Reviews of the logged-in producer's orders, newest first; only unanswered ones when asked.",
    authScopes: { producer: true },
    args: { unanswered: t.arg.boolean() },
    defaultSize: reviewPageSizeDefault,
    maxSize: pageSizeMax,
    resolve: (query, _root, args, context) =>
      context.prisma.review.findMany({
        ...query,
        where: { producerId: memberOf(context).id, ...(args.unanswered ? { answer: null } : {}) },
        orderBy: reviewOrderBy,
      }),
  }),
);

const ReviewOrderInput = builder.inputType('ReviewOrderInput', {
  fields: (t) => ({
    orderId: t.id({ required: true }),
    rating: t.int({ required: true, description: '1 to 5 stars.' }),
    text: t.string({ description: 'At most 2000 characters; may be empty.' }),
  }),
});

builder.mutationField('reviewOrder', (t) =>
  t.prismaField({
    type: 'Review',
    description: 'The buyer rates a confirmed order (or one whose dispute paid the producer), once.',
    authScopes: { member: true },
    args: { input: t.arg({ type: ReviewOrderInput, required: true }) },
    errors: { types: [ValidationError, OrderNotFoundError, OrderForbiddenError, OrderStatusError, AlreadyReviewedError] },
    resolve: async (query, _root, { input }, context) => {
      const orderId = rowIdOf(String(input.orderId), ['Order']);
      if (!orderId) throw new OrderNotFoundError();
      const review = await reviewOrder(context.prisma, memberOf(context).id, { orderId, rating: input.rating, text: input.text ?? '' });
      await requestNotificationEmails(context);
      return context.prisma.review.findUniqueOrThrow({ ...selectionOf(query), where: { id: review.id } });
    },
  }),
);

const AnswerReviewInput = builder.inputType('AnswerReviewInput', {
  fields: (t) => ({
    reviewId: t.id({ required: true }),
    text: t.string({ required: true, description: '1 to 2000 characters.' }),
  }),
});

builder.mutationField('answerReview', (t) =>
  t.prismaField({
    type: 'Review',
    description: 'The producer of the reviewed order answers the review, once.',
    authScopes: { member: true },
    args: { input: t.arg({ type: AnswerReviewInput, required: true }) },
    errors: { types: [ValidationError, ReviewNotFoundError, OrderForbiddenError, ReviewAlreadyAnsweredError] },
    resolve: async (query, _root, { input }, context) => {
      const reviewId = rowIdOf(String(input.reviewId), ['Review']);
      if (!reviewId) throw new ReviewNotFoundError();
      await answerReview(context.prisma, memberOf(context).id, { reviewId, text: input.text });
      return context.prisma.review.findUniqueOrThrow({ ...selectionOf(query), where: { id: reviewId } });
    },
  }),
);
