// The statement as members read it after orders: a reservation is pending and moves no balance, a
// settled order is one payment with its number and page, a cancelled one a release, and the other
// side is always the other member of the order, never the escrow account.
import { Decimal } from '@allmende/ledger';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createTestApi, type TestApi } from './support/api';
import { buyNewOffer, createMember, type TestMember } from './support/orders';
import { acceptOrder, cancelOrder, confirmOrder, disputeOrder, fulfilOrder, resolveDispute, type Actor } from '../src/orders/order-lifecycle';
import { sendCredits } from '../src/wallet/send-credits';

const statementQuery = `query Statement($first: Int, $after: String) {
  myAccount {
    balance pendingDebits
    statement(first: $first, after: $after) {
      entries {
        purpose state counterpartyName counterpartyId counterpartyType memo
        amount reservedAmount releasedAmount contributionAmount balance
        order { id number path }
      }
      endCursor hasNextPage
    }
  }
}`;

interface Entry {
  purpose: string;
  state: string;
  counterpartyName: string;
  counterpartyId: string | null;
  counterpartyType: string | null;
  memo: string;
  amount: string;
  reservedAmount: string | null;
  releasedAmount: string | null;
  contributionAmount: string | null;
  balance: string;
  order: { id: string; number: number; path: string } | null;
}

describe('the statement of a member who buys and sells', () => {
  let api: TestApi;
  let buyer: TestMember;
  let producer: TestMember;
  let admin: TestMember;
  const actor = (member: TestMember, roles: string[] = ['member']): Actor => ({ id: member.id, roles });

  beforeAll(async () => {
    api = await createTestApi();
    buyer = await createMember(api, 'Ilse');
    producer = await createMember(api, 'Jakob', ['member', 'producer']);
    admin = await createMember(api, 'Karl', ['member', 'admin']);
  });
  afterAll(() => api.close());

  async function placeOrder(price: string) {
    const { orderId } = await buyNewOffer(api, buyer, producer.id, { price });
    const { number } = await api.database.prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { number: true } });
    return { id: orderId, number };
  }

  async function statement(member: TestMember): Promise<{ balance: string; pendingDebits: string; entries: Entry[] }> {
    const result = await member.client.graphql(statementQuery, { first: 100 });
    expect(result.errors).toBeUndefined();
    const account = result.data!.myAccount;
    return { balance: account.balance, pendingDebits: account.pendingDebits, entries: account.statement.entries };
  }

  /** The entries of one order, newest first. */
  async function entriesOf(member: TestMember, orderId: string): Promise<Entry[]> {
    return (await statement(member)).entries.filter((entry) => entry.order?.path === `/orders/${orderId}`);
  }

  it('shows a checkout as one pending reservation that does not move the balance', async () => {
    const before = await statement(buyer);
    const order = await placeOrder('15.60');
    const after = await statement(buyer);
    expect(after.balance).toBe(before.balance);
    expect(after.pendingDebits).toBe('15.60');
    expect(after.entries).toHaveLength(before.entries.length + 1);
    expect(after.entries[0]).toEqual({
      purpose: 'ORDER_RESERVED',
      state: 'PENDING',
      counterpartyName: producer.displayName,
      counterpartyId: expect.any(String),
      counterpartyType: 'member',
      memo: expect.any(String),
      amount: '0.00',
      reservedAmount: '-15.60',
      releasedAmount: null,
      contributionAmount: null,
      balance: before.balance,
      order: { id: expect.any(String), number: order.number, path: `/orders/${order.id}` },
    });
    expect(order.number).toBeGreaterThan(0);
  });

  it('shows a confirmed order as one payment to the producer with its number and page, and the sale to the producer from the buyer', async () => {
    const order = await placeOrder('17.00');
    await acceptOrder(api.services, actor(producer), order.id);
    await fulfilOrder(api.services, actor(producer), order.id);
    await confirmOrder(api.services, actor(buyer), order.id);
    const settled = await api.database.prisma.order.findUniqueOrThrow({ where: { id: order.id } });

    const buyerEntries = await entriesOf(buyer, order.id);
    expect(buyerEntries).toHaveLength(1);
    expect(buyerEntries[0]).toMatchObject({
      purpose: 'ORDER_PAID',
      state: 'BOOKED',
      counterpartyName: producer.displayName,
      counterpartyType: 'member',
      amount: '-17.00',
      reservedAmount: null,
      releasedAmount: null,
      order: { number: order.number, path: `/orders/${order.id}` },
    });

    const producerEntries = await entriesOf(producer, order.id);
    expect(producerEntries).toHaveLength(1);
    expect(producerEntries[0]).toMatchObject({
      purpose: 'ORDER_SALE',
      state: 'BOOKED',
      counterpartyName: buyer.displayName,
      counterpartyType: 'member',
      amount: settled.producerAmount!.toFixed(2),
      contributionAmount: settled.contributionAmount!.toFixed(2),
      order: { number: order.number, path: `/orders/${order.id}` },
    });
    expect(producerEntries[0]!.counterpartyId).toBe(encodeGlobalID('Member', buyer.id));
    expect(buyerEntries[0]!.counterpartyId).toBe(encodeGlobalID('Member', producer.id));
  });

  it('shows a cancelled order as released, with no debit and no credit', async () => {
    const before = await statement(buyer);
    const order = await placeOrder('5.20');
    await cancelOrder(api.services, actor(buyer), order.id);
    const after = await statement(buyer);
    expect(after.balance).toBe(before.balance);
    const entries = await entriesOf(buyer, order.id);
    expect(entries).toEqual([
      expect.objectContaining({ purpose: 'ORDER_RELEASED', state: 'RELEASED', amount: '0.00', releasedAmount: '5.20', counterpartyName: producer.displayName }),
    ]);
  });

  it('shows a partly refunded dispute as one payment with the released rest', async () => {
    const order = await placeOrder('20.00');
    await acceptOrder(api.services, actor(producer), order.id);
    await disputeOrder(api.services, actor(buyer), order.id, 'Only half of it arrived');
    await resolveDispute(api.services, actor(admin, ['member', 'admin']), order.id, 'partial_refund', new Decimal('12.00'));
    expect(await entriesOf(buyer, order.id)).toEqual([
      expect.objectContaining({ purpose: 'ORDER_PAID', state: 'BOOKED', amount: '-12.00', releasedAmount: '8.00' }),
    ]);
  });

  it('shows payments between members with the note, on both sides', async () => {
    await sendCredits(api.services, buyer, { recipientId: producer.id, amount: '2.50', memo: 'Für die Eier', idempotencyKey: 'statement-payment' });
    const [sent] = (await statement(buyer)).entries;
    const [received] = (await statement(producer)).entries;
    expect(sent).toMatchObject({ purpose: 'PAYMENT_SENT', state: 'BOOKED', amount: '-2.50', memo: 'Für die Eier', counterpartyName: producer.displayName, order: null });
    expect(received).toMatchObject({ purpose: 'PAYMENT_RECEIVED', state: 'BOOKED', amount: '2.50', memo: 'Für die Eier', counterpartyName: buyer.displayName, order: null });
  });
});
