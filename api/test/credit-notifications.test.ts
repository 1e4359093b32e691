// A member hears of money that arrives in their account, once, with the amount and who paid: a
// settled order's payout to its producer (confirmed, auto-confirmed or resolved) and a payment from
// another member. Nothing is notified for money that did not move.
import { Decimal } from '@allmende/ledger';
import { createTestApi, type TestApi } from './support/api';
import { buyNewOffer, createMember, type TestMember } from './support/orders';
import { autoConfirmOrders } from '../src/orders/auto-confirm-orders';
import { acceptOrder, confirmOrder, disputeOrder, fulfilOrder, resolveDispute, type Actor } from '../src/orders/order-lifecycle';
import { InsufficientCreditError } from '../src/wallet/errors';
import { sendCredits } from '../src/wallet/send-credits';

describe('notifications of credits received', () => {
  let api: TestApi;
  let buyer: TestMember;
  let producer: TestMember;
  let admin: TestMember;
  const actor = (member: TestMember, roles: string[] = ['member']): Actor => ({ id: member.id, roles });

  beforeAll(async () => {
    api = await createTestApi();
    buyer = await createMember(api, 'Tilda');
    producer = await createMember(api, 'Ulf', ['member', 'producer']);
    admin = await createMember(api, 'Vera', ['member', 'admin']);
  });
  afterAll(() => api.close());

  async function fulfilledOrder(price: string): Promise<string> {
    const { orderId } = await buyNewOffer(api, buyer, producer.id, { price });
    await acceptOrder(api.services, actor(producer), orderId);
    await fulfilOrder(api.services, actor(producer), orderId);
    return orderId;
  }

  function creditsOf(recipientId: string) {
    return api.database.prisma.notification.findMany({ where: { recipientId, kind: 'credits_received' }, orderBy: { createdAt: 'asc' } });
  }

  async function creditsOfOrder(orderId: string) {
    return (await creditsOf(producer.id)).filter((row) => (row.payload as Record<string, string>).orderId === orderId);
  }

  it('tells the producer of a confirmed order what arrived and from whom, once', async () => {
    const orderId = await fulfilledOrder('10.00');
    await confirmOrder(api.services, actor(buyer), orderId);
    await confirmOrder(api.services, actor(buyer), orderId);
    const { producerAmount } = await api.database.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    const rows = await creditsOfOrder(orderId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ link: '/wallet', payload: { amount: producerAmount!.toFixed(2), actorName: buyer.displayName, orderId } });
    expect(await creditsOf(buyer.id)).toEqual([]);
  });

  it('tells the producer of an automatic confirmation', async () => {
    const orderId = await fulfilledOrder('4.00');
    await autoConfirmOrders(api.services, { afterDays: 0, now: new Date(Date.now() + 1000) });
    expect(await creditsOfOrder(orderId)).toHaveLength(1);
  });

  it('tells the producer of the part a resolution paid, and nothing when everything went back', async () => {
    const partly = await fulfilledOrder('8.00');
    await disputeOrder(api.services, actor(buyer), partly, 'Half of it was missing');
    await resolveDispute(api.services, actor(admin, ['member', 'admin']), partly, 'partial_refund', new Decimal('4.00'));
    const { producerAmount } = await api.database.prisma.order.findUniqueOrThrow({ where: { id: partly } });
    expect((await creditsOfOrder(partly)).map((row) => (row.payload as Record<string, string>).amount)).toEqual([producerAmount!.toFixed(2)]);

    const refunded = await fulfilledOrder('6.00');
    await disputeOrder(api.services, actor(buyer), refunded, 'Nothing arrived');
    await resolveDispute(api.services, actor(admin, ['member', 'admin']), refunded, 'refund_buyer', null);
    expect(await creditsOfOrder(refunded)).toEqual([]);
    expect(await creditsOf(buyer.id)).toEqual([]);
  });

  it('tells a member of a payment from another member once, also when the payment is retried, and never of a refused one', async () => {
    const before = (await creditsOf(producer.id)).length;
    const input = { recipientId: producer.id, amount: '3.25', memo: 'Danke', idempotencyKey: 'credits-payment' };
    await sendCredits(api.services, buyer, input);
    await sendCredits(api.services, buyer, input);
    await expect(sendCredits(api.services, buyer, { ...input, amount: '5000', idempotencyKey: 'credits-too-much' })).rejects.toBeInstanceOf(InsufficientCreditError);
    const rows = (await creditsOf(producer.id)).slice(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ link: '/wallet', payload: { amount: '3.25', actorName: buyer.displayName } });

    const listed = await producer.client.graphql('{ notifications(first: 50) { edges { node { kind amount actorName link } } } }');
    expect(listed.data?.notifications.edges.map((edge: { node: unknown }) => edge.node)).toContainEqual({ kind: 'credits_received', amount: '3.25', actorName: buyer.displayName, link: '/wallet' });
  });
});
