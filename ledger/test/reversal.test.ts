// Reversals: new transfers linked to the original, partial up to the remaining amount.
import { CURRENCY, type TestLedger, codeOf, createMember, expectOk, newKey, openTestLedger, postedBalances } from './support';

let t: TestLedger;
beforeAll(async () => {
  t = await openTestLedger();
});
afterAll(async () => {
  await t.close();
});

async function pay(from: string, to: string, amount: string) {
  const [result] = await t.ledger.createTransfers([
    { type: 'immediate', idempotencyKey: newKey('pay'), debitAccountId: from, creditAccountId: to, currency: CURRENCY, amount, kind: 'payment' },
  ]);
  return expectOk(result).transfer;
}

describe('reversals', () => {
  it('moves money back in parts up to the original amount', async () => {
    const anna = await createMember(t.ledger, 'anna-r1');
    const ben = await createMember(t.ledger, 'ben-r1');
    const original = await pay(anna.id, ben.id, '10.00');
    const first = { type: 'reversal' as const, idempotencyKey: newKey('rev'), transferId: original.id, amount: '4.00', memo: 'One item returned' };
    const results = await t.ledger.createTransfers([
      first,
      { type: 'reversal', idempotencyKey: newKey('rev'), transferId: original.id, amount: '6.01' },
      { type: 'reversal', idempotencyKey: newKey('rev'), transferId: original.id },
      { type: 'reversal', idempotencyKey: newKey('rev'), transferId: original.id, amount: '0.01' },
    ]);
    expect(results.map(codeOf)).toEqual(['ok', 'reversal_exceeds_remaining', 'ok', 'reversal_exceeds_remaining']);
    const reversal = expectOk(results[0]).transfer;
    expect([reversal.type, reversal.reversalOfId, reversal.debitAccountId, reversal.creditAccountId, reversal.kind]).toEqual([
      'reversal',
      original.id,
      ben.id,
      anna.id,
      'reversal',
    ]);
    expect(expectOk(results[2]).transfer.amount.toFixed(2)).toBe('6.00');
    expect(await postedBalances(t.ledger, [anna.id, ben.id])).toEqual({ [anna.id]: '0.00', [ben.id]: '0.00' });
    expect(codeOf((await t.ledger.createTransfers([first]))[0])).toBe('exists');
  });

  it('reverses only immediate and post transfers, and respects the credit limit', async () => {
    const anna = await createMember(t.ledger, 'anna-r2');
    const ben = await createMember(t.ledger, 'ben-r2', { creditLimit: '0.00' });
    const carl = await createMember(t.ledger, 'carl-r2');
    const original = await pay(anna.id, ben.id, '5.00');
    await pay(ben.id, carl.id, '5.00');
    const [holdResult] = await t.ledger.createTransfers([
      { type: 'pending', idempotencyKey: newKey(), debitAccountId: anna.id, creditAccountId: carl.id, currency: CURRENCY, amount: '1.00', kind: 'escrow' },
    ]);
    const pending = expectOk(holdResult).transfer;
    const [reversalResult] = await t.ledger.createTransfers([{ type: 'reversal', idempotencyKey: newKey(), transferId: original.id, amount: '1.00' }]);
    const results = await t.ledger.createTransfers([
      { type: 'reversal', idempotencyKey: newKey(), transferId: '00000000-0000-4000-8000-000000000000' },
      { type: 'reversal', idempotencyKey: newKey(), transferId: pending.id },
      { type: 'reversal', idempotencyKey: newKey(), transferId: original.id, amount: '1.001' },
    ]);
    expect(codeOf(reversalResult)).toBe('exceeds_credit_limit');
    expect(results.map(codeOf)).toEqual(['reversal_target_not_found', 'reversal_target_not_reversible', 'amount_scale_exceeded']);
  });
});
