// Two-phase transfers: holds, post (full or partial), void, expiry, and their failure codes.
import { CURRENCY, type TestLedger, codeOf, createMember, expectOk, newKey, openTestLedger } from './support';
import type { Transfer } from '../src';

let t: TestLedger;
beforeAll(async () => {
  t = await openTestLedger();
});
afterAll(async () => {
  await t.close();
});

function hold(from: string, to: string, amount: string, timeoutSeconds?: number) {
  return {
    type: 'pending' as const,
    idempotencyKey: newKey('hold'),
    debitAccountId: from,
    creditAccountId: to,
    currency: CURRENCY,
    amount,
    kind: 'escrow',
    ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
  };
}

async function balances(id: string) {
  const [balance] = await t.ledger.getBalances([id]);
  return {
    posted: balance!.posted.toFixed(2),
    pendingDebits: balance!.pendingDebits.toFixed(2),
    pendingCredits: balance!.pendingCredits.toFixed(2),
    available: balance!.available.toFixed(2),
  };
}

describe('pending transfers', () => {
  it('holds an amount against the available balance until it is posted in part', async () => {
    const buyer = await createMember(t.ledger, 'buyer-1', { creditLimit: '10.00' });
    const seller = await createMember(t.ledger, 'seller-1');
    const pending = expectOk((await t.ledger.createTransfers([hold(buyer.id, seller.id, '8.00')]))[0]).transfer;
    expect(await balances(buyer.id)).toEqual({ posted: '0.00', pendingDebits: '8.00', pendingCredits: '0.00', available: '2.00' });
    expect(await balances(seller.id)).toEqual({ posted: '0.00', pendingDebits: '0.00', pendingCredits: '8.00', available: '100.00' });
    const spend = { type: 'immediate' as const, idempotencyKey: newKey(), debitAccountId: buyer.id, creditAccountId: seller.id, currency: CURRENCY, amount: '3.00', kind: 'payment' };
    expect(codeOf((await t.ledger.createTransfers([spend]))[0])).toBe('exceeds_credit_limit');

    const post = { type: 'post' as const, idempotencyKey: newKey('post'), pendingId: pending.id, amount: '5.00' };
    const posted = expectOk((await t.ledger.createTransfers([post]))[0]).transfer;
    expect([posted.type, posted.amount.toFixed(2), posted.kind, posted.debitAccountId]).toEqual(['post', '5.00', 'escrow', buyer.id]);
    expect(await balances(buyer.id)).toEqual({ posted: '-5.00', pendingDebits: '0.00', pendingCredits: '0.00', available: '5.00' });
    expect(await balances(seller.id)).toEqual({ posted: '5.00', pendingDebits: '0.00', pendingCredits: '0.00', available: '105.00' });
    expect(codeOf((await t.ledger.createTransfers([post]))[0])).toBe('exists');
    expect((await t.ledger.getPendingStatus(pending.id))?.state).toBe('posted');
  });

  it('posts the whole hold when no amount is given, and refuses a second resolution', async () => {
    const buyer = await createMember(t.ledger, 'buyer-2');
    const seller = await createMember(t.ledger, 'seller-2');
    const [first, second] = await t.ledger.createTransfers([hold(buyer.id, seller.id, '4.00'), hold(buyer.id, seller.id, '6.00')]);
    const one = expectOk(first).transfer;
    const two = expectOk(second).transfer;
    const results = await t.ledger.createTransfers([
      { type: 'post', idempotencyKey: newKey(), pendingId: one.id },
      { type: 'post', idempotencyKey: newKey(), pendingId: one.id },
      { type: 'void', idempotencyKey: newKey(), pendingId: one.id },
      { type: 'void', idempotencyKey: newKey(), pendingId: two.id },
      { type: 'post', idempotencyKey: newKey(), pendingId: two.id },
      { type: 'void', idempotencyKey: newKey(), pendingId: two.id },
    ]);
    expect(results.map(codeOf)).toEqual(['ok', 'pending_already_posted', 'pending_already_posted', 'ok', 'pending_already_voided', 'pending_already_voided']);
    expect(expectOk(results[0]).transfer.amount.toFixed(2)).toBe('4.00');
    expect(await balances(buyer.id)).toEqual({ posted: '-4.00', pendingDebits: '0.00', pendingCredits: '0.00', available: '96.00' });
    expect((await t.ledger.getPendingStatus(two.id))?.state).toBe('voided');
  });

  it('reads the states of several holds at once, leaving out ids that are no hold', async () => {
    const buyer = await createMember(t.ledger, 'buyer-states');
    const seller = await createMember(t.ledger, 'seller-states');
    const held = (await t.ledger.createTransfers([hold(buyer.id, seller.id, '1.00'), hold(buyer.id, seller.id, '2.00'), hold(buyer.id, seller.id, '3.00')])).map((result) => expectOk(result).transfer);
    const [open, posted, voided] = held as [Transfer, Transfer, Transfer];
    const resolutions = await t.ledger.createTransfers([
      { type: 'post', idempotencyKey: newKey(), pendingId: posted.id },
      { type: 'void', idempotencyKey: newKey(), pendingId: voided.id },
    ]);
    const postTransfer = expectOk(resolutions[0]).transfer;
    const statuses = await t.ledger.getPendingStatuses([voided.id, postTransfer.id, open.id, posted.id, 'not-an-id', open.id]);
    expect(statuses.map((status) => [status.pending.id, status.state, status.resolution?.type ?? null])).toEqual([
      [voided.id, 'voided', 'void'],
      [open.id, 'pending', null],
      [posted.id, 'posted', 'post'],
    ]);
    expect(await t.ledger.getPendingStatuses([])).toEqual([]);
  });

  it('reports the failure codes of post and void', async () => {
    const buyer = await createMember(t.ledger, 'buyer-3');
    const seller = await createMember(t.ledger, 'seller-3');
    const pending = expectOk((await t.ledger.createTransfers([hold(buyer.id, seller.id, '4.00')]))[0]).transfer;
    const immediate = expectOk(
      (await t.ledger.createTransfers([{ type: 'immediate', idempotencyKey: newKey(), debitAccountId: buyer.id, creditAccountId: seller.id, currency: CURRENCY, amount: '1.00', kind: 'payment' }]))[0],
    ).transfer;
    const results = await t.ledger.createTransfers([
      { type: 'post', idempotencyKey: newKey(), pendingId: '00000000-0000-4000-8000-000000000000' },
      { type: 'post', idempotencyKey: newKey(), pendingId: immediate.id },
      { type: 'void', idempotencyKey: newKey(), pendingId: 'nonsense' },
      { type: 'post', idempotencyKey: newKey(), pendingId: pending.id, amount: '4.001' },
      { type: 'post', idempotencyKey: newKey(), pendingId: pending.id, amount: '0' },
      { type: 'post', idempotencyKey: newKey(), pendingId: pending.id, amount: '4.01' },
      { ...hold(buyer.id, seller.id, '1.00'), timeoutSeconds: 0 },
      { ...hold(buyer.id, seller.id, '1.00'), timeoutSeconds: 1.5 },
    ]);
    expect(results.map(codeOf)).toEqual([
      'pending_not_found',
      'pending_not_found',
      'pending_not_found',
      'amount_scale_exceeded',
      'amount_must_be_positive',
      'post_amount_exceeds_pending',
      'timeout_invalid',
      'timeout_invalid',
    ]);
  });

  it('expires: post and void fail once the time has passed, and the expiry job releases the hold once', async () => {
    const buyer = await createMember(t.ledger, 'buyer-4');
    const seller = await createMember(t.ledger, 'seller-4');
    const [expiring, lasting] = await t.ledger.createTransfers([hold(buyer.id, seller.id, '7.00', 60), hold(buyer.id, seller.id, '2.00', 3600)]);
    const pending = expectOk(expiring).transfer;
    expect(pending.expiresAt?.getTime()).toBe(pending.createdAt.getTime() + 60_000);
    t.clock.advanceSeconds(59);
    expect((await t.ledger.voidExpiredPendingTransfers()).voided).toBe(0);
    t.clock.advanceSeconds(1);
    const late = await t.ledger.createTransfers([
      { type: 'post', idempotencyKey: newKey(), pendingId: pending.id },
      { type: 'void', idempotencyKey: newKey(), pendingId: pending.id },
    ]);
    expect(late.map(codeOf)).toEqual(['pending_expired', 'pending_expired']);
    expect(await t.ledger.voidExpiredPendingTransfers()).toEqual({ voided: 1, alreadyResolved: 0, more: false });
    expect(await t.ledger.voidExpiredPendingTransfers()).toEqual({ voided: 0, alreadyResolved: 0, more: false });
    const status = await t.ledger.getPendingStatus(pending.id);
    expect(status?.state).toBe('expired');
    expect(status?.resolution?.kind).toBe('expiry');
    expect(await balances(buyer.id)).toEqual({ posted: '0.00', pendingDebits: '2.00', pendingCredits: '0.00', available: '98.00' });
    expect((await t.ledger.getPendingStatus(expectOk(lasting).transfer.id))?.state).toBe('pending');
  });

  it('counts incoming holds towards the maximum balance', async () => {
    const buyer = await createMember(t.ledger, 'buyer-5');
    const capped = await createMember(t.ledger, 'capped-5', { maximumBalance: '10.00' });
    const results = await t.ledger.createTransfers([hold(buyer.id, capped.id, '8.00'), hold(buyer.id, capped.id, '3.00'), hold(buyer.id, capped.id, '2.00')]);
    expect(results.map(codeOf)).toEqual(['ok', 'exceeds_maximum_balance', 'ok']);
  });
});
