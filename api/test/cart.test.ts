// The cart: adding grows a line up to the maximum, setting replaces it, and every refusal (an unknown,
// own or inactive offer, a full cart) names its reason and writes nothing.
import { randomUUID } from 'node:crypto';
import { createTestApi, type TestApi } from './support/api';
import { createMember, createOffer, type TestMember } from './support/orders';
import { ValidationError } from '../src/errors';
import { NotFoundError } from '../src/marketplace/errors';
import { addToCart, cartLinesMaximum, cartQuantityMaximum, setCartQuantity } from '../src/orders/cart';
import { OfferUnavailableError, OwnOfferError } from '../src/orders/errors';

describe('cart', () => {
  let api: TestApi;
  let buyer: TestMember;
  let producer: TestMember;

  beforeAll(async () => {
    api = await createTestApi();
    buyer = await createMember(api, 'Greta');
    producer = await createMember(api, 'Hanno', ['member', 'producer']);
  });
  afterAll(() => api.close());

  const lines = () =>
    api.database.prisma.cartItem.findMany({ where: { memberId: buyer.id }, orderBy: { offerId: 'asc' }, select: { offerId: true, quantity: true } });

  beforeEach(() => api.database.prisma.cartItem.deleteMany({ where: { memberId: buyer.id } }));

  it('adds units to a line, sets it, caps it at the maximum and removes it at zero', async () => {
    const offer = await createOffer(api, producer.id, { price: '3.00', stock: 5 });
    const prisma = api.database.prisma;
    expect((await addToCart(prisma, buyer.id, { offerId: offer.id, quantity: 2 })).map((line) => line.quantity)).toEqual([2]);
    expect((await addToCart(prisma, buyer.id, { offerId: offer.id, quantity: 3 })).map((line) => line.quantity)).toEqual([5]);
    await addToCart(prisma, buyer.id, { offerId: offer.id, quantity: cartQuantityMaximum });
    expect(await lines()).toEqual([{ offerId: offer.id, quantity: cartQuantityMaximum }]);
    expect((await setCartQuantity(prisma, buyer.id, { offerId: offer.id, quantity: 4 })).map((line) => line.quantity)).toEqual([4]);
    expect(await setCartQuantity(prisma, buyer.id, { offerId: offer.id, quantity: 0 })).toEqual([]);
  });

  it('refuses unknown, own and inactive offers and a full cart, writing nothing', async () => {
    const prisma = api.database.prisma;
    const kept = await createOffer(api, producer.id, { price: '1.00', stock: null });
    await addToCart(prisma, buyer.id, { offerId: kept.id, quantity: 1 });
    const own = await createOffer(api, buyer.id, { price: '1.00', stock: null });
    const paused = await createOffer(api, producer.id, { price: '1.00', stock: null, status: 'paused' });
    await expect(addToCart(prisma, buyer.id, { offerId: randomUUID(), quantity: 1 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(addToCart(prisma, buyer.id, { offerId: own.id, quantity: 1 })).rejects.toBeInstanceOf(OwnOfferError);
    await expect(setCartQuantity(prisma, buyer.id, { offerId: paused.id, quantity: 1 })).rejects.toMatchObject({ constructor: OfferUnavailableError, status: 'paused' });
    expect(await lines()).toEqual([{ offerId: kept.id, quantity: 1 }]);

    const more = await Promise.all(Array.from({ length: cartLinesMaximum - 1 }, () => createOffer(api, producer.id, { price: '1.00', stock: null })));
    for (const offer of more) await addToCart(prisma, buyer.id, { offerId: offer.id, quantity: 1 });
    const oneTooMany = await createOffer(api, producer.id, { price: '1.00', stock: null });
    await expect(addToCart(prisma, buyer.id, { offerId: oneTooMany.id, quantity: 1 })).rejects.toBeInstanceOf(ValidationError);
    // A line already in a full cart can still grow.
    await addToCart(prisma, buyer.id, { offerId: kept.id, quantity: 2 });
    const all = await lines();
    expect(all).toHaveLength(cartLinesMaximum);
    expect(all.find((line) => line.offerId === kept.id)?.quantity).toBe(3);
  });
});
