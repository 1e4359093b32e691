// Checkouts sent together run in one transaction (checkoutTogether); they must end as they would have
// one after the other, in the batch's order, except that those checked again for stock a checkout
// refused for credit gave back come last. Each scenario runs twice on offers of its own: once as one
// batch, once a checkout at a time, and the outcomes, orders and stock must agree.
import { createTestApi, type TestApi } from './support/api';
import { buildMember, buildOffer } from './support/builders';
import { addToCart } from '../src/orders/cart';
import { checkoutTogether, prepareCheckout, type CheckoutOutcome, type PreparedCheckout } from '../src/orders/checkout';
import { OutOfStockError } from '../src/orders/errors';
import { cooperativeAccounts } from '../src/orders/order-money';
import { ensureMemberAccount } from '../src/wallet/ensure-member-account';
import type { Account } from '@allmende/ledger';

let api: TestApi;
let escrow: Account;

beforeAll(async () => {
  api = await createTestApi();
  escrow = (await cooperativeAccounts(api.services.ledger)).escrow;
});
afterAll(() => api?.close());

interface Want {
  buyer: string;
  key: string;
  offer: string;
  quantity: number;
}

/** A buyer per name (the poor ones with no credit), offers per name, the carts filled; then the checkouts. */
async function scenario(offers: Record<string, { price: string; stock: number | null }>, poor: string[], wants: Want[]) {
  const producer = await buildMember(api, { roles: ['member', 'producer'] });
  const offerIds = new Map<string, string>();
  for (const [name, fields] of Object.entries(offers)) offerIds.set(name, (await buildOffer(api, producer.id, { title: name, ...fields })).id);
  const buyers = new Map<string, { id: string; displayName: string }>();
  for (const want of wants) {
    if (buyers.has(want.buyer)) continue;
    const member = await buildMember(api, { displayName: want.buyer });
    const account = await ensureMemberAccount(api.services, member);
    if (poor.includes(want.buyer)) await api.services.ledger.setAccountLimits(account.id, { creditLimit: '0.00', maximumBalance: null });
    buyers.set(want.buyer, member);
  }
  for (const want of wants) await addToCart(api.database.prisma, buyers.get(want.buyer)!.id, { offerId: offerIds.get(want.offer)!, quantity: want.quantity });
  const prepared: PreparedCheckout[] = [];
  for (const want of wants) {
    const buyer = buyers.get(want.buyer)!;
    const expectedPrices = [...new Set(wants.filter((other) => other.buyer === want.buyer).map((other) => other.offer))].map((offer) => ({ offerId: offerIds.get(offer)!, price: offers[offer]!.price }));
    prepared.push(await prepareCheckout(api.services, buyer, { idempotencyKey: `${want.key}-${producer.id}`, expectedPrices }));
  }
  return { offerIds, prepared };
}

/** What a checkout's outcome says, without ids. */
function summary(outcome: CheckoutOutcome): string {
  if (outcome.ok) return `${outcome.result.orderIds.length} order${outcome.result.alreadyExisted ? ', again' : ''}`;
  if ('refusal' in outcome) return `refused: ${outcome.refusal}`;
  return `${outcome.error.name}${outcome.error instanceof OutOfStockError ? ` (${outcome.error.available} left)` : ''}`;
}

async function stockOf(offerIds: Map<string, string>) {
  const rows = await api.database.prisma.offer.findMany({ where: { id: { in: [...offerIds.values()] } }, select: { title: true, stock: true } });
  return Object.fromEntries(rows.map((row) => [row.title, row.stock]));
}

/** The outcomes and the stock left, once as one batch and once a checkout at a time. */
async function bothWays(offers: Record<string, { price: string; stock: number | null }>, poor: string[], wants: Want[]) {
  const together = await scenario(offers, poor, wants);
  const batchOutcomes = await checkoutTogether(api.services, escrow, together.prepared);
  const alone = await scenario(offers, poor, wants);
  const aloneOutcomes: CheckoutOutcome[] = [];
  for (const request of alone.prepared) aloneOutcomes.push(...(await checkoutTogether(api.services, escrow, [request])));
  return {
    together: { outcomes: batchOutcomes.map(summary), stock: await stockOf(together.offerIds) },
    alone: { outcomes: aloneOutcomes.map(summary), stock: await stockOf(alone.offerIds) },
  };
}

