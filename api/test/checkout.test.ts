// Checkout against a real database and ledger: orders per producer, stock reserved, holds placed,
// and on every failure nothing reserved and nothing held.
import { Decimal } from '@allmende/ledger';
import { createTestApi, type TestApi } from './support/api';
import { createMember, createOffer, type TestMember, checkoutOrders } from './support/orders';
import { addToCart } from '../src/orders/cart';
import { checkout } from '../src/orders/checkout';
import { ValidationError } from '../src/errors';
import { CartEmptyError, DeliveryOptionUnavailableError, OfferUnavailableError, OutOfStockError, PriceChangedError } from '../src/orders/errors';
import { InsufficientCreditError } from '../src/wallet/errors';
import { findMemberAccount } from '../src/wallet/ensure-member-account';

describe('checkout', () => {
  let api: TestApi;
  let buyer: TestMember;
  let anna: TestMember;
  let bert: TestMember;

  beforeAll(async () => {
    api = await createTestApi();
    buyer = await createMember(api, 'Clara');
    anna = await createMember(api, 'Anna', ['member', 'producer']);
    bert = await createMember(api, 'Bert', ['member', 'producer']);
  });
  afterAll(() => api.close());

  async function available(memberId: string): Promise<Decimal> {
    const account = await findMemberAccount(api.services.ledger, memberId);
    if (!account) return new Decimal(100);
    const [balance] = await api.services.ledger.getBalances([account.id]);
    return balance!.available;
  }

  async function clearCart(memberId: string): Promise<void> {
    await api.database.prisma.cartItem.deleteMany({ where: { memberId } });
  }

  it('splits the cart into one order per producer, reserves stock and holds the totals', async () => {
    const apples = await createOffer(api, anna.id, { title: 'Äpfel', price: '2.90', stock: 10 });
    const honey = await createOffer(api, anna.id, { title: 'Honig', price: '6.50', stock: null });
    const bread = await createOffer(api, bert.id, { title: 'Brot', price: '4.20', stock: 3 });
    const prisma = api.database.prisma;
    await addToCart(prisma, buyer.id, { offerId: apples.id, quantity: 3 });
    await addToCart(prisma, buyer.id, { offerId: honey.id, quantity: 1 });
    await addToCart(prisma, buyer.id, { offerId: bread.id, quantity: 2 });
    const expectedPrices = [apples, honey, bread].map((offer) => ({ offerId: offer.id, price: offer.price.toFixed(2) }));
    const before = await available(buyer.id);

    const result = await checkoutOrders(api.services, buyer, { idempotencyKey: 'checkout-one', expectedPrices });
    expect(result.alreadyExisted).toBe(false);
    expect(result.orders).toHaveLength(2);
    const byProducer = new Map(result.orders.map((order) => [order.producerId, order]));
    expect(byProducer.get(anna.id)!.total.toFixed(2)).toBe('15.20');
    expect(byProducer.get(bert.id)!.total.toFixed(2)).toBe('8.40');
    expect(result.orders.every((order) => order.status === 'placed' && order.holdTransferId)).toBe(true);
    expect((await prisma.offer.findUniqueOrThrow({ where: { id: apples.id } })).stock).toBe(7);
    expect((await prisma.offer.findUniqueOrThrow({ where: { id: honey.id } })).stock).toBeNull();
    expect((await prisma.offer.findUniqueOrThrow({ where: { id: bread.id } })).stock).toBe(1);
    expect(before.minus(await available(buyer.id)).toFixed(2)).toBe('23.60');
    expect(await prisma.cartItem.count({ where: { memberId: buyer.id } })).toBe(0);

    const retry = await checkoutOrders(api.services, buyer, { idempotencyKey: 'checkout-one', expectedPrices: [] });
    expect(retry.alreadyExisted).toBe(true);
    expect(retry.orders.map((order) => [order.id, order.holdTransferId])).toEqual(result.orders.map((order) => [order.id, order.holdTransferId]));
    expect(before.minus(await available(buyer.id)).toFixed(2)).toBe('23.60');
    expect(await api.services.ledger.verifyLedger()).toMatchObject({ ok: true });
  });

  it('answers the same key sent twice at once with the same orders, held once', async () => {
    const prisma = api.database.prisma;
    const buyerTwice = await createMember(api, 'Fritz');
    const plums = await createOffer(api, anna.id, { title: 'Pflaumen', price: '2.00', stock: 6 });
    const cheese = await createOffer(api, bert.id, { title: 'Käse', price: '8.00', stock: null });
    await addToCart(prisma, buyerTwice.id, { offerId: plums.id, quantity: 2 });
    await addToCart(prisma, buyerTwice.id, { offerId: cheese.id, quantity: 1 });
    const input = { idempotencyKey: 'checkout-twice', expectedPrices: [plums, cheese].map((offer) => ({ offerId: offer.id, price: offer.price.toFixed(2) })) };
    const results = await Promise.all([checkout(api.services, buyerTwice, input), checkout(api.services, buyerTwice, input)]);
    expect(results.map((result) => result.alreadyExisted).sort()).toEqual([false, true]);
    expect(results[0]!.orderIds).toEqual(results[1]!.orderIds);
    expect(await prisma.order.count({ where: { buyerId: buyerTwice.id } })).toBe(2);
    expect((await prisma.offer.findUniqueOrThrow({ where: { id: plums.id } })).stock).toBe(4);
    expect((await available(buyerTwice.id)).toFixed(2)).toBe('88.00');
  });

  it('refuses an empty cart, a paused offer, a changed price and missing stock without reserving anything', async () => {
    const prisma = api.database.prisma;
    await expect(checkout(api.services, buyer, { idempotencyKey: 'checkout-empty', expectedPrices: [] })).rejects.toBeInstanceOf(CartEmptyError);

    const pears = await createOffer(api, anna.id, { title: 'Birnen', price: '3.00', stock: 5 });
    const eggs = await createOffer(api, bert.id, { title: 'Eier', price: '0.40', stock: 2 });
    await addToCart(prisma, buyer.id, { offerId: pears.id, quantity: 2 });
    await addToCart(prisma, buyer.id, { offerId: eggs.id, quantity: 2 });
    const prices = [
      { offerId: pears.id, price: '3.00' },
      { offerId: eggs.id, price: '0.40' },
    ];
    const before = await available(buyer.id);

    await prisma.offer.update({ where: { id: eggs.id }, data: { status: 'paused' } });
    await expect(checkout(api.services, buyer, { idempotencyKey: 'checkout-paused', expectedPrices: prices })).rejects.toBeInstanceOf(OfferUnavailableError);
    await prisma.offer.update({ where: { id: eggs.id }, data: { status: 'active', price: '0.45' } });
    await expect(checkout(api.services, buyer, { idempotencyKey: 'checkout-price', expectedPrices: prices })).rejects.toBeInstanceOf(PriceChangedError);
    await prisma.offer.update({ where: { id: eggs.id }, data: { price: '0.40', stock: 1 } });
    await expect(checkout(api.services, buyer, { idempotencyKey: 'checkout-stock', expectedPrices: prices })).rejects.toBeInstanceOf(OutOfStockError);

    expect((await prisma.offer.findUniqueOrThrow({ where: { id: pears.id } })).stock).toBe(5);
    expect((await prisma.offer.findUniqueOrThrow({ where: { id: eggs.id } })).stock).toBe(1);
    expect((await available(buyer.id)).equals(before)).toBe(true);
    expect(await prisma.order.count({ where: { buyerId: buyer.id, status: { not: 'placed' } } })).toBe(0);
    await clearCart(buyer.id);
  });

  /** Columns that are null in every one of the orders, so that comparing them says little. */
  function unchosenColumns(orders: readonly object[]): string[] {
    const expectedNull = ['producerAmount', 'contributionAmount', 'refundAmount', 'failureCode', 'acceptedAt', 'fulfilledAt', 'closedAt'];
    return Object.keys(orders[0] ?? {}).filter((key) => !expectedNull.includes(key) && orders.every((order) => (order as Record<string, unknown>)[key] === null));
  }

  it('keeps the delivery option, address and message chosen per order, and refuses an option not every offer has', async () => {
    const prisma = api.database.prisma;
    const buyerChoosing = await createMember(api, 'Greta');
    const eggs = await createOffer(api, anna.id, { title: 'Eier', price: '0.50', stock: 20 });
    const jam = await createOffer(api, anna.id, { title: 'Marmelade', price: '4.00', stock: 5 });
    const bread = await createOffer(api, bert.id, { title: 'Brot', price: '4.20', stock: null });
    await prisma.offer.update({ where: { id: eggs.id }, data: { deliveryOptions: ['pickup', 'delivery'] } });
    await prisma.offer.update({ where: { id: jam.id }, data: { deliveryOptions: ['pickup', 'delivery', 'shipping'] } });
    await prisma.offer.update({ where: { id: bread.id }, data: { deliveryOptions: ['pickup'] } });
    await addToCart(prisma, buyerChoosing.id, { offerId: eggs.id, quantity: 6 });
    await addToCart(prisma, buyerChoosing.id, { offerId: jam.id, quantity: 1 });
    await addToCart(prisma, buyerChoosing.id, { offerId: bread.id, quantity: 1 });
    const expectedPrices = [eggs, jam, bread].map((offer) => ({ offerId: offer.id, price: offer.price.toFixed(2) }));
    const ordersOf = (result: { orderIds: string[] }) => prisma.order.findMany({ where: { id: { in: result.orderIds } } });
    const attempt = (deliveries: Parameters<typeof checkout>[2]['deliveries'], key: string) => checkout(api.services, buyerChoosing, { idempotencyKey: key, expectedPrices, deliveries });

    // The jam could be shipped, the eggs not: the order of both cannot.
    const refused = attempt([{ producerId: anna.id, option: 'shipping', note: 'Gartenweg 3, 34117 Kassel' }], 'choice-shipping');
    await expect(refused).rejects.toBeInstanceOf(DeliveryOptionUnavailableError);
    await expect(refused).rejects.toMatchObject({ code: 'delivery_option_unavailable', producerId: anna.id, option: 'shipping', available: ['pickup', 'delivery'] });
    await expect(attempt([{ producerId: bert.id, option: 'delivery', note: 'Gartenweg 3' }], 'choice-bert')).rejects.toBeInstanceOf(DeliveryOptionUnavailableError);
    // Delivery needs an address; a producer with nothing in the cart and a second choice for one producer are input errors.
    await expect(attempt([{ producerId: anna.id, option: 'delivery', note: '  ' }], 'choice-no-address')).rejects.toMatchObject({
      fieldErrors: [{ field: 'deliveries.0.note', message: 'an address is required for delivery and shipping' }],
    });
    await expect(attempt([{ producerId: buyer.id, option: 'pickup' }], 'choice-stranger')).rejects.toMatchObject({ fieldErrors: [{ field: 'deliveries.0.producerId' }] });
    await expect(
      attempt(
        [
          { producerId: anna.id, option: 'pickup' },
          { producerId: anna.id, option: 'delivery', note: 'Gartenweg 3' },
        ],
        'choice-twice',
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await prisma.order.count({ where: { buyerId: buyerChoosing.id } })).toBe(0);
    expect((await prisma.offer.findUniqueOrThrow({ where: { id: eggs.id } })).stock).toBe(20);

    const result = await attempt(
      [
        { producerId: anna.id, option: 'delivery', note: 'Gartenweg 3, 34117 Kassel', message: 'Bitte zweimal klingeln.' },
        { producerId: bert.id, option: 'pickup', note: 'Samstag vormittags' },
      ],
      'choice-ok',
    );
    // The orders the checkout answers from its own write are the ones Prisma reads, every column.
    const read = await prisma.order.findMany({ where: { id: { in: result.orderIds } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    expect(result.written).toEqual(read);
    expect(unchosenColumns(read)).toEqual([]);
    const byProducer = new Map(read.map((order) => [order.producerId, order]));
    expect(byProducer.get(anna.id)).toMatchObject({ deliveryOption: 'delivery', deliveryNote: 'Gartenweg 3, 34117 Kassel', messageToProducer: 'Bitte zweimal klingeln.' });
    expect(byProducer.get(bert.id)).toMatchObject({ deliveryOption: 'pickup', deliveryNote: 'Samstag vormittags', messageToProducer: '' });

    // Without a choice the order is left to agree on, as before, with or without a message.
    await addToCart(prisma, buyerChoosing.id, { offerId: bread.id, quantity: 1 });
    const unchosen = await checkout(api.services, buyerChoosing, { idempotencyKey: 'choice-none', expectedPrices });
    expect((await ordersOf(unchosen)).map((order) => [order.deliveryOption, order.deliveryNote])).toEqual([[null, '']]);
    await addToCart(prisma, buyerChoosing.id, { offerId: bread.id, quantity: 1 });
    const agreeLater = await attempt([{ producerId: bert.id, message: 'Wann passt es dir?' }], 'choice-later');
    expect((await ordersOf(agreeLater)).map((order) => [order.deliveryOption, order.messageToProducer])).toEqual([[null, 'Wann passt es dir?']]);
  });

  it('refuses a checkout beyond the credit limit without a trace and keeps the cart', async () => {
    const prisma = api.database.prisma;
    const buyerPoor = await createMember(api, 'Dora');
    const tractor = await createOffer(api, anna.id, { title: 'Traktorfahrt', price: '60.00', stock: 4 });
    const lamp = await createOffer(api, bert.id, { title: 'Lampe', price: '50.00', stock: 4 });
    await addToCart(prisma, buyerPoor.id, { offerId: tractor.id, quantity: 1 });
    await addToCart(prisma, buyerPoor.id, { offerId: lamp.id, quantity: 1 });
    const prices = [
      { offerId: tractor.id, price: '60.00' },
      { offerId: lamp.id, price: '50.00' },
    ];
    const attempt = checkout(api.services, buyerPoor, { idempotencyKey: 'checkout-poor', expectedPrices: prices });
    await expect(attempt).rejects.toBeInstanceOf(InsufficientCreditError);
    // The same key gives the same answer.
    await expect(checkout(api.services, buyerPoor, { idempotencyKey: 'checkout-poor', expectedPrices: prices })).rejects.toBeInstanceOf(InsufficientCreditError);
    expect((await prisma.offer.findUniqueOrThrow({ where: { id: tractor.id } })).stock).toBe(4);
    expect((await prisma.offer.findUniqueOrThrow({ where: { id: lamp.id } })).stock).toBe(4);
    expect((await available(buyerPoor.id)).toFixed(2)).toBe('100.00');
    expect(await prisma.cartItem.count({ where: { memberId: buyerPoor.id } })).toBe(2);
    expect(await prisma.order.count({ where: { buyerId: buyerPoor.id } })).toBe(0);
    expect(await api.services.ledger.verifyLedger()).toMatchObject({ ok: true });

    // A refused checkout keeps no key: with less in the cart the same key goes through.
    await prisma.cartItem.deleteMany({ where: { memberId: buyerPoor.id, offerId: lamp.id } });
    const retried = await checkoutOrders(api.services, buyerPoor, { idempotencyKey: 'checkout-poor', expectedPrices: prices });
    expect(retried.alreadyExisted).toBe(false);
    expect(retried.orders.map((order) => [order.status, order.total.toFixed(2)])).toEqual([['placed', '60.00']]);
    expect((await prisma.offer.findUniqueOrThrow({ where: { id: tractor.id } })).stock).toBe(3);
  });
});
