// The cart, checkout and order GraphQL API over HTTP: every mutation with good and bad input, and
// who may do what.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createTestApi, type TestApi } from './support/api';
import { addToCartMutation, cartFields, checkoutMutation, createMember, createOffer, orderFields, transitionMutation, type TestMember } from './support/orders';

const offerId = (id: string) => encodeGlobalID('Offer', id);

describe('orders API', () => {
  let api: TestApi;
  let buyer: TestMember;
  let producer: TestMember;
  let stranger: TestMember;
  let admin: TestMember;
  let keyCounter = 0;

  beforeAll(async () => {
    api = await createTestApi();
    buyer = await createMember(api, 'Ilse');
    producer = await createMember(api, 'Jonas', ['member', 'producer']);
    stranger = await createMember(api, 'Karl', ['member', 'producer']);
    admin = await createMember(api, 'Lena', ['member', 'admin']);
  });
  afterAll(() => api.close());

  async function order(price = '5.00', quantity = 1, stock: number | null = 10): Promise<{ id: string; offer: string }> {
    const offer = await createOffer(api, producer.id, { price, stock });
    const added = await buyer.client.graphql(addToCartMutation, { input: { offerId: offerId(offer.id), quantity } });
    expect(added.data?.addToCart.__typename).toBe('MutationAddToCartSuccess');
    keyCounter += 1;
    const result = await buyer.client.graphql(checkoutMutation, {
      input: { idempotencyKey: `api-order-${keyCounter}`, expectedPrices: [{ offerId: offerId(offer.id), price }] },
    });
    expect(result.data?.checkout.__typename).toBe('MutationCheckoutSuccess');
    return { id: result.data!.checkout.data.orders[0].id as string, offer: offer.id };
  }

  async function move(member: TestMember, name: string, id: string, reason?: string) {
    const result = await member.client.graphql(transitionMutation(name, reason !== undefined), { id, ...(reason !== undefined ? { reason } : {}) });
    if (!result.data?.[name]) throw new Error(JSON.stringify(result));
    return result.data[name] as { __typename: string; code?: string; data?: Record<string, any>; fieldErrors?: unknown[] };
  }

  it('edits the cart and refuses bad input, own offers, paused offers and guests', async () => {
    const apples = await createOffer(api, producer.id, { title: 'Äpfel', price: '2.50', stock: 10 });
    const paused = await createOffer(api, producer.id, { title: 'Pause', price: '1.00', stock: 10, status: 'paused' });
    const own = await createOffer(api, stranger.id, { title: 'Eigenes', price: '1.00', stock: 10 });

    let result = await buyer.client.graphql(addToCartMutation, { input: { offerId: offerId(apples.id), quantity: 2 } });
    expect(result.data?.addToCart.data).toMatchObject({ total: '5.00', producerCount: 1, lines: [{ quantity: 2, unitPrice: '2.50', available: true }] });
    result = await buyer.client.graphql(addToCartMutation, { input: { offerId: offerId(apples.id), quantity: 1 } });
    expect(result.data?.addToCart.data.lines[0].quantity).toBe(3);

    expect((await buyer.client.graphql(addToCartMutation, { input: { offerId: offerId(apples.id), quantity: 0 } })).data?.addToCart.__typename).toBe('ValidationError');
    expect((await buyer.client.graphql(addToCartMutation, { input: { offerId: offerId(apples.id), quantity: 1000 } })).data?.addToCart.__typename).toBe('ValidationError');
    expect((await buyer.client.graphql(addToCartMutation, { input: { offerId: 'nonsense', quantity: 1 } })).data?.addToCart.__typename).toBe('ValidationError');
    expect((await buyer.client.graphql(addToCartMutation, { input: { offerId: offerId(paused.id), quantity: 1 } })).data?.addToCart.__typename).toBe('OfferUnavailableError');
    expect((await stranger.client.graphql(addToCartMutation, { input: { offerId: offerId(own.id), quantity: 1 } })).data?.addToCart.__typename).toBe('OwnOfferError');
    const guest = await api.client().graphql(addToCartMutation, { input: { offerId: offerId(apples.id), quantity: 1 } });
    expect(guest.data?.addToCart ?? null).toBeNull();
    expect(guest.errors?.length).toBeGreaterThan(0);

    const set = await buyer.client.graphql(
      `mutation($input: CartItemInput!) { setCartQuantity(input: $input) { __typename ... on MutationSetCartQuantitySuccess { data { ${cartFields} } } ... on Error { code } } }`,
      { input: { offerId: offerId(apples.id), quantity: 7 } },
    );
    expect(set.data?.setCartQuantity.data.lines[0].quantity).toBe(7);
    const cart = await buyer.client.graphql(`{ cart { ${cartFields} } }`);
    expect(cart.data?.cart.total).toBe('17.50');
    const removed = await buyer.client.graphql(
      `mutation($offerId: ID!) { removeFromCart(offerId: $offerId) { __typename ... on MutationRemoveFromCartSuccess { data { ${cartFields} } } } }`,
      { offerId: offerId(apples.id) },
    );
    expect(removed.data?.removeFromCart.data.lines).toEqual([]);
  });

  it('checks out with typed errors for an empty cart, bad keys, changed prices and missing stock', async () => {
    const input = (key: string, expectedPrices: unknown[] = []) => ({ input: { idempotencyKey: key, expectedPrices } });
    expect((await buyer.client.graphql(checkoutMutation, input('empty-cart-1'))).data?.checkout.__typename).toBe('CartEmptyError');
    expect((await buyer.client.graphql(checkoutMutation, input('short'))).data?.checkout.__typename).toBe('ValidationError');

    const bread = await createOffer(api, producer.id, { title: 'Brot', price: '4.00', stock: 1 });
    await buyer.client.graphql(addToCartMutation, { input: { offerId: offerId(bread.id), quantity: 2 } });
    const missing = await buyer.client.graphql(checkoutMutation, input('no-prices-1'));
    expect(missing.data?.checkout.__typename).toBe('ValidationError');
    const changed = await buyer.client.graphql(checkoutMutation, input('changed-price-1', [{ offerId: offerId(bread.id), price: '3.50' }]));
    expect(changed.data?.checkout).toMatchObject({ __typename: 'PriceChangedError', price: '4.00' });
    const stock = await buyer.client.graphql(checkoutMutation, input('no-stock-1', [{ offerId: offerId(bread.id), price: '4.00' }]));
    expect(stock.data?.checkout).toMatchObject({ __typename: 'OutOfStockError', inStock: 1 });
    await buyer.client.graphql(addToCartMutation, { input: { offerId: offerId(bread.id), quantity: 1 } });
    await buyer.client.graphql(`mutation($input: CartItemInput!) { setCartQuantity(input: $input) { __typename } }`, { input: { offerId: offerId(bread.id), quantity: 1 } });
    const ok = await buyer.client.graphql(checkoutMutation, input('bread-ok-1', [{ offerId: offerId(bread.id), price: '4.00' }]));
    expect(ok.data?.checkout.data).toMatchObject({ alreadyExisted: false, orders: [{ status: 'placed', total: '4.00' }] });
    const again = await buyer.client.graphql(checkoutMutation, input('bread-ok-1', [{ offerId: offerId(bread.id), price: '4.00' }]));
    expect(again.data?.checkout.data).toMatchObject({ alreadyExisted: true, orders: [{ id: ok.data?.checkout.data.orders[0].id }] });

    const expensive = await createOffer(api, producer.id, { title: 'Fahrrad', price: '500.00', stock: null });
    await buyer.client.graphql(addToCartMutation, { input: { offerId: offerId(expensive.id), quantity: 1 } });
    const poor = await buyer.client.graphql(checkoutMutation, input('too-expensive', [{ offerId: offerId(expensive.id), price: '500.00' }]));
    expect(poor.data?.checkout.__typename).toBe('InsufficientCreditError');
    await buyer.client.graphql(`mutation($offerId: ID!) { removeFromCart(offerId: $offerId) { __typename } }`, { offerId: offerId(expensive.id) });
  });

  it('checks out with a delivery choice that both parties read on the order, and refuses one the offer has not', async () => {
    const buyerAtDoor = await createMember(api, 'Mia');
    const honey = await createOffer(api, producer.id, { title: 'Honig', price: '6.00', stock: null });
    await api.database.prisma.offer.update({ where: { id: honey.id }, data: { deliveryOptions: ['pickup', 'delivery'] } });
    await buyerAtDoor.client.graphql(addToCartMutation, { input: { offerId: offerId(honey.id), quantity: 1 } });
    const checkoutWith = (key: string, deliveries: unknown[]) =>
      buyerAtDoor.client.graphql(
        `mutation Checkout($input: CheckoutInput!) {
          checkout(input: $input) {
            __typename
            ... on MutationCheckoutSuccess { data { orders { id deliveryOption deliveryNote messageToProducer } } }
            ... on DeliveryOptionUnavailableError { code producerId option available }
            ... on ValidationError { fieldErrors { field message } }
          }
        }`,
        { input: { idempotencyKey: key, expectedPrices: [{ offerId: offerId(honey.id), price: '6.00' }], deliveries } },
      );
    const producerGlobalId = encodeGlobalID('Member', producer.id);
    expect((await checkoutWith('door-shipping', [{ producerId: producerGlobalId, option: 'shipping', note: 'Am Markt 1' }])).data?.checkout).toEqual({
      __typename: 'DeliveryOptionUnavailableError',
      code: 'delivery_option_unavailable',
      producerId: producerGlobalId,
      option: 'shipping',
      available: ['pickup', 'delivery'],
    });
    expect((await checkoutWith('door-no-address', [{ producerId: producerGlobalId, option: 'delivery' }])).data?.checkout).toEqual({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'deliveries.0.note', message: 'an address is required for delivery and shipping' }],
    });
    const placed = await checkoutWith('door-ok-1', [{ producerId: producerGlobalId, option: 'delivery', note: 'Am Markt 1, 34117 Kassel', message: 'Gern ab 17 Uhr.' }]);
    if (!placed.data?.checkout.data) throw new Error(JSON.stringify(placed));
    const placedOrder = placed.data.checkout.data.orders[0];
    expect(placedOrder).toMatchObject({ deliveryOption: 'delivery', deliveryNote: 'Am Markt 1, 34117 Kassel', messageToProducer: 'Gern ab 17 Uhr.' });

    const read = `query O($id: ID!) { order(id: $id) { deliveryOption deliveryNote messageToProducer } }`;
    const expected = { order: { deliveryOption: 'delivery', deliveryNote: 'Am Markt 1, 34117 Kassel', messageToProducer: 'Gern ab 17 Uhr.' } };
    expect((await producer.client.graphql(read, { id: placedOrder.id })).data).toEqual(expected);
    expect((await buyerAtDoor.client.graphql(read, { id: placedOrder.id })).data).toEqual(expected);
    expect((await stranger.client.graphql(read, { id: placedOrder.id })).data).toEqual({ order: null });
  });

  it('lets only the producer accept, reject and fulfil, and only the buyer confirm, cancel and dispute', async () => {
    const first = await order('10.00');
    expect((await move(stranger, 'acceptOrder', first.id)).__typename).toBe('OrderForbiddenError');
    expect((await move(buyer, 'acceptOrder', first.id)).__typename).toBe('OrderForbiddenError');
    expect((await move(producer, 'cancelOrder', first.id)).__typename).toBe('OrderForbiddenError');
    expect((await move(producer, 'acceptOrder', 'not-an-id')).__typename).toBe('OrderNotFoundError');
    expect((await move(producer, 'fulfilOrder', first.id)).__typename).toBe('OrderStatusError');
    expect((await move(producer, 'acceptOrder', first.id)).data?.status).toBe('accepted');
    expect((await move(producer, 'acceptOrder', first.id)).data?.status).toBe('accepted');
    expect((await move(buyer, 'cancelOrder', first.id)).__typename).toBe('OrderStatusError');
    expect((await move(stranger, 'fulfilOrder', first.id)).__typename).toBe('OrderForbiddenError');
    expect((await move(producer, 'fulfilOrder', first.id)).data?.status).toBe('fulfilled');
    expect((await move(stranger, 'confirmOrder', first.id)).__typename).toBe('OrderForbiddenError');
    expect((await move(producer, 'confirmOrder', first.id)).__typename).toBe('OrderForbiddenError');
    expect((await move(buyer, 'confirmOrder', first.id)).data).toMatchObject({ status: 'confirmed', producerAmount: '9.70', contributionAmount: '0.30' });

    const second = await order('3.00');
    expect((await move(stranger, 'rejectOrder', second.id)).__typename).toBe('OrderForbiddenError');
    expect((await move(producer, 'rejectOrder', second.id)).data?.status).toBe('rejected');
    const third = await order('3.00');
    expect((await move(buyer, 'cancelOrder', third.id)).data?.status).toBe('cancelled');

    const fourth = await order('8.00');
    await move(producer, 'acceptOrder', fourth.id);
    expect((await move(buyer, 'disputeOrder', fourth.id, 'x')).__typename).toBe('ValidationError');
    expect((await move(producer, 'disputeOrder', fourth.id, 'Nicht bekommen')).__typename).toBe('OrderForbiddenError');
    expect((await move(buyer, 'disputeOrder', fourth.id, 'Nicht bekommen')).data).toMatchObject({ status: 'disputed', disputeReason: 'Nicht bekommen' });

    const disputed = `{ disputedOrders { edges { node { id status } } } }`;
    expect((await buyer.client.graphql(disputed)).data?.disputedOrders ?? null).toBeNull();
    expect((await admin.client.graphql(disputed)).data?.disputedOrders.edges.map((edge: any) => edge.node.id)).toEqual([fourth.id]);
    const resolve = `mutation($input: ResolveDisputeInput!) { resolveDispute(input: $input) { __typename ... on MutationResolveDisputeSuccess { data { ${orderFields} } } ... on Error { code } } }`;
    expect((await buyer.client.graphql(resolve, { input: { orderId: fourth.id, outcome: 'refund_buyer' } })).data?.resolveDispute ?? null).toBeNull();
    expect((await admin.client.graphql(resolve, { input: { orderId: fourth.id, outcome: 'partial_refund', amountToProducer: '8.00' } })).data?.resolveDispute.__typename).toBe('ValidationError');
    expect((await admin.client.graphql(resolve, { input: { orderId: fourth.id, outcome: 'partial_refund' } })).data?.resolveDispute.__typename).toBe('ValidationError');
    const resolved = await admin.client.graphql(resolve, { input: { orderId: fourth.id, outcome: 'partial_refund', amountToProducer: '4.00' } });
    expect(resolved.data?.resolveDispute.data).toMatchObject({ status: 'resolved', producerAmount: '3.88', contributionAmount: '0.12', refundAmount: '4.00' });

    const mine = await buyer.client.graphql(`{ myOrders { edges { node { id status } } } }`);
    expect(mine.data?.myOrders.edges.map((edge: any) => edge.node.id)).toEqual(expect.arrayContaining([first.id, second.id, third.id, fourth.id]));
    const incoming = await producer.client.graphql(`query($status: OrderStatus) { incomingOrders(status: $status) { edges { node { id status } } } }`, { status: 'confirmed' });
    expect(incoming.data?.incomingOrders.edges.map((edge: any) => edge.node.id)).toContain(first.id);
    expect(incoming.data?.incomingOrders.edges.every((edge: any) => edge.node.status === 'confirmed')).toBe(true);
    expect((await stranger.client.graphql(`{ incomingOrders { edges { node { id } } } }`)).data?.incomingOrders.edges).toEqual([]);
    expect((await buyer.client.graphql(`{ incomingOrders { edges { node { id } } } }`)).data?.incomingOrders ?? null).toBeNull();
    const read = `query($id: ID!) { order(id: $id) { id status } }`;
    expect((await stranger.client.graphql(read, { id: first.id })).data?.order).toBeNull();
    expect((await producer.client.graphql(read, { id: first.id })).data?.order.status).toBe('confirmed');
    expect(await api.services.ledger.verifyLedger()).toMatchObject({ ok: true });
  });
});