describe('checkouts sent together', () => {
  it('give the units of a buyer refused for credit to a later buyer refused for want of them', async () => {
    const result = await bothWays({ Kürbis: { price: '4.00', stock: 3 } }, ['Arm'], [
      { buyer: 'Arm', key: 'a', offer: 'Kürbis', quantity: 2 },
      { buyer: 'Berta', key: 'b', offer: 'Kürbis', quantity: 2 },
      { buyer: 'Carl', key: 'c', offer: 'Kürbis', quantity: 1 },
      { buyer: 'Dora', key: 'd', offer: 'Kürbis', quantity: 1 },
    ]);
    expect(result.together).toEqual(result.alone);
    expect(result.together).toEqual({
      outcomes: ['refused: exceeds_credit_limit', '1 order', '1 order', 'OutOfStockError (0 left)'],
      stock: { Kürbis: 0 },
    });
  });

  it('check again after the others those refused for units a refusal for credit gave back', async () => {
    const wants = [
      { buyer: 'Anton', key: 'k', offer: 'Kohl', quantity: 2 },
      { buyer: 'Bine', key: 'l', offer: 'Kohl', quantity: 3 },
      { buyer: 'Dirk', key: 'm', offer: 'Kohl', quantity: 1 },
    ];
    const together = await scenario({ Kohl: { price: '2.00', stock: 3 } }, ['Anton'], wants);
    const outcomes = (await checkoutTogether(api.services, escrow, together.prepared)).map(summary);
    // Bine, checked again once Anton was refused, comes after Dirk: 2 units left, 3 asked for.
    expect(outcomes).toEqual(['refused: exceeds_credit_limit', 'OutOfStockError (2 left)', '1 order']);
    expect(await stockOf(together.offerIds)).toEqual({ Kohl: 2 });
    // The same outcomes as one after the other in that order.
    const alone = await scenario({ Kohl: { price: '2.00', stock: 3 } }, ['Anton'], wants);
    const [anton, bine, dirk] = alone.prepared;
    const inOrder = [];
    for (const request of [anton!, dirk!, bine!]) inOrder.push(...(await checkoutTogether(api.services, escrow, [request])));
    expect([inOrder[0], inOrder[2], inOrder[1]].map((outcome) => summary(outcome!))).toEqual(outcomes);
  });

  it('run a second checkout of the same buyer after the first, and a repeated key finds its orders', async () => {
    const result = await bothWays({ Brot: { price: '3.00', stock: 5 }, Honig: { price: '6.00', stock: null } }, [], [
      { buyer: 'Emil', key: 'e', offer: 'Brot', quantity: 2 },
      { buyer: 'Emil', key: 'e', offer: 'Honig', quantity: 1 },
      { buyer: 'Emil', key: 'f', offer: 'Honig', quantity: 1 },
      { buyer: 'Frida', key: 'g', offer: 'Brot', quantity: 4 },
    ]);
    expect(result.together).toEqual(result.alone);
    expect(result.together).toEqual({ outcomes: ['1 order', '1 order, again', 'CartEmptyError', 'OutOfStockError (3 left)'], stock: { Brot: 3, Honig: null } });
  });

  it('use the account of each buyer, kept by the process once it is known or created', async () => {
    const member = await buildMember(api, { displayName: 'Neu Kontolos' });
    const kept = await api.services.checkouts.buyerAccountId(member);
    expect(kept).toBe((await ensureMemberAccount(api.services, member)).id);
    expect(await api.services.checkouts.buyerAccountId(member)).toBe(kept);
  });

  it('keep the checks of each buyer to that buyer', async () => {
    const producerOffers = { Apfel: { price: '2.00', stock: 4 }, Birne: { price: '2.50', stock: 1 } };
    const together = await scenario(producerOffers, [], [
      { buyer: 'Gerd', key: 'h', offer: 'Apfel', quantity: 1 },
      { buyer: 'Hanna', key: 'i', offer: 'Birne', quantity: 1 },
      { buyer: 'Ines', key: 'j', offer: 'Apfel', quantity: 2 },
    ]);
    // Hanna saw another price; Ines's key is one the database cannot store, which fails the batch's
    // statements as a whole: the batch runs again one checkout at a time.
    const [gerd, hanna, ines] = together.prepared;
    const birne = together.offerIds.get('Birne')!;
    const wrongPrice: PreparedCheckout = { ...hanna!, expected: new Map([[birne, hanna!.expected.get(birne)!.plus(1)]]) };
    const broken: PreparedCheckout = { ...ines!, idempotencyKey: 'nul\u0000key' };
    const outcomes = await checkoutTogether(api.services, escrow, [gerd!, wrongPrice, broken]);
    expect(outcomes.map(summary)).toEqual(['1 order', 'PriceChangedError', expect.stringMatching(/^error$/i)]);
    expect(await stockOf(together.offerIds)).toEqual({ Apfel: 3, Birne: 1 });
    // Without the broken one, Ines's checkout goes through.
    expect((await checkoutTogether(api.services, escrow, [ines!])).map(summary)).toEqual(['1 order']);
    expect(await stockOf(together.offerIds)).toEqual({ Apfel: 1, Birne: 1 });
  });
});
