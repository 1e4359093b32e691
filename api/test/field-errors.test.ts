// Field errors of the forms carry stable codes and parameters, never only English text: the need,
// offer and producer profile forms, the cart quantity and the partial refund of a dispute.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createTestApi, type TestApi } from './support/api';
import { addToCartMutation, checkoutMutation, createMember, createOffer, transitionMutation, type TestMember } from './support/orders';

const fieldErrors = `... on ValidationError { code fieldErrors { field code params { name value } } }`;

interface FieldErrorResult {
  field: string;
  code: string;
  params: { name: string; value: string }[];
}

/** The field errors of a result as { field: [code, params] }, easy to compare. */
function problems(result: { fieldErrors?: FieldErrorResult[] } | undefined) {
  return Object.fromEntries(
    (result?.fieldErrors ?? []).map((error) => [error.field, [error.code, Object.fromEntries(error.params.map((param) => [param.name, param.value]))]]),
  );
}

describe('field errors with codes', () => {
  let api: TestApi;
  let buyer: TestMember;
  let producer: TestMember;
  let admin: TestMember;

  beforeAll(async () => {
    api = await createTestApi();
    buyer = await createMember(api, 'Frieda');
    producer = await createMember(api, 'Gustav', ['member', 'producer']);
    admin = await createMember(api, 'Hanna', ['member', 'admin']);
  });
  afterAll(() => api.close());

  it('the need form: too short, in the past, too far ahead, no category', async () => {
    const post = `mutation($input: PostNeedInput!) { postNeed(input: $input) { __typename ${fieldErrors} } }`;
    const past = await buyer.client.graphql(post, { input: { title: 'Ho', categoryCode: '', expiresAt: '2020-01-01T00:00:00Z' } });
    expect(past.data?.postNeed.__typename).toBe('ValidationError');
    expect(problems(past.data?.postNeed)).toEqual({
      title: ['too_short', { min: '3' }],
      categoryCode: ['required', {}],
      expiresAt: ['not_in_future', {}],
    });
    const far = new Date(Date.now() + 400 * 86_400_000).toISOString();
    const tooFar = await buyer.client.graphql(post, { input: { title: 'Honig', categoryCode: 'food.nothing', expiresAt: far } });
    expect(problems(tooFar.data?.postNeed)).toEqual({ categoryCode: ['invalid_choice', {}], expiresAt: ['too_far_ahead', { days: '180' }] });
  });

  it('the offer form: an empty form, a price "1.000,50" and a price of 0 are typed field errors', async () => {
    const create = `mutation($input: OfferInput!) { createOffer(input: $input) { __typename ${fieldErrors} } }`;
    const empty = await producer.client.graphql(create, { input: { title: '', categoryCode: '', kind: 'good', price: '', unit: '' } });
    expect(empty.errors).toBeUndefined();
    expect(problems(empty.data?.createOffer)).toEqual({
      title: ['required', {}],
      categoryCode: ['required', {}],
      price: ['required', {}],
      unit: ['required', {}],
    });
    const base = { title: 'Äpfel', categoryCode: 'food.fruit', kind: 'good', unit: 'kg' };
    const grouped = await producer.client.graphql(create, { input: { ...base, price: '1.000,50' } });
    expect(grouped.errors).toBeUndefined();
    expect(problems(grouped.data?.createOffer)).toEqual({ price: ['invalid_amount', {}] });
    const zero = await producer.client.graphql(create, { input: { ...base, price: '0' } });
    expect(problems(zero.data?.createOffer)).toEqual({ price: ['not_positive', {}] });
    const details = await producer.client.graphql(create, { input: { ...base, price: '2.555', stock: -5, postcode: '123' } });
    expect(problems(details.data?.createOffer)).toEqual({
      price: ['too_many_decimals', { max: '2' }],
      stock: ['too_small', { min: '0' }],
      postcode: ['invalid_postcode', {}],
    });
  });

  it('the producer profile form', async () => {
    const profile = `mutation($input: ProducerProfileInput!) { updateProducerProfile(input: $input) { __typename ${fieldErrors} } }`;
    const bad = await producer.client.graphql(profile, { input: { name: 'X', contactEmail: 'hof@', postcode: '12', openingHours: 'x'.repeat(501) } });
    expect(problems(bad.data?.updateProducerProfile)).toEqual({
      name: ['too_short', { min: '2' }],
      contactEmail: ['invalid_email', {}],
      postcode: ['invalid_postcode', {}],
      openingHours: ['too_long', { max: '500' }],
    });
  });

  it('the cart quantity: 5000, -3 and 2.5', async () => {
    const offer = await createOffer(api, producer.id, { price: '2.00', stock: null });
    const change = `mutation($input: CartItemInput!) { setCartQuantity(input: $input) { __typename ${fieldErrors} } }`;
    const answers = [];
    for (const quantity of [5000, -3]) {
      const result = await buyer.client.graphql(change, { input: { offerId: encodeGlobalID('Offer', offer.id), quantity } });
      answers.push(problems(result.data?.setCartQuantity));
    }
    expect(answers).toEqual([{ quantity: ['too_large', { max: '999' }] }, { quantity: ['too_small', { min: '0' }] }]);
    // A quantity is a GraphQL Int: 2.5 is refused before any resolver runs (the form says so first).
    const fraction = await buyer.client.graphql(change, { input: { offerId: encodeGlobalID('Offer', offer.id), quantity: 2.5 } });
    expect(fraction.errors).toHaveLength(1);
    expect(fraction.data ?? null).toBeNull();
    expect((await buyer.client.graphql(`{ cart { lines { quantity } } }`)).data?.cart.lines).toEqual([]);
  });

  it('the partial refund: more than the total, negative, too many decimals, empty, text', async () => {
    const offer = await createOffer(api, producer.id, { price: '20.00', stock: null });
    const added = await buyer.client.graphql(addToCartMutation, { input: { offerId: encodeGlobalID('Offer', offer.id), quantity: 1 } });
    expect(added.data?.addToCart.__typename).toBe('MutationAddToCartSuccess');
    const checkout = await buyer.client.graphql(checkoutMutation, {
      input: { idempotencyKey: 'field-errors-1', expectedPrices: [{ offerId: encodeGlobalID('Offer', offer.id), price: '20.00' }] },
    });
    const orderId = checkout.data?.checkout.data.orders[0].id as string;
    await producer.client.graphql(transitionMutation('acceptOrder'), { id: orderId });
    const disputed = await buyer.client.graphql(transitionMutation('disputeOrder', true), { id: orderId, reason: 'Nicht angekommen' });
    expect(disputed.data?.disputeOrder.data.status).toBe('disputed');

    const resolve = `mutation($input: ResolveDisputeInput!) { resolveDispute(input: $input) { __typename ${fieldErrors} } }`;
    const answers = [];
    for (const amountToProducer of ['25.00', '-5', '4.555', '', 'zehn']) {
      const result = await admin.client.graphql(resolve, { input: { orderId, outcome: 'partial_refund', amountToProducer } });
      expect(result.errors).toBeUndefined();
      answers.push(problems(result.data?.resolveDispute));
    }
    expect(answers).toEqual([
      { amountToProducer: ['amount_not_below_total', { total: '20.00' }] },
      { amountToProducer: ['not_positive', {}] },
      { amountToProducer: ['too_many_decimals', { max: '2' }] },
      { amountToProducer: ['required', {}] },
      { amountToProducer: ['invalid_amount', {}] },
    ]);
  });
});
