// The producer dashboard's sales summary over HTTP, with orders moved through checkout and the
// order lifecycle, so the amounts are those the ledger posted.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createTestApi, type TestApi } from './support/api';
import { addToCartMutation, checkoutMutation, createMember, createOffer, transitionMutation, type TestMember } from './support/orders';

const summaryQuery = `{
  salesSummary {
    awaitingAcceptance open disputed heldInEscrow recentDays
    recent { orders revenue contributions }
    allTime { orders revenue contributions }
    topOffers { offerId title unitsSold sales }
  }
}`;

describe('sales summary', () => {
  let api: TestApi;
  let buyer: TestMember;
  let producer: TestMember;
  let otherProducer: TestMember;
  let checkouts = 0;

  beforeAll(async () => {
    api = await createTestApi();
    buyer = await createMember(api, 'Ilse');
    producer = await createMember(api, 'Karl', ['member', 'producer']);
    otherProducer = await createMember(api, 'Lotte', ['member', 'producer']);
  });
  afterAll(() => api.close());

  async function order(offerId: string, price: string, quantity: number): Promise<string> {
    const offer = encodeGlobalID('Offer', offerId);
    const added = await buyer.client.graphql(addToCartMutation, { input: { offerId: offer, quantity } });
    expect(added.data?.addToCart.__typename).toBe('MutationAddToCartSuccess');
    checkouts += 1;
    const result = await buyer.client.graphql(checkoutMutation, { input: { idempotencyKey: `sales-summary-${checkouts}`, expectedPrices: [{ offerId: offer, price }] } });
    expect(result.data?.checkout.__typename).toBe('MutationCheckoutSuccess');
    return result.data?.checkout.data.orders[0].id as string;
  }

  async function move(member: TestMember, action: string, id: string): Promise<void> {
    const result = await member.client.graphql(transitionMutation(action, action === 'disputeOrder'), { id, ...(action === 'disputeOrder' ? { reason: 'Kam nicht an' } : {}) });
    expect(result.data?.[action].__typename).toMatch(/Success$/);
  }

  it('counts what waits, what is held and what was paid, per week too, and ranks the best sellers', async () => {
    const empty = await producer.client.graphql(summaryQuery);
    expect(empty.data?.salesSummary).toEqual({
      awaitingAcceptance: 0, open: 0, disputed: 0, heldInEscrow: '0.00', recentDays: 30,
      recent: { orders: 0, revenue: '0.00', contributions: '0.00' },
      allTime: { orders: 0, revenue: '0.00', contributions: '0.00' },
      topOffers: [],
    });

    const honey = await createOffer(api, producer.id, { title: 'Honig', price: '10.00', stock: 50 });
    const bread = await createOffer(api, producer.id, { title: 'Brot', price: '4.00', stock: 50 });
    const elsewhere = await createOffer(api, otherProducer.id, { title: 'Käse', price: '7.00', stock: 50 });

    // Settled: 3 × honey (30.00) and 2 × bread (8.00), each confirmed; 3% goes to the fund.
    for (const [offer, price, quantity] of [[honey.id, '10.00', 3], [bread.id, '4.00', 2]] as const) {
      const id = await order(offer, price, quantity);
      await move(producer, 'acceptOrder', id);
      await move(producer, 'fulfilOrder', id);
      await move(buyer, 'confirmOrder', id);
    }
    const placed = await order(bread.id, '4.00', 1);
    const accepted = await order(honey.id, '10.00', 1);
    await move(producer, 'acceptOrder', accepted);
    const disputed = await order(bread.id, '4.00', 5);
    await move(producer, 'acceptOrder', disputed);
    await move(buyer, 'disputeOrder', disputed);
    const rejected = await order(honey.id, '10.00', 2);
    await move(producer, 'rejectOrder', rejected);
    await order(elsewhere.id, '7.00', 1);
    expect(placed).toBeTruthy();

    const summary = (await producer.client.graphql(summaryQuery)).data?.salesSummary;
    expect(summary).toEqual({
      awaitingAcceptance: 1,
      open: 2,
      disputed: 1,
      heldInEscrow: '34.00',
      recentDays: 30,
      recent: { orders: 2, revenue: '36.86', contributions: '1.14' },
      allTime: { orders: 2, revenue: '36.86', contributions: '1.14' },
      topOffers: [
        { offerId: encodeGlobalID('Offer', honey.id), title: 'Honig', unitsSold: 3, sales: '30.00' },
        { offerId: encodeGlobalID('Offer', bread.id), title: 'Brot', unitsSold: 2, sales: '8.00' },
      ],
    });
    // The other producer sees only their own order.
    expect((await otherProducer.client.graphql(summaryQuery)).data?.salesSummary).toMatchObject({ awaitingAcceptance: 1, heldInEscrow: '7.00', topOffers: [] });

    // Per week for the chart: the last twelve, oldest first, weeks without sales as zero.
    const result = await producer.client.graphql('{ salesSummary { weeks { start orders revenue contributions } } }');
    const weeks = result.data?.salesSummary.weeks as { start: string; orders: number; revenue: string; contributions: string }[];
    expect(weeks).toHaveLength(12);
    const starts = weeks.map((week) => new Date(week.start));
    for (const [index, start] of starts.entries()) {
      expect(start.getUTCDay()).toBe(1);
      expect(start.getUTCHours()).toBe(0);
      if (index > 0) expect(start.getTime() - starts[index - 1]!.getTime()).toBe(7 * 24 * 60 * 60 * 1000);
    }
    expect(starts[11]!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(Date.now() - starts[11]!.getTime()).toBeLessThan(7 * 24 * 60 * 60 * 1000);
    // The two confirmed orders settled this week.
    expect(weeks[11]).toMatchObject({ orders: 2, revenue: '36.86', contributions: '1.14' });
    expect(weeks.slice(0, 11).every((week) => week.orders === 0 && week.revenue === '0.00')).toBe(true);
  });

  it('is for producers only', async () => {
    const asBuyer = await buyer.client.graphql(summaryQuery);
    expect(asBuyer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await api.client().graphql(summaryQuery);
    expect(anonymous.errors?.[0]?.extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
  });
});
