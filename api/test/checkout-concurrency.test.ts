// Fifty buyers with limited credit race through checkout for ten units of one offer: stock must never
// go below zero, no buyer beyond their credit limit, and what was held and paid must add up.
import { Decimal } from '@allmende/ledger';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createTestApi, type TestApi } from './support/api';
import { addToCartMutation, checkoutMutation, createMember, createOffer, transitionMutation, type TestMember } from './support/orders';
import { findMemberAccount } from '../src/wallet/ensure-member-account';
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

    const prisma = api.database.prisma;
    const placed = await prisma.order.findMany({ where: { status: 'placed' }, include: { items: true } });
    const sold = placed.reduce((sum, order) => sum + order.items.reduce((units, item) => units + item.quantity, 0), 0);
    const stock = (await prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).stock!;
    expect(stock).toBeGreaterThanOrEqual(0);
    expect(stock + sold).toBe(stockInitial);
    // Checkouts refused for credit return their stock, so a few units may be left.
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
});
