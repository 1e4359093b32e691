// What must hold for every order at any moment, whatever crashed before: its state, its hold (open,
// posted or voided), its payouts, the settled amounts, its offers' stock and its notifications agree,
// and the ledger holds no transfer of an order that does not exist (a refused checkout leaves no
// trace). Returns the problems found, so a failing test names them.
import { Decimal, type Account, type Ledger, type Transfer } from '@allmende/ledger';
import type { PrismaClient } from '../../src/db/client';
import { escrowAccountCode, fundAccountCode } from '../../src/wallet/cooperative-currency';
import { memberAccountCode } from '../../src/wallet/ensure-member-account';
import { notificationKinds } from '../../src/notifications/notification-kinds';
import { orderStepKey } from '../../src/orders/order-money';

async function allTransfers(ledger: Ledger): Promise<Transfer[]> {
  const transfers: Transfer[] = [];
  for (let after = 0n; ; ) {
    const page = await ledger.listTransfers({ afterSequence: after, limit: 10_000 });
    transfers.push(...page);
    if (page.length < 10_000) return transfers;
    after = page[page.length - 1]!.sequence;
  }
}

async function allAccounts(ledger: Ledger): Promise<Account[]> {
  const accounts: Account[] = [];
  for (let afterId: string | null = null; ; ) {
    const page = await ledger.listAccounts({ afterId, limit: 1000 });
    accounts.push(...page);
    if (page.length < 1000) return accounts;
    afterId = page[page.length - 1]!.id;
  }
}

const stockHolding = new Set(['placed', 'accepted', 'fulfilled', 'disputed', 'confirmed', 'resolved']);

export interface OrderInvariantOptions {
  /** Stock of each limited offer before any order: what is left plus what open and settled orders took. */
  stockInitial?: ReadonlyMap<string, number>;
}

