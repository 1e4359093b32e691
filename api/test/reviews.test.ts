// Reviews over HTTP: who may review and answer, in which order states, input limits, one review
// per order even under concurrency, and rating counters that match the reviews.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { ValidationError } from '../src/errors';
import { reviewOrder } from '../src/reviews/review-order';
import { verifyRatingCounters } from '../src/reviews/rating-counters';
import { createTestApi, type TestApi } from './support/api';
import { addToCartMutation, checkoutMutation, createMember, createOffer, transitionMutation, type TestMember } from './support/orders';

const offerGlobalId = (id: string) => encodeGlobalID('Offer', id);
const orderRowId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;

const reviewFields = `id rating text reviewerName producerName offerTitles answer answeredAt`;
const reviewMutation = `mutation Review($input: ReviewOrderInput!) {
  reviewOrder(input: $input) {
    __typename
    ... on MutationReviewOrderSuccess { data { ${reviewFields} } }
    ... on ValidationError { fieldErrors { field message } }
    ... on OrderStatusError { status }
    ... on Error { code }
  }
}`;
const answerMutation = `mutation Answer($input: AnswerReviewInput!) {
  answerReview(input: $input) {
    __typename
    ... on MutationAnswerReviewSuccess { data { ${reviewFields} } }
    ... on ValidationError { fieldErrors { field message } }
    ... on Error { code }
  }
}`;
const offerRatingQuery = `query($id: ID!) { offer(id: $id) { rating { count sum average } reviews(first: 2) { edges { node { ${reviewFields} } } pageInfo { hasNextPage endCursor } } } }`;

