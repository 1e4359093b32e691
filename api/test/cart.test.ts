// The cart: adding grows a line up to the maximum, setting replaces it, and every refusal (an unknown,
// own or inactive offer, a full cart) names its reason and writes nothing. The cart a change answers
// from its own statement is the one readCart reads after it.
import { randomUUID } from 'node:crypto';
import { createTestApi, type TestApi } from './support/api';
import { createMember, createOffer, type TestMember } from './support/orders';
import { ValidationError } from '../src/errors';
import { NotFoundError } from '../src/marketplace/errors';
import { addToCart, cartLinesMaximum, cartQuantityMaximum, readCart, setCartQuantity } from '../src/orders/cart';
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

  it('answers the cart as readCart reads it after the change: order, quantities and the offers as they are now', async () => {
    const prisma = api.database.prisma;
    const other = await createMember(api, 'Ilse', ['member', 'producer']);
    const first = await createOffer(api, producer.id, { price: '2.50', stock: 7 });
    const second = await createOffer(api, other.id, { price: '11.00', stock: null });
    const third = await createOffer(api, producer.id, { price: '0.99', stock: 3 });
    const answers = [
      await addToCart(prisma, buyer.id, { offerId: first.id, quantity: 2 }),
      await addToCart(prisma, buyer.id, { offerId: second.id, quantity: 1 }),
      await addToCart(prisma, buyer.id, { offerId: third.id, quantity: 4 }),
    ];
    // A line written again keeps its place; an offer changed since the line was added shows as it is now.
    await prisma.offer.update({ where: { id: first.id }, data: { price: '2.70', stock: 1 } });
    await prisma.offer.update({ where: { id: third.id }, data: { status: 'paused' } });
    answers.push(await addToCart(prisma, buyer.id, { offerId: second.id, quantity: 2 }));
    answers.push(await setCartQuantity(prisma, buyer.id, { offerId: first.id, quantity: 5 }));
    const plain = await readCart(prisma, buyer.id);
    const shown = (cart: Awaited<ReturnType<typeof readCart>>) => cart.map((line) => ({ ...line, offer: { ...line.offer, price: line.offer.price.toFixed(2) } }));
    expect(shown(answers.at(-1)!)).toEqual(shown(plain));
    // Lines added within one millisecond are ordered by offer id, so the content is compared by offer.
    const byOffer = (cart: ReturnType<typeof shown>) => [...cart].sort((a, b) => a.offerId.localeCompare(b.offerId));
    expect(byOffer(shown(plain))).toEqual(byOffer([
      { offerId: first.id, quantity: 5, offer: { producerId: producer.id, price: '2.70', status: 'active', stock: 1 } },
      { offerId: second.id, quantity: 3, offer: { producerId: other.id, price: '11.00', status: 'active', stock: null } },
      { offerId: third.id, quantity: 4, offer: { producerId: producer.id, price: '0.99', status: 'paused', stock: 3 } },
    ]));
    expect(answers.map((cart) => cart.map((line) => line.offerId).sort())).toEqual([
      [first.id],
      [first.id, second.id],
      [first.id, second.id, third.id],
      [first.id, second.id, third.id],
      [first.id, second.id, third.id],
    ].map((ids) => ids.sort()));
  });
});
