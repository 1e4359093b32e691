// Every move of an order notifies the right member exactly once, also when the move is repeated or
// made by two requests at the same time.
import { Decimal } from '@allmende/ledger';
import { createTestApi, type TestApi } from './support/api';
import { buyNewOffer, createMember, type TestMember } from './support/orders';
import { checkout } from '../src/orders/checkout';
import { acceptOrder, cancelOrder, confirmOrder, disputeOrder, fulfilOrder, rejectOrder, resolveDispute, type Actor } from '../src/orders/order-lifecycle';

describe('order notifications', () => {
  let api: TestApi;
  let buyer: TestMember;
  let producer: TestMember;
  let admin: TestMember;

  const actor = (member: TestMember, roles: string[] = ['member']): Actor => ({ id: member.id, roles });

  beforeAll(async () => {
    api = await createTestApi();
    buyer = await createMember(api, 'Quirin');
    producer = await createMember(api, 'Rosa', ['member', 'producer']);
    admin = await createMember(api, 'Sven', ['member', 'admin']);
  });
  afterAll(() => api.close());

  async function placeOrder(): Promise<string> {
    const { orderId, input } = await buyNewOffer(api, buyer, producer.id, { title: 'Brot', price: '3.00', stock: 20, quantity: 2 });
    // A retried checkout returns the same order and notifies nobody again.
    await checkout(api.services, buyer, input);
    return orderId;
  }

  /** The notifications of this order, as "recipient:kind", sorted (moves in one millisecond tie on createdAt). */
  async function notificationsOf(orderId: string): Promise<string[]> {
    const rows = await api.database.prisma.notification.findMany({ where: { link: `/orders/${orderId}` }, select: { recipientId: true, kind: true } });
    const names = new Map([
      [buyer.id, 'buyer'],
      [producer.id, 'producer'],
    ]);
    return rows.map((row) => `${names.get(row.recipientId) ?? row.recipientId}:${row.kind}`).sort();
  }

  it('tells the producer of a new order once', async () => {
    const orderId = await placeOrder();
    expect(await notificationsOf(orderId)).toEqual(['producer:order_placed'].sort());
    const [notification] = await api.database.prisma.notification.findMany({ where: { link: `/orders/${orderId}` } });
    expect(notification!.payload).toEqual({ orderId, orderTitle: 'Brot', orderTotal: '6.00', actorName: 'Quirin Test' });
  });

  it('tells the buyer of acceptance and delivery and the producer of confirmation, once each', async () => {
    const orderId = await placeOrder();
    await acceptOrder(api.services, actor(producer), orderId);
    await acceptOrder(api.services, actor(producer), orderId);
    await Promise.all([fulfilOrder(api.services, actor(producer), orderId), fulfilOrder(api.services, actor(producer), orderId)]);
    await confirmOrder(api.services, actor(buyer), orderId);
    await confirmOrder(api.services, actor(buyer), orderId);
    expect(await notificationsOf(orderId)).toEqual(['producer:order_placed', 'buyer:order_accepted', 'buyer:order_fulfilled', 'producer:order_confirmed'].sort());
    const accepted = await api.database.prisma.notification.findFirstOrThrow({ where: { link: `/orders/${orderId}`, kind: 'order_accepted' } });
    expect(accepted.payload).toMatchObject({ actorName: 'Rosa Test', orderTitle: 'Brot' });
  });

  it('tells the buyer of a rejection and the producer of a cancellation, once each', async () => {
    const rejected = await placeOrder();
    await rejectOrder(api.services, actor(producer), rejected);
    await rejectOrder(api.services, actor(producer), rejected);
    expect(await notificationsOf(rejected)).toEqual(['producer:order_placed', 'buyer:order_rejected'].sort());

    const cancelled = await placeOrder();
    await cancelOrder(api.services, actor(buyer), cancelled);
    await cancelOrder(api.services, actor(buyer), cancelled);
    expect(await notificationsOf(cancelled)).toEqual(['producer:order_placed', 'producer:order_cancelled'].sort());
  });

  it('tells the producer of a dispute and both parties of its resolution, once each', async () => {
    const orderId = await placeOrder();
    await acceptOrder(api.services, actor(producer), orderId);
    await disputeOrder(api.services, actor(buyer), orderId, 'Schimmelig');
    await disputeOrder(api.services, actor(buyer), orderId, 'Schimmelig');
    await resolveDispute(api.services, actor(admin, ['member', 'admin']), orderId, 'partial_refund', new Decimal('2.00'));
    await resolveDispute(api.services, actor(admin, ['member', 'admin']), orderId, 'partial_refund', new Decimal('2.00'));
    expect(await notificationsOf(orderId)).toEqual(
      ['producer:order_placed', 'buyer:order_accepted', 'producer:order_disputed', 'buyer:order_resolved', 'producer:order_resolved'].sort(),
    );
  });

  it('notifies nobody of a move that was refused', async () => {
    const orderId = await placeOrder();
    await expect(fulfilOrder(api.services, actor(producer), orderId)).rejects.toThrow();
    await expect(acceptOrder(api.services, actor(buyer), orderId)).rejects.toThrow();
    expect(await notificationsOf(orderId)).toEqual(['producer:order_placed'].sort());
  });

  it('tells the producer when the job confirms an order', async () => {
    const orderId = await placeOrder();
    await acceptOrder(api.services, actor(producer), orderId);
    await fulfilOrder(api.services, actor(producer), orderId);
    await confirmOrder(api.services, 'system', orderId);
    await confirmOrder(api.services, 'system', orderId);
    expect(await notificationsOf(orderId)).toEqual(['producer:order_placed', 'buyer:order_accepted', 'buyer:order_fulfilled', 'producer:order_confirmed'].sort());
  });
});