describe('reviews API', () => {
  let api: TestApi;
  let buyer: TestMember;
  let otherBuyer: TestMember;
  let producer: TestMember;
  let stranger: TestMember;
  let admin: TestMember;
  let keyCounter = 0;

  beforeAll(async () => {
    api = await createTestApi();
    buyer = await createMember(api, 'Ida');
    otherBuyer = await createMember(api, 'Otto');
    producer = await createMember(api, 'Paula', ['member', 'producer']);
    stranger = await createMember(api, 'Sven', ['member', 'producer']);
    admin = await createMember(api, 'Anna', ['member', 'admin']);
    await api.database.prisma.producerProfile.create({ data: { memberId: producer.id, name: 'Hof Paula' } });
  });
  afterAll(() => api.close());

  async function move(member: TestMember, name: string, id: string) {
    const result = await member.client.graphql(transitionMutation(name), { id });
    expect(result.data?.[name].__typename).toBe(`Mutation${name[0]!.toUpperCase()}${name.slice(1)}Success`);
  }

  /** Checks out the given offers as one order and moves it as far as `until`. */
  async function order(offers: { id: string; price: string }[], until: 'placed' | 'fulfilled' | 'confirmed', as: TestMember = buyer): Promise<string> {
    for (const offer of offers) {
      const added = await as.client.graphql(addToCartMutation, { input: { offerId: offerGlobalId(offer.id), quantity: 1 } });
      expect(added.data?.addToCart.__typename).toBe('MutationAddToCartSuccess');
    }
    keyCounter += 1;
    const result = await as.client.graphql(checkoutMutation, {
      input: { idempotencyKey: `review-order-${keyCounter}`, expectedPrices: offers.map((offer) => ({ offerId: offerGlobalId(offer.id), price: offer.price })) },
    });
    expect(result.data?.checkout.__typename).toBe('MutationCheckoutSuccess');
    const id = result.data!.checkout.data.orders[0].id as string;
    if (until === 'placed') return id;
    await move(producer, 'acceptOrder', id);
    await move(producer, 'fulfilOrder', id);
    if (until === 'confirmed') await move(as, 'confirmOrder', id);
    return id;
  }

  async function newOffer(title: string, price = '2.00') {
    const offer = await createOffer(api, producer.id, { title, price, stock: null });
    return { id: offer.id, price };
  }

  it('lets the buyer review a confirmed order once; the order, the offer, the producer and a notification show it', async () => {
    const apples = await newOffer('Äpfel');
    const orderId = await order([apples], 'confirmed');
    const result = await buyer.client.graphql(reviewMutation, { input: { orderId, rating: 4, text: '  Knackig und frisch.  ' } });
    expect(result.data?.reviewOrder).toMatchObject({
      __typename: 'MutationReviewOrderSuccess',
      data: { rating: 4, text: 'Knackig und frisch.', reviewerName: 'Ida Test', producerName: 'Paula Test', offerTitles: ['Äpfel'], answer: null },
    });

    const mine = await buyer.client.graphql(`query($id: ID!) { order(id: $id) { review { rating text } } }`, { id: orderId });
    expect(mine.data?.order.review).toEqual({ rating: 4, text: 'Knackig und frisch.' });
    const offer = await api.client().graphql(offerRatingQuery, { id: offerGlobalId(apples.id) });
    expect(offer.data?.offer.rating).toEqual({ count: 1, sum: 4, average: 4 });
    expect(offer.data?.offer.reviews.edges.map((edge: any) => edge.node.reviewerName)).toEqual(['Ida Test']);
    const notifications = await producer.client.graphql(`{ notifications { edges { node { kind actorName offerTitle rating link } } } }`);
    expect(notifications.data?.notifications.edges[0].node).toEqual({ kind: 'review_received', actorName: 'Ida Test', offerTitle: 'Äpfel', rating: 4, link: '/dashboard#reviews' });

    const again = await buyer.client.graphql(reviewMutation, { input: { orderId, rating: 1 } });
    expect(again.data?.reviewOrder.__typename).toBe('AlreadyReviewedError');
    expect((await api.client().graphql(offerRatingQuery, { id: offerGlobalId(apples.id) })).data?.offer.rating).toEqual({ count: 1, sum: 4, average: 4 });
  });

  it('refuses orders that are not settled, other members and unknown orders', async () => {
    const pears = await newOffer('Birnen');
    const placed = await order([pears], 'placed');
    const fulfilled = await order([pears], 'fulfilled');
    const confirmed = await order([pears], 'confirmed');
    expect((await buyer.client.graphql(reviewMutation, { input: { orderId: placed, rating: 5 } })).data?.reviewOrder).toMatchObject({ __typename: 'OrderStatusError', status: 'placed' });
    expect((await buyer.client.graphql(reviewMutation, { input: { orderId: fulfilled, rating: 5 } })).data?.reviewOrder).toMatchObject({ __typename: 'OrderStatusError', status: 'fulfilled' });
    expect((await producer.client.graphql(reviewMutation, { input: { orderId: confirmed, rating: 5 } })).data?.reviewOrder.__typename).toBe('OrderForbiddenError');
    expect((await stranger.client.graphql(reviewMutation, { input: { orderId: confirmed, rating: 5 } })).data?.reviewOrder.__typename).toBe('OrderForbiddenError');
    expect((await buyer.client.graphql(reviewMutation, { input: { orderId: 'nonsense', rating: 5 } })).data?.reviewOrder.__typename).toBe('OrderNotFoundError');
    const guest = await api.client().graphql(reviewMutation, { input: { orderId: confirmed, rating: 5 } });
    expect(guest.data?.reviewOrder ?? null).toBeNull();
    expect(await api.database.prisma.review.count({ where: { order: { items: { some: { offerId: pears.id } } } } })).toBe(0);
  });

  it('counts a dispute resolved by paying the producer, not one refunded in full', async () => {
    const plums = await newOffer('Pflaumen', '4.00');
    const resolve = `mutation($input: ResolveDisputeInput!) { resolveDispute(input: $input) { __typename } }`;
    const dispute = `mutation($id: ID!) { disputeOrder(id: $id, reason: "Zu weich") { __typename } }`;
    const partly = await order([plums], 'fulfilled');
    const refunded = await order([plums], 'fulfilled');
    for (const id of [partly, refunded]) expect((await buyer.client.graphql(dispute, { id })).data?.disputeOrder.__typename).toBe('MutationDisputeOrderSuccess');
    expect((await admin.client.graphql(resolve, { input: { orderId: partly, outcome: 'partial_refund', amountToProducer: '2.00' } })).data?.resolveDispute.__typename).toBe('MutationResolveDisputeSuccess');
    expect((await admin.client.graphql(resolve, { input: { orderId: refunded, outcome: 'refund_buyer' } })).data?.resolveDispute.__typename).toBe('MutationResolveDisputeSuccess');
    expect((await buyer.client.graphql(reviewMutation, { input: { orderId: partly, rating: 2 } })).data?.reviewOrder.__typename).toBe('MutationReviewOrderSuccess');
    expect((await buyer.client.graphql(reviewMutation, { input: { orderId: refunded, rating: 1 } })).data?.reviewOrder).toMatchObject({ __typename: 'OrderStatusError', status: 'resolved' });
  });

  it('rejects ratings outside 1-5, non-integers and too long text, and writes nothing', async () => {
    const beans = await newOffer('Bohnen');
    const orderId = await order([beans], 'confirmed');
    for (const rating of [0, 6, -1]) {
      const result = await buyer.client.graphql(reviewMutation, { input: { orderId, rating } });
      expect(result.data?.reviewOrder).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'rating' }] });
    }
    const long = await buyer.client.graphql(reviewMutation, { input: { orderId, rating: 3, text: 'x'.repeat(2001) } });
    expect(long.data?.reviewOrder).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'text' }] });
    // GraphQL's Int refuses 2.5 before any resolver runs; the use case refuses it on its own too.
    const fraction = await buyer.client.graphql(reviewMutation, { input: { orderId, rating: 2.5 } });
    expect(fraction.data ?? null).toBeNull();
    expect(fraction.errors?.length).toBeGreaterThan(0);
    await expect(reviewOrder(api.database.prisma, buyer.id, { orderId: orderRowId(orderId), rating: 2.5 })).rejects.toBeInstanceOf(ValidationError);
    expect(await api.database.prisma.review.count({ where: { orderId: orderRowId(orderId) } })).toBe(0);
    const offer = await api.database.prisma.offer.findUniqueOrThrow({ where: { id: beans.id } });
    expect([offer.ratingCount, offer.ratingSum]).toEqual([0, 0]);
    expect((await buyer.client.graphql(reviewMutation, { input: { orderId, rating: 3, text: 'x'.repeat(2000) } })).data?.reviewOrder.__typename).toBe('MutationReviewOrderSuccess');
  });

  it('stores one of four concurrent reviews of the same order and answers the others with already_reviewed', async () => {
    const cherries = await newOffer('Kirschen');
    const orderId = await order([cherries], 'confirmed');
    const results = await Promise.all([5, 1, 4, 2].map((rating) => buyer.client.graphql(reviewMutation, { input: { orderId, rating } })));
    const typenames = results.map((result) => result.data?.reviewOrder.__typename).sort();
    expect(typenames).toEqual(['AlreadyReviewedError', 'AlreadyReviewedError', 'AlreadyReviewedError', 'MutationReviewOrderSuccess']);
    const stored = results.find((result) => result.data?.reviewOrder.__typename === 'MutationReviewOrderSuccess')!.data!.reviewOrder.data.rating as number;
    const offer = await api.database.prisma.offer.findUniqueOrThrow({ where: { id: cherries.id } });
    expect([offer.ratingCount, offer.ratingSum]).toEqual([1, stored]);
    expect(await api.database.prisma.review.count({ where: { orderId: orderRowId(orderId) } })).toBe(1);
  });

  it('lets only the producer answer, once', async () => {
    const honey = await newOffer('Honig');
    const orderId = await order([honey], 'confirmed');
    const reviewId = (await buyer.client.graphql(reviewMutation, { input: { orderId, rating: 3, text: 'Etwas flüssig.' } })).data?.reviewOrder.data.id as string;
    const answer = (member: TestMember, text: string, id = reviewId) => member.client.graphql(answerMutation, { input: { reviewId: id, text } });
    expect((await answer(buyer, 'Ich antworte mir selbst.')).data?.answerReview.__typename).toBe('OrderForbiddenError');
    expect((await answer(stranger, 'Fremde Antwort.')).data?.answerReview.__typename).toBe('OrderForbiddenError');
    expect((await answer(producer, '   ')).data?.answerReview).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'text' }] });
    expect((await answer(producer, 'x'.repeat(2001))).data?.answerReview).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'text' }] });
    expect((await answer(producer, 'Danke!', encodeGlobalID('Review', '00000000-0000-4000-8000-000000000000'))).data?.answerReview.__typename).toBe('ReviewNotFoundError');
    const answered = await answer(producer, 'Danke, wir füllen früher ab.');
    expect(answered.data?.answerReview).toMatchObject({ __typename: 'MutationAnswerReviewSuccess', data: { answer: 'Danke, wir füllen früher ab.' } });
    expect(answered.data?.answerReview.data.answeredAt).not.toBeNull();
    expect((await answer(producer, 'Doch anders.')).data?.answerReview.__typename).toBe('ReviewAlreadyAnsweredError');

    const received = await producer.client.graphql(`{ receivedReviews(first: 50, unanswered: true) { edges { node { id } } } }`);
    expect(received.data?.receivedReviews.edges.map((edge: any) => edge.node.id)).not.toContain(reviewId);
    const all = await producer.client.graphql(`{ receivedReviews(first: 50) { edges { node { id answer } } } }`);
    expect(all.data?.receivedReviews.edges).toContainEqual({ node: { id: reviewId, answer: 'Danke, wir füllen früher ab.' } });
    expect((await buyer.client.graphql(`{ receivedReviews { edges { node { id } } } }`)).data?.receivedReviews ?? null).toBeNull();
  });

  it('keeps offer and producer averages equal to the reviews, and the check finds a counter that is off', async () => {
    const bread = await newOffer('Brot', '3.00');
    const butter = await newOffer('Butter', '2.50');
    const before = await api.database.prisma.member.findUniqueOrThrow({ where: { id: producer.id } });
    const ratings: [TestMember, { id: string; price: string }[], number][] = [
      [buyer, [bread], 5],
      [otherBuyer, [bread], 4],
      [buyer, [bread, butter], 2],
      [otherBuyer, [butter], 1],
    ];
    for (const [member, offers, rating] of ratings) {
      const orderId = await order(offers, 'confirmed', member);
      expect((await member.client.graphql(reviewMutation, { input: { orderId, rating } })).data?.reviewOrder.__typename).toBe('MutationReviewOrderSuccess');
    }
    const breadPage = await api.client().graphql(offerRatingQuery, { id: offerGlobalId(bread.id) });
    expect(breadPage.data?.offer.rating).toEqual({ count: 3, sum: 11, average: 11 / 3 });
    expect(breadPage.data?.offer.reviews.edges.map((edge: any) => edge.node.rating)).toEqual([2, 4]);
    expect(breadPage.data?.offer.reviews.pageInfo.hasNextPage).toBe(true);
    const next = await api.client().graphql(`query($id: ID!, $after: String) { offer(id: $id) { reviews(first: 2, after: $after) { edges { node { rating } } pageInfo { hasNextPage } } } }`, {
      id: offerGlobalId(bread.id),
      after: breadPage.data?.offer.reviews.pageInfo.endCursor,
    });
    expect(next.data?.offer.reviews).toEqual({ edges: [{ node: { rating: 5 } }], pageInfo: { hasNextPage: false } });
    expect((await api.client().graphql(offerRatingQuery, { id: offerGlobalId(butter.id) })).data?.offer.rating).toEqual({ count: 2, sum: 3, average: 1.5 });

    const profile = await api.client().graphql(`query($id: ID!) { producer(id: $id) { rating { count sum } reviews(first: 50) { edges { node { rating } } } } }`, {
      id: encodeGlobalID('ProducerProfile', producer.id),
    });
    expect(profile.data?.producer.rating).toEqual({ count: before.producerRatingCount + 4, sum: before.producerRatingSum + 12 });
    expect(profile.data?.producer.reviews.edges).toHaveLength(before.producerRatingCount + 4);
    const fresh = await createOffer(api, stranger.id, { title: 'Neu', price: '1.00', stock: null });
    expect((await api.client().graphql(offerRatingQuery, { id: offerGlobalId(fresh.id) })).data?.offer).toEqual({ rating: { count: 0, sum: 0, average: null }, reviews: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } });

    expect(await verifyRatingCounters(api.database.prisma)).toEqual([]);
    await api.database.prisma.$executeRaw`UPDATE "Offer" SET "ratingCount" = "ratingCount" + 1, "ratingSum" = "ratingSum" + 5 WHERE id = ${butter.id}::uuid`;
    expect(await verifyRatingCounters(api.database.prisma)).toEqual([{ kind: 'offer', id: butter.id, count: 3, sum: 8, expectedCount: 2, expectedSum: 3 }]);
    await api.database.prisma.$executeRaw`UPDATE "Offer" SET "ratingCount" = "ratingCount" - 1, "ratingSum" = "ratingSum" - 5 WHERE id = ${butter.id}::uuid`;
  });
});
