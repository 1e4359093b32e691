// Orders left in `placing` by the earlier checkout, which reserved stock and wrote the hold in
// separate transactions: a process that ended between them left the stock reserved and perhaps a
// pending hold, and the buyer was never told the checkout succeeded. Today's checkout commits in one
// transaction and no order enters `placing` any more; this undoes what a database from before still
// holds: each such order, in one transaction, gets its stock back, its hold (if one was written)
// voided and the state `failed`, which members never see.
import { lockOrder, recordMove, releaseStock } from './order-statements';
import { orderStepKey, voidRequest, type OrderServices } from './order-money';

/** An order this long in `placing` was left by a checkout that ended; a running one takes seconds. */
export const abandonedCheckoutAgeMs = 10 * 60_000;

export async function undoAbandonedCheckouts(services: OrderServices, now = new Date(), limit = 100): Promise<{ undone: number }> {
  const { prisma, ledger } = services;
  const abandoned = await prisma.order.findMany({
    where: { status: 'placing', createdAt: { lt: new Date(now.getTime() - abandonedCheckoutAgeMs) } },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
    take: limit,
  });
  let undone = 0;
  for (const { id } of abandoned) {
    // Read before the transaction: nothing inside it may call another ledger method.
    const hold = await ledger.findTransferByIdempotencyKey(orderStepKey(id, 'hold'));
    const changed = await ledger.transaction(async (transaction) => {
      const order = await lockOrder(transaction.session, id);
      if (order?.status !== 'placing') return false;
      await releaseStock(transaction.session, id);
      if (hold) {
        const [result] = await transaction.createTransfers([voidRequest({ id, holdTransferId: hold.id })]);
        if (!result?.ok && result?.code !== 'pending_already_voided') throw new Error(`The hold of abandoned order ${id} cannot be voided: ${result?.code ?? 'no result'}`);
      }
      await recordMove(transaction.session, id, { status: 'failed', closedAt: now }, [], now);
      return true;
    });
    if (changed) undone += 1;
  }
  return { undone };
}
