// Multi-leg operations as linked chains: all legs or none.
import { CURRENCY, type TestLedger, codeOf, createMember, expectOk, newKey, openTestLedger, postedBalances } from './support';

let t: TestLedger;
beforeAll(async () => {
  t = await openTestLedger();
});
afterAll(async () => {
  await t.close();
});

describe('linked chains', () => {
  it('pays a seller with a 3% contribution to the fund, or nothing at all', async () => {
    const fund = (await t.ledger.findAccountByCode(CURRENCY, 'fund'))!;
    const buyer = await createMember(t.ledger, 'buyer-l1', { creditLimit: '102.00' });
    const seller = await createMember(t.ledger, 'seller-l1');
    const purchase = (amount: string, contribution: string) => [
      { type: 'immediate' as const, idempotencyKey: newKey(), debitAccountId: buyer.id, creditAccountId: seller.id, currency: CURRENCY, amount, kind: 'payment', reference: 'order-7', linked: true },
      { type: 'immediate' as const, idempotencyKey: newKey(), debitAccountId: buyer.id, creditAccountId: fund.id, currency: CURRENCY, amount: contribution, kind: 'contribution', reference: 'order-7' },
    ];
    expect((await t.ledger.createTransfers(purchase('100.00', '3.00'))).map(codeOf)).toEqual(['linked_event_failed', 'exceeds_credit_limit']);
    expect(await postedBalances(t.ledger, [buyer.id, seller.id, fund.id])).toEqual({ [buyer.id]: '0.00', [seller.id]: '0.00', [fund.id]: '0.00' });
    expect((await t.ledger.createTransfers(purchase('50.00', '1.50'))).map(codeOf)).toEqual(['ok', 'ok']);
    expect(await postedBalances(t.ledger, [buyer.id, seller.id, fund.id])).toEqual({ [buyer.id]: '-51.50', [seller.id]: '50.00', [fund.id]: '1.50' });
  });

  it('runs a checkout: hold in escrow, then post and distribute in one chain', async () => {
    const fund = (await t.ledger.findAccountByCode(CURRENCY, 'fund'))!;
    const escrow = (await t.ledger.findAccountByCode(CURRENCY, 'escrow'))!;
    const buyer = await createMember(t.ledger, 'buyer-l2');
    const seller = await createMember(t.ledger, 'seller-l2');
    const before = await postedBalances(t.ledger, [fund.id]);
    const [holdResult] = await t.ledger.createTransfers([
      { type: 'pending', idempotencyKey: newKey(), debitAccountId: buyer.id, creditAccountId: escrow.id, currency: CURRENCY, amount: '20.00', kind: 'escrow', timeoutSeconds: 86_400 },
    ]);
    const pending = expectOk(holdResult).transfer;
    const results = await t.ledger.createTransfers([
      { type: 'post', idempotencyKey: newKey(), pendingId: pending.id, linked: true },
      { type: 'immediate', idempotencyKey: newKey(), debitAccountId: escrow.id, creditAccountId: seller.id, currency: CURRENCY, amount: '19.40', kind: 'payment', linked: true },
      { type: 'immediate', idempotencyKey: newKey(), debitAccountId: escrow.id, creditAccountId: fund.id, currency: CURRENCY, amount: '0.60', kind: 'contribution' },
    ]);
    expect(results.map(codeOf)).toEqual(['ok', 'ok', 'ok']);
    const after = await postedBalances(t.ledger, [buyer.id, seller.id, escrow.id, fund.id]);
    expect(after).toEqual({ [buyer.id]: '-20.00', [seller.id]: '19.40', [escrow.id]: '0.00', [fund.id]: (Number(before[fund.id]) + 0.6).toFixed(2) });
  });
});
