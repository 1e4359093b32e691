// Buyers race through checkout for ten units of one offer: stock never goes below zero, no buyer goes
// beyond their credit limit, what was held and paid adds up, and no buyer is told the offer is out of
// stock while the units they asked for are free: a checkout that fails for credit never takes units
// away from the others (its reservation is never committed).
import { Decimal } from '@allmende/ledger';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createTestApi, type TestApi } from './support/api';
import { addToCartMutation, checkoutMutation, createMember, createOffer, transitionMutation, type TestMember } from './support/orders';
import { ensureMemberAccount, findMemberAccount } from '../src/wallet/ensure-member-account';
import { cooperativeCurrency, escrowAccountCode, fundAccountCode } from '../src/wallet/cooperative-currency';
import { policyInForce } from '../src/governance/policies';

const stockInitial = 10;
const buyerCount = 50;
const price = '40.00';

describe('concurrent checkouts', () => {
  let api: TestApi;
  let producer: TestMember;
  const buyers: TestMember[] = [];

  beforeAll(async () => {
    api = await createTestApi();
    producer = await createMember(api, 'Marta', ['member', 'producer']);
    for (let index = 0; index < buyerCount; index += 1) buyers.push(await createMember(api, `Kaeufer${index}`));
  }, 120_000);
  afterAll(() => api.close());

  it('never oversells or overdraws, and holds plus payments equal what buyers paid', async () => {
    const offer = await createOffer(api, producer.id, { title: 'Kürbis', price, stock: stockInitial });
    const offerId = encodeGlobalID('Offer', offer.id);
    // One, two or three units each: three (120) is more than the credit limit of 100 allows.
    const quantities = buyers.map((_buyer, index) => (index % 3) + 1);
    await Promise.all(buyers.map((buyer, index) => buyer.client.graphql(addToCartMutation, { input: { offerId, quantity: quantities[index] } })));

    const results = await Promise.all(
      buyers.map((buyer, index) =>
        buyer.client.graphql(checkoutMutation, { input: { idempotencyKey: `race-${index}-checkout`, expectedPrices: [{ offerId, price }] } }),
      ),
    );
    const typenames = results.map((result) => result.data?.checkout.__typename as string);
    const unexpected = results.filter((result) => !['MutationCheckoutSuccess', 'OutOfStockError', 'InsufficientCreditError'].includes(result.data?.checkout.__typename));
    expect(unexpected.slice(0, 2)).toEqual([]);
    expect(typenames.every((name) => ['MutationCheckoutSuccess', 'OutOfStockError', 'InsufficientCreditError'].includes(name))).toBe(true);
    // Three units are more than any buyer's credit: those checkouts never succeed.
    expect(typenames.filter((name, index) => name === 'MutationCheckoutSuccess' && quantities[index] === 3)).toEqual([]);
    expect(typenames.filter((name) => name !== 'MutationCheckoutSuccess').length).toBeGreaterThanOrEqual(buyerCount - stockInitial);
    // Stock only went down during the race, so a buyer refused for stock asked for more than is left.
    const stockLeft = (await api.database.prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).stock!;
    results.forEach((result, index) => {
      if (result.data?.checkout.__typename !== 'OutOfStockError') return;
      expect({ buyer: index, inStock: result.data.checkout.inStock < quantities[index]!, left: stockLeft < quantities[index]! }).toEqual({ buyer: index, inStock: true, left: true });
    });

    const prisma = api.database.prisma;
    const placed = await prisma.order.findMany({ where: { status: 'placed' }, include: { items: true } });
    const sold = placed.reduce((sum, order) => sum + order.items.reduce((units, item) => units + item.quantity, 0), 0);
    const stock = (await prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).stock!;
    expect(stock).toBeGreaterThanOrEqual(0);
    expect(stock + sold).toBe(stockInitial);
    // Units may be left only when every buyer still racing wanted more than were left.
    expect(sold).toBeGreaterThan(0);
    expect(sold).toBeLessThanOrEqual(stockInitial);
    expect(placed).toHaveLength(typenames.filter((name) => name === 'MutationCheckoutSuccess').length);
    expect(await prisma.order.count({ where: { status: 'placing' } })).toBe(0);

    const ledger = api.services.ledger;
    const limit = new Decimal((await policyInForce(api.database.prisma, 'credit')).payload.creditLimit).negated();
    const accounts = await Promise.all(buyers.map((buyer) => findMemberAccount(ledger, buyer.id)));
    const balances = await ledger.getBalances(accounts.filter((account) => account !== null).map((account) => account!.id));
    for (const balance of balances) {
      expect(balance.available.isNegative()).toBe(false);
      expect(balance.posted.minus(balance.pendingDebits).greaterThanOrEqualTo(limit)).toBe(true);
    }

    // Settle half of the orders: confirmed orders are paid out, the rest stay held.
    const toSettle = placed.slice(0, Math.ceil(placed.length / 2));
    const byId = new Map(buyers.map((buyer) => [buyer.id, buyer]));
    await Promise.all(
      toSettle.map(async (order) => {
        const id = encodeGlobalID('Order', order.id);
        await producer.client.graphql(transitionMutation('acceptOrder'), { id });
        await producer.client.graphql(transitionMutation('fulfilOrder'), { id });
        const confirmed = await byId.get(order.buyerId)!.client.graphql(transitionMutation('confirmOrder'), { id });
        expect(confirmed.data?.confirmOrder.data.status).toBe('confirmed');
      }),
    );

    const paidByBuyers = placed.reduce((sum, order) => sum.plus(order.total.toString()), new Decimal(0));
    const escrow = await ledger.findAccountByCode(cooperativeCurrency.code, escrowAccountCode);
    const fund = await ledger.findAccountByCode(cooperativeCurrency.code, fundAccountCode);
    const producerAccount = await findMemberAccount(ledger, producer.id);
    const [escrowBalance, fundBalance, producerBalance] = await ledger.getBalances([escrow!.id, fund!.id, producerAccount!.id]);
    const held = escrowBalance!.pendingCredits;
    const posted = fundBalance!.posted.plus(producerBalance!.posted);
    expect(held.plus(posted).equals(paidByBuyers)).toBe(true);
    expect(escrowBalance!.posted.isZero()).toBe(true);
    const buyerBalances = await ledger.getBalances(accounts.filter((account) => account !== null).map((account) => account!.id));
    const buyersOut = buyerBalances.reduce((sum, balance) => sum.minus(balance.posted).plus(balance.pendingDebits), new Decimal(0));
    expect(buyersOut.equals(paidByBuyers)).toBe(true);
    expect(await ledger.verifyLedger()).toMatchObject({ ok: true });
  }, 120_000);

  it('sells exactly the ten units to forty buyers racing for one each, though some lack the credit', async () => {
    const racers: TestMember[] = [];
    for (let index = 0; index < 40; index += 1) racers.push(await createMember(api, `Renner${index}`));
    // Every third racer may owe at most 20.00: not enough for one unit at 40.00.
    const poor = new Set(racers.filter((_buyer, index) => index % 3 === 2).map((buyer) => buyer.id));
    for (const buyer of racers.filter((candidate) => poor.has(candidate.id))) {
      const account = await ensureMemberAccount(api.services, buyer);
      expect(await api.services.ledger.setAccountLimits(account.id, { creditLimit: '20.00', maximumBalance: null })).toMatchObject({ ok: true });
    }
    const offer = await createOffer(api, producer.id, { title: 'Zucchini', price, stock: stockInitial });
    const offerId = encodeGlobalID('Offer', offer.id);
    await Promise.all(racers.map((buyer) => buyer.client.graphql(addToCartMutation, { input: { offerId, quantity: 1 } })));

    const results = await Promise.all(
      racers.map((buyer, index) =>
        buyer.client.graphql(checkoutMutation, { input: { idempotencyKey: `race-one-${index}-checkout`, expectedPrices: [{ offerId, price }] } }),
      ),
    );
    const outcomes = results.map((result, index) => ({ buyer: index, poor: poor.has(racers[index]!.id), result: result.data?.checkout.__typename as string }));
    const sold = outcomes.filter((outcome) => outcome.result === 'MutationCheckoutSuccess');
    expect(sold.filter((outcome) => outcome.poor)).toEqual([]);
    expect(sold).toHaveLength(stockInitial);
    expect((await api.database.prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).stock).toBe(0);
    // Refused for stock only when none was left; refused for credit only when poor.
    for (const [index, result] of results.entries()) {
      const checkout = result.data?.checkout;
      if (checkout.__typename === 'OutOfStockError') expect({ buyer: index, inStock: checkout.inStock }).toEqual({ buyer: index, inStock: 0 });
      if (checkout.__typename === 'InsufficientCreditError') expect(outcomes[index]!.poor).toBe(true);
    }
    expect(outcomes.filter((outcome) => !['MutationCheckoutSuccess', 'OutOfStockError', 'InsufficientCreditError'].includes(outcome.result))).toEqual([]);
    expect(await api.database.prisma.order.count({ where: { items: { some: { offerId: offer.id } } } })).toBe(stockInitial);
    expect(await api.services.ledger.verifyLedger()).toMatchObject({ ok: true });
  }, 120_000);
});
