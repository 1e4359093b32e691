// Every order step cut off at every point between its writes: before each statement of its
// transaction, before its COMMIT, and after the COMMIT before it could answer. Cut off before the
// COMMIT, the step leaves nothing behind (the state is exactly as before and every invariant holds);
// cut off after it, the step is complete, and making it again (the client's retry) changes nothing.
// Runs on PGlite and, with DATABASE_URL, on PostgreSQL.
import { Decimal, createLedger, createSqlLedgerStore } from '@allmende/ledger';
import { createTestApi, type TestApi } from './support/api';
import { CrashError, CrashPlan, crashingSqlDriver } from './support/crash-points';
import { orderInvariantProblems } from './support/order-invariants';
import { createMember, createOffer, type TestMember, checkoutOrders } from './support/orders';
import { randomUUID } from 'node:crypto';
import { undoAbandonedCheckouts } from '../src/orders/abandoned-checkouts';
import { autoConfirmOrders } from '../src/orders/auto-confirm-orders';
import { addToCart } from '../src/orders/cart';
import { Checkouts, type CheckoutServices } from '../src/orders/checkout';
import { acceptOrder, cancelOrder, confirmOrder, disputeOrder, fulfilOrder, rejectOrder, resolveDispute, type Actor } from '../src/orders/order-lifecycle';
import { cooperativeAccounts, holdRequests } from '../src/orders/order-money';
import { ensureMemberAccount } from '../src/wallet/ensure-member-account';