export async function orderInvariantProblems(prisma: PrismaClient, ledger: Ledger, options: OrderInvariantOptions = {}): Promise<string[]> {
  const problems: string[] = [];
  const [orders, notifications, transfers, accounts] = await Promise.all([
    prisma.order.findMany({ include: { items: true } }),
    prisma.notification.findMany({ where: { dedupKey: { startsWith: 'order:' } }, select: { recipientId: true, kind: true, link: true } }),
    allTransfers(ledger),
    allAccounts(ledger),
  ]);
  const codeOf = new Map(accounts.map((account) => [account.id, account.code]));
  const byKey = new Map(transfers.map((transfer) => [transfer.idempotencyKey, transfer]));
  const resolutionOf = new Map(transfers.filter((transfer) => transfer.pendingId).map((transfer) => [transfer.pendingId!, transfer]));
  const orderIds = new Set(orders.map((order) => order.id));
  const amount = (value: { toString(): string } | null) => (value === null ? null : new Decimal(value.toString()));

  for (const transfer of transfers) {
    const match = /^order:([0-9a-f-]{36}):/.exec(transfer.idempotencyKey);
    if (match && !orderIds.has(match[1]!)) problems.push(`transfer ${transfer.idempotencyKey} belongs to no order`);
  }

  for (const order of orders) {
    const name = `order ${order.id} (${order.status})`;
    const total = new Decimal(order.total.toString());
    if (order.status === 'failed') {
      // Undone: an earlier checkout's order, its stock returned (see stockInitial) and its hold, if
      // it had one, voided.
      const hold = byKey.get(orderStepKey(order.id, 'hold'));
      const resolution = hold ? resolutionOf.get(hold.id) : undefined;
      if (hold && resolution?.type !== 'void') problems.push(`${name}: its hold is not voided`);
      if (order.producerAmount || order.contributionAmount || order.refundAmount) problems.push(`${name} has settled amounts`);
      continue;
    }
    if (order.status === 'placing') {
      problems.push(`${name} is unfinished`);
      continue;
    }
    const hold = byKey.get(orderStepKey(order.id, 'hold'));
    if (!hold) {
      problems.push(`${name} has no hold`);
      continue;
    }
    if (order.holdTransferId !== hold.id) problems.push(`${name} names hold ${order.holdTransferId}, the ledger has ${hold.id}`);
    if (!hold.amount.equals(total)) problems.push(`${name} holds ${hold.amount.toFixed()} of ${total.toFixed()}`);
    if (codeOf.get(hold.debitAccountId) !== memberAccountCode(order.buyerId) || codeOf.get(hold.creditAccountId) !== escrowAccountCode) {
      problems.push(`${name}: the hold does not go from the buyer to escrow`);
    }
    const resolution = resolutionOf.get(hold.id) ?? null;
    const state = resolution === null ? 'open' : resolution.type === 'post' ? 'posted' : 'voided';
    const producerAmount = amount(order.producerAmount);
    const contributionAmount = amount(order.contributionAmount);
    const refundAmount = amount(order.refundAmount);
    const settled = order.status === 'confirmed' || order.status === 'resolved';
    const expectedState = settled ? null : order.status === 'rejected' || order.status === 'cancelled' ? 'voided' : 'open';
    if (expectedState && state !== expectedState) problems.push(`${name}: its hold is ${state}, not ${expectedState}`);
    if (!settled && (producerAmount || contributionAmount || refundAmount)) problems.push(`${name} has settled amounts`);
    if (settled) {
      if (!producerAmount || !contributionAmount || !refundAmount) {
        problems.push(`${name} lacks its settled amounts`);
      } else {
        const paid = producerAmount.plus(contributionAmount);
        if (!paid.plus(refundAmount).equals(total)) problems.push(`${name}: settled amounts do not add up to the total`);
        if (order.status === 'confirmed' && !refundAmount.isZero()) problems.push(`${name} refunded on confirmation`);
        const action = order.status === 'confirmed' ? 'confirm' : 'resolve';
        if (paid.isZero()) {
          if (state !== 'voided') problems.push(`${name}: nothing paid but the hold is ${state}`);
        } else {
          if (state !== 'posted' || !resolution!.amount.equals(paid)) problems.push(`${name}: ${paid.toFixed()} paid but the hold is ${state} ${resolution?.amount.toFixed() ?? ''}`);
          const payout = byKey.get(orderStepKey(order.id, `${action}:producer`));
          const contribution = byKey.get(orderStepKey(order.id, `${action}:fund`));
          if (!(payout?.amount ?? new Decimal(0)).equals(producerAmount) || (payout && codeOf.get(payout.creditAccountId) !== memberAccountCode(order.producerId))) {
            problems.push(`${name}: the producer's payout does not match`);
          }
          if (!(contribution?.amount ?? new Decimal(0)).equals(contributionAmount) || (contribution && codeOf.get(contribution.creditAccountId) !== fundAccountCode)) {
            problems.push(`${name}: the contribution does not match`);
          }
        }
      }
    }

    const expected = [`${order.producerId}:${notificationKinds.orderPlaced}`];
    if (order.acceptedAt) expected.push(`${order.buyerId}:${notificationKinds.orderAccepted}`);
    if (order.fulfilledAt) expected.push(`${order.buyerId}:${notificationKinds.orderFulfilled}`);
    if (order.disputeReason !== '') expected.push(`${order.producerId}:${notificationKinds.orderDisputed}`);
    if (order.status === 'rejected') expected.push(`${order.buyerId}:${notificationKinds.orderRejected}`);
    if (order.status === 'cancelled') expected.push(`${order.producerId}:${notificationKinds.orderCancelled}`);
    if (order.status === 'confirmed') expected.push(`${order.producerId}:${notificationKinds.orderConfirmed}`);
    if (order.status === 'resolved') expected.push(`${order.buyerId}:${notificationKinds.orderResolved}`, `${order.producerId}:${notificationKinds.orderResolved}`);
    const actual = notifications.filter((notification) => notification.link === `/orders/${order.id}`).map((notification) => `${notification.recipientId}:${notification.kind}`);
    if (expected.sort().join(' ') !== actual.sort().join(' ')) problems.push(`${name}: notifications ${actual.join(', ')} instead of ${expected.join(', ')}`);
  }

  if (options.stockInitial) {
    const offers = await prisma.offer.findMany({ where: { id: { in: [...options.stockInitial.keys()] } }, select: { id: true, stock: true } });
    for (const offer of offers) {
      const taken = orders
        .filter((order) => stockHolding.has(order.status))
        .flatMap((order) => order.items)
        .filter((item) => item.offerId === offer.id)
        .reduce((sum, item) => sum + item.quantity, 0);
      const initial = options.stockInitial.get(offer.id)!;
      if ((offer.stock ?? 0) + taken !== initial) problems.push(`offer ${offer.id}: ${offer.stock} in stock and ${taken} sold, of ${initial}`);
      if ((offer.stock ?? 0) < 0) problems.push(`offer ${offer.id} is oversold`);
    }
  }

  const verification = await ledger.verifyLedger();
  if (!verification.ok) problems.push(`ledger: ${verification.problem.message}`);
  const references = await ledger.verifyReferences();
  if (!references.ok) problems.push(`ledger references: ${references.problem.message}`);
  return problems;
}
