// The order lifecycle against a real database and ledger: who may make each move, what each move
// does to stock and money, and that repeating a move changes nothing.
import { Decimal } from '@allmende/ledger';
import { createTestApi, type TestApi } from './support/api';
import { createMember, createOffer, type TestMember, checkoutOrders } from './support/orders';
import { addToCart } from '../src/orders/cart';
import { OrderForbiddenError, OrderStatusError } from '../src/orders/errors';
import { acceptOrder, cancelOrder, confirmOrder, disputeOrder, fulfilOrder, rejectOrder, resolveDispute, type Actor } from '../src/orders/order-lifecycle';
import { autoConfirmOrders } from '../src/orders/auto-confirm-orders';
import { contributionRateAt, splitPayment } from '../src/orders/contribution-policy';
import { findMemberAccount } from '../src/wallet/ensure-member-account';
import { cooperativeCurrency, fundAccountCode } from '../src/wallet/cooperative-currency';

describe('order lifecycle', () => {
  let api: TestApi;
  let buyer: TestMember;
  let producer: TestMember;
  let stranger: TestMember;
  let admin: TestMember;
  let keyCounter = 0;

  const actor = (member: TestMember, roles: string[] = ['member']): Actor => ({ id: member.id, roles });

  beforeAll(async () => {
    api = await createTestApi();
    buyer = await createMember(api, 'Emil');
    producer = await createMember(api, 'Frida', ['member', 'producer']);
    stranger = await createMember(api, 'Gerd', ['member', 'producer']);
    admin = await createMember(api, 'Hanna', ['member', 'admin']);
  });
  afterAll(() => api.close());

  async function posted(code: string): Promise<Decimal> {
    const ledger = api.services.ledger;
    const account = code === fundAccountCode ? await ledger.findAccountByCode(cooperativeCurrency.code, code) : await findMemberAccount(ledger, code);
    if (!account) return new Decimal(0);
    const [balance] = await ledger.getBalances([account.id]);
    return balance!.posted;
  }

  async function available(memberId: string): Promise<Decimal> {
    const account = await findMemberAccount(api.services.ledger, memberId);
    const [balance] = await api.services.ledger.getBalances([account!.id]);
    return balance!.available;
  }

  async function placeOrder(price = '10.00', quantity = 2, stock: number | null = 5) {
    const offer = await createOffer(api, producer.id, { price, stock });
    await addToCart(api.database.prisma, buyer.id, { offerId: offer.id, quantity });
    keyCounter += 1;
    const { orders } = await checkoutOrders(api.services, buyer, { idempotencyKey: `lifecycle-${keyCounter}`, expectedPrices: [{ offerId: offer.id, price }] });
    return { order: orders[0]!, offer };
  }

  it('pays the producer minus the contribution and the fund the contribution on confirmation', async () => {
    const { order } = await placeOrder('10.35', 3);
    const producerBefore = await posted(producer.id);
    const fundBefore = await posted(fundAccountCode);
    const buyerBefore = await posted(buyer.id);

    await expect(acceptOrder(api.services, actor(stranger), order.id)).rejects.toBeInstanceOf(OrderForbiddenError);
    await expect(acceptOrder(api.services, actor(buyer), order.id)).rejects.toBeInstanceOf(OrderForbiddenError);
    await expect(fulfilOrder(api.services, actor(producer), order.id)).rejects.toBeInstanceOf(OrderStatusError);
    expect((await acceptOrder(api.services, actor(producer), order.id)).status).toBe('accepted');
    expect((await acceptOrder(api.services, actor(producer), order.id)).status).toBe('accepted');
    await expect(cancelOrder(api.services, actor(buyer), order.id)).rejects.toBeInstanceOf(OrderStatusError);
    await expect(confirmOrder(api.services, actor(buyer), order.id)).rejects.toBeInstanceOf(OrderStatusError);
    expect((await fulfilOrder(api.services, actor(producer), order.id)).status).toBe('fulfilled');
    await expect(confirmOrder(api.services, actor(stranger), order.id)).rejects.toBeInstanceOf(OrderForbiddenError);
    await expect(confirmOrder(api.services, actor(producer), order.id)).rejects.toBeInstanceOf(OrderForbiddenError);
    const confirmed = await confirmOrder(api.services, actor(buyer), order.id);
    expect(confirmed.status).toBe('confirmed');
    // 31.05 at 3% is 0.9315, rounded to 0.93: the parts sum to the price.
    expect(confirmed.contributionAmount!.toFixed(2)).toBe('0.93');
    expect(confirmed.producerAmount!.toFixed(2)).toBe('30.12');
    const repeat = await confirmOrder(api.services, actor(buyer), order.id);
    expect(repeat.status).toBe('confirmed');

    expect((await posted(producer.id)).minus(producerBefore).toFixed(2)).toBe('30.12');
    expect((await posted(fundAccountCode)).minus(fundBefore).toFixed(2)).toBe('0.93');
    expect(buyerBefore.minus(await posted(buyer.id)).toFixed(2)).toBe('31.05');
    const transfers = await api.services.ledger.listTransfers({ limit: 1000 });
    expect(transfers.filter((transfer) => transfer.reference === order.id).map((transfer) => transfer.type).sort()).toEqual(['immediate', 'immediate', 'pending', 'post']);
    expect(await api.services.ledger.verifyLedger()).toMatchObject({ ok: true });
  });

  it('voids the hold and returns the stock on rejection and on cancellation, once', async () => {
    const before = await available(buyer.id);
    const rejected = await placeOrder('4.00', 2, 5);
    await expect(rejectOrder(api.services, actor(stranger), rejected.order.id)).rejects.toBeInstanceOf(OrderForbiddenError);
    expect((await rejectOrder(api.services, actor(producer), rejected.order.id)).status).toBe('rejected');
    expect((await rejectOrder(api.services, actor(producer), rejected.order.id)).status).toBe('rejected');
    expect((await api.database.prisma.offer.findUniqueOrThrow({ where: { id: rejected.offer.id } })).stock).toBe(5);

    const cancelled = await placeOrder('4.00', 1, 1);
    await expect(cancelOrder(api.services, actor(producer), cancelled.order.id)).rejects.toBeInstanceOf(OrderForbiddenError);
    expect((await cancelOrder(api.services, actor(buyer), cancelled.order.id)).status).toBe('cancelled');
    await Promise.all([cancelOrder(api.services, actor(buyer), cancelled.order.id), cancelOrder(api.services, actor(buyer), cancelled.order.id)]);
    expect((await api.database.prisma.offer.findUniqueOrThrow({ where: { id: cancelled.offer.id } })).stock).toBe(1);
    await expect(acceptOrder(api.services, actor(producer), cancelled.order.id)).rejects.toBeInstanceOf(OrderStatusError);

    expect((await available(buyer.id)).equals(before)).toBe(true);
    const voids = (await api.services.ledger.listTransfers({ limit: 1000 })).filter(
      (transfer) => transfer.type === 'void' && (transfer.reference === rejected.order.id || transfer.pendingId === cancelled.order.holdTransferId || transfer.pendingId === rejected.order.holdTransferId),
    );
    expect(voids).toHaveLength(2);
  });

  it('keeps the hold during a dispute and lets only an admin resolve it', async () => {
    const { order } = await placeOrder('20.00', 1, null);
    await acceptOrder(api.services, actor(producer), order.id);
    await expect(disputeOrder(api.services, actor(producer), order.id, 'Nie angekommen')).rejects.toBeInstanceOf(OrderForbiddenError);
    expect((await disputeOrder(api.services, actor(buyer), order.id, 'Nie angekommen')).status).toBe('disputed');
    await expect(confirmOrder(api.services, actor(buyer), order.id)).rejects.toBeInstanceOf(OrderStatusError);
    await expect(resolveDispute(api.services, actor(buyer), order.id, 'refund_buyer', null)).rejects.toBeInstanceOf(OrderForbiddenError);

    const buyerBefore = await posted(buyer.id);
    const producerBefore = await posted(producer.id);
    const resolved = await resolveDispute(api.services, actor(admin, ['member', 'admin']), order.id, 'partial_refund', new Decimal('12.50'));
    expect(resolved.status).toBe('resolved');
    const split = splitPayment(new Decimal('12.50'), await contributionRateAt(api.database.prisma, new Date()));
    expect(resolved.producerAmount!.toFixed(2)).toBe(split.producer.toFixed(2));
    expect(resolved.refundAmount!.toFixed(2)).toBe('7.50');
    expect(buyerBefore.minus(await posted(buyer.id)).toFixed(2)).toBe('12.50');
    expect((await posted(producer.id)).minus(producerBefore).toFixed(2)).toBe(split.producer.toFixed(2));
    // The same resolution again is a repeat; another one is refused.
    await resolveDispute(api.services, actor(admin, ['member', 'admin']), order.id, 'partial_refund', new Decimal('12.50'));
    await expect(resolveDispute(api.services, actor(admin, ['member', 'admin']), order.id, 'refund_buyer', null)).rejects.toBeInstanceOf(OrderStatusError);

    const refunded = await placeOrder('5.00', 1, null);
    await acceptOrder(api.services, actor(producer), refunded.order.id);
    await disputeOrder(api.services, actor(buyer), refunded.order.id, 'Verdorben');
    const availableBefore = await available(buyer.id);
    expect((await resolveDispute(api.services, actor(admin, ['member', 'admin']), refunded.order.id, 'refund_buyer', null)).refundAmount!.toFixed(2)).toBe('5.00');
    expect((await available(buyer.id)).minus(availableBefore).toFixed(2)).toBe('5.00');
    expect(await api.services.ledger.verifyLedger()).toMatchObject({ ok: true });
  });

  it('confirms fulfilled orders automatically after the configured days', async () => {
    const { order } = await placeOrder('3.00', 1, null);
    await acceptOrder(api.services, actor(producer), order.id);
    await fulfilOrder(api.services, actor(producer), order.id);
    expect(await autoConfirmOrders(api.services, { afterDays: 14 })).toEqual({ confirmed: 0, failed: 0 });
    const later = new Date(Date.now() + 15 * 24 * 60 * 60 * 1000);
    expect(await autoConfirmOrders(api.services, { afterDays: 14, now: later })).toEqual({ confirmed: 1, failed: 0 });
    expect((await api.database.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('confirmed');
    expect(await autoConfirmOrders(api.services, { afterDays: 14, now: later })).toEqual({ confirmed: 0, failed: 0 });
  });
});