describe('order steps cut off at every point', () => {
  let api: TestApi;
  let plan: CrashPlan;
  /** The use cases' services, with a ledger whose transactions crash where the plan says. */
  let crashing: CheckoutServices;
  let buyer: TestMember;
  let anna: TestMember;
  let bert: TestMember;
  let admin: TestMember;
  const stockInitial = new Map<string, number>();
  let keyCounter = 0;

  const actor = (member: TestMember, roles: string[] = ['member']): Actor => ({ id: member.id, roles });

  beforeAll(async () => {
    api = await createTestApi();
    plan = new CrashPlan();
    const crashingLedger = createLedger({ store: createSqlLedgerStore(crashingSqlDriver(api.database.sqlDriver, plan)) });
    crashing = { prisma: api.database.prisma, ledger: crashingLedger, checkouts: new Checkouts({ prisma: api.database.prisma, ledger: crashingLedger }) };
    buyer = await createMember(api, 'Ida');
    anna = await createMember(api, 'Jana', ['member', 'producer']);
    bert = await createMember(api, 'Kurt', ['member', 'producer']);
    admin = await createMember(api, 'Lena', ['member', 'admin']);
    // Accounts exist before the steps, so each step is its one transaction; the buyer buys a lot.
    for (const member of [buyer, anna, bert]) await ensureMemberAccount(api.services, member);
    const buyerAccount = await ensureMemberAccount(api.services, buyer);
    expect(await api.services.ledger.setAccountLimits(buyerAccount.id, { creditLimit: '10000.00', maximumBalance: null })).toMatchObject({ ok: true });
  });
  afterAll(() => api.close());

  async function offer(producer: TestMember, price: string, stock: number | null) {
    const created = await createOffer(api, producer.id, { title: `Ware ${++keyCounter}`, price, stock });
    if (stock !== null) stockInitial.set(created.id, stock);
    return created;
  }

  /** An order of the buyer, placed through the plain services and moved on to the given state. */
  async function orderIn(state: 'placed' | 'accepted' | 'fulfilled' | 'disputed', price = '12.40'): Promise<string> {
    const bought = await offer(anna, price, 20);
    await addToCart(api.database.prisma, buyer.id, { offerId: bought.id, quantity: 2 });
    const { orders } = await checkoutOrders(api.services, buyer, { idempotencyKey: `crash-setup-${++keyCounter}`, expectedPrices: [{ offerId: bought.id, price }] });
    const orderId = orders[0]!.id;
    if (state === 'placed') return orderId;
    await acceptOrder(api.services, actor(anna), orderId);
    if (state === 'disputed') await disputeOrder(api.services, actor(buyer), orderId, 'Kam beschädigt an');
    if (state === 'fulfilled') await fulfilOrder(api.services, actor(anna), orderId);
    return orderId;
  }

  /** Everything a step may change, as one comparable text. */
  async function state(): Promise<string> {
    const prisma = api.database.prisma;
    const [orders, offers, notifications, cart, accounts] = await Promise.all([
      prisma.order.findMany({ orderBy: { id: 'asc' }, include: { items: { orderBy: { offerId: 'asc' } } } }),
      prisma.offer.findMany({ orderBy: { id: 'asc' }, select: { id: true, stock: true } }),
      prisma.notification.findMany({ orderBy: { dedupKey: 'asc' }, select: { dedupKey: true, recipientId: true, kind: true, payload: true } }),
      prisma.cartItem.findMany({ orderBy: [{ memberId: 'asc' }, { offerId: 'asc' }], select: { memberId: true, offerId: true, quantity: true } }),
      api.services.ledger.listAccounts({ limit: 1000 }),
    ]);
    const transfers = await api.services.ledger.listTransfers({ limit: 10_000 });
    return JSON.stringify({ orders, offers, notifications, cart, accounts, transfers: transfers.map((transfer) => transfer.idempotencyKey) });
  }

  async function expectConsistent(): Promise<void> {
    expect(await orderInvariantProblems(api.database.prisma, api.services.ledger, { stockInitial })).toEqual([]);
  }

  /**
   * Runs the step cut off at event 0, 1, 2, ... until it is cut off after its COMMIT; then runs it
   * again as a client's retry would. Returns what the retry returned.
   */
  async function cutEverywhere<T>(name: string, step: () => Promise<T>, done: () => Promise<boolean>, options: { consistentBefore?: boolean } = {}): Promise<T> {
    for (let crashAt = 0; crashAt < 100; crashAt += 1) {
      const before = await state();
      plan.arm(crashAt);
      let crash: CrashError | null = null;
      try {
        await step();
      } catch (error) {
        if (!(error instanceof CrashError)) throw error;
        crash = error;
      } finally {
        plan.arm(null);
      }
      if (!crash) throw new Error(`${name} ran through without reaching event ${crashAt}`);
      if (options.consistentBefore !== false || crash.event.kind === 'committed') await expectConsistent();
      if (crash.event.kind !== 'committed' || !(await done())) {
        expect({ name, at: crash.event, state: await state() }).toEqual({ name, at: crash.event, state: before });
        continue;
      }
      // At least one statement, the COMMIT and the return were each cut off.
      expect(crashAt).toBeGreaterThanOrEqual(2);
      const afterCommit = await state();
      const retried = await step();
      expect({ name, retry: await state() }).toEqual({ name, retry: afterCommit });
      await expectConsistent();
      return retried;
    }
    throw new Error(`${name} never committed`);
  }

  async function statusOf(orderId: string): Promise<string> {
    return (await api.database.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).status;
  }

  it('checkout: nothing reserved, held or written unless all of it is, and a retry finds the orders', async () => {
    const apples = await offer(anna, '2.90', 10);
    const honey = await offer(anna, '6.50', null);
    const bread = await offer(bert, '4.20', 3);
    for (const [bought, quantity] of [
      [apples, 3],
      [honey, 1],
      [bread, 2],
    ] as const) {
      await addToCart(api.database.prisma, buyer.id, { offerId: bought.id, quantity });
    }
    const input = { idempotencyKey: 'crash-checkout-1', expectedPrices: [apples, honey, bread].map((item) => ({ offerId: item.id, price: item.price.toFixed(2) })) };
    const done = async () => (await api.database.prisma.order.count({ where: { buyerId: buyer.id, checkoutKey: input.idempotencyKey } })) > 0;
    const retried = await cutEverywhere('checkout', () => checkoutOrders(crashing, buyer, input), done);
    expect(retried.alreadyExisted).toBe(true);
    expect(retried.orders.map((order) => [order.status, order.total.toFixed(2)]).sort()).toEqual([
      ['placed', '15.20'],
      ['placed', '8.40'],
    ]);
    expect(await api.database.prisma.cartItem.count({ where: { memberId: buyer.id } })).toBe(0);
  });

  it('accept, fulfil and dispute: state and notification together', async () => {
    const accepted = await orderIn('placed');
    await cutEverywhere('accept', () => acceptOrder(crashing, actor(anna), accepted), async () => (await statusOf(accepted)) === 'accepted');
    await cutEverywhere('fulfil', () => fulfilOrder(crashing, actor(anna), accepted), async () => (await statusOf(accepted)) === 'fulfilled');
    await cutEverywhere('dispute', () => disputeOrder(crashing, actor(buyer), accepted, 'Nicht wie beschrieben'), async () => (await statusOf(accepted)) === 'disputed');
    await resolveDispute(api.services, actor(admin, ['member', 'admin']), accepted, 'refund_buyer', null);
  });

  it('reject and cancel: hold voided and stock returned with the state', async () => {
    const rejected = await orderIn('placed');
    await cutEverywhere('reject', () => rejectOrder(crashing, actor(anna), rejected), async () => (await statusOf(rejected)) === 'rejected');
    const cancelled = await orderIn('placed');
    await cutEverywhere('cancel', () => cancelOrder(crashing, actor(buyer), cancelled), async () => (await statusOf(cancelled)) === 'cancelled');
  });

  it('confirm: hold posted, producer and fund paid, amounts and notification recorded together', async () => {
    const orderId = await orderIn('fulfilled', '10.35');
    const confirmed = await cutEverywhere('confirm', () => confirmOrder(crashing, actor(buyer), orderId), async () => (await statusOf(orderId)) === 'confirmed');
    expect([confirmed.producerAmount?.toFixed(2), confirmed.contributionAmount?.toFixed(2), confirmed.refundAmount?.toFixed(2)]).toEqual(['20.08', '0.62', '0.00']);
  });

  it('resolve: every outcome settles with its amounts at once', async () => {
    const admin_ = actor(admin, ['member', 'admin']);
    for (const [outcome, amount, expected] of [
      ['pay_producer', null, ['24.06', '0.74', '0.00']],
      ['partial_refund', new Decimal('10.00'), ['9.70', '0.30', '14.80']],
      ['refund_buyer', null, ['0.00', '0.00', '24.80']],
    ] as const) {
      const orderId = await orderIn('disputed');
      const resolved = await cutEverywhere(`resolve ${outcome}`, () => resolveDispute(crashing, admin_, orderId, outcome, amount), async () => (await statusOf(orderId)) === 'resolved');
      expect([resolved.producerAmount?.toFixed(2), resolved.contributionAmount?.toFixed(2), resolved.refundAmount?.toFixed(2)]).toEqual(expected);
    }
  });

  it('auto-confirm: each due order confirmed whole or not at all', async () => {
    const orderId = await orderIn('fulfilled');
    const later = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000);
    const failures: unknown[] = [];
    const services = { ...crashing, logger: { warn: (details: object) => failures.push((details as { err: unknown }).err) } };
    await cutEverywhere(
      'auto-confirm',
      async () => {
        failures.length = 0;
        const result = await autoConfirmOrders(services, { afterDays: 14, now: later });
        // The job logs an order it could not confirm and goes on; here that is the crash.
        if (failures[0]) throw failures[0];
        return result;
      },
      async () => (await statusOf(orderId)) === 'confirmed',
    );
  });

  it('an order an earlier checkout left in placing is undone whole: stock back, hold voided, failed', async () => {
    // As the earlier checkout left it: the order and its items written and the stock reserved in one
    // transaction, the hold written in a second one, and nothing after.
    const price = '7.30';
    const bought = await offer(bert, price, 9);
    const orderId = randomUUID();
    const total = new Decimal(price).times(3);
    await api.database.prisma.$transaction([
      api.database.prisma.order.create({
        data: {
          id: orderId, buyerId: buyer.id, producerId: bert.id, checkoutKey: `legacy-${orderId}`, status: 'placing', total: total.toFixed(2),
          createdAt: new Date(Date.now() - 60 * 60_000),
          items: { create: [{ offerId: bought.id, title: bought.title, unit: 'Stück', unitPrice: price, quantity: 3, lineTotal: total.toFixed(2) }] },
        },
      }),
      api.database.prisma.offer.update({ where: { id: bought.id }, data: { stock: { decrement: 3 } } }),
    ]);
    const buyerAccount = await ensureMemberAccount(api.services, buyer);
    const { escrow } = await cooperativeAccounts(api.services.ledger);
    const [hold] = await api.services.ledger.createTransfers(holdRequests([{ id: orderId, total }], buyerAccount.id, escrow));
    expect(hold).toMatchObject({ ok: true, transfer: { type: 'pending' } });

    const result = await cutEverywhere('undo abandoned checkout', () => undoAbandonedCheckouts(crashing), async () => (await statusOf(orderId)) === 'failed', {
      consistentBefore: false,
    });
    expect(result).toEqual({ undone: 0 });
    expect((await api.database.prisma.offer.findUniqueOrThrow({ where: { id: bought.id } })).stock).toBe(9);
    await expectConsistent();
  });
});
