// Immediate transfers: balances, the failure codes with their order, idempotency.
import { Decimal } from '../src/index';
import { CURRENCY, type TestLedger, codeOf, createMember, expectOk, newKey, openTestLedger, postedBalances } from './support';

let t: TestLedger;
beforeAll(async () => {
  t = await openTestLedger();
});
afterAll(async () => {
  await t.close();
});

function pay(from: string, to: string, amount: string, extra: Record<string, unknown> = {}) {
  return { type: 'immediate' as const, idempotencyKey: newKey('pay'), debitAccountId: from, creditAccountId: to, currency: CURRENCY, amount, kind: 'payment', ...extra };
}

describe('immediate transfers', () => {
  it('moves money between members and keeps the sum at zero', async () => {
    const anna = await createMember(t.ledger, 'anna-1');
    const ben = await createMember(t.ledger, 'ben-1');
    const [result] = await t.ledger.createTransfers([pay(anna.id, ben.id, '12.50', { memo: 'Apples', reference: 'order-1' })]);
    const { transfer, alreadyExisted } = expectOk(result);
    expect(alreadyExisted).toBe(false);
    expect(transfer.amount.toFixed(2)).toBe('12.50');
    expect(transfer.memo).toBe('Apples');
    expect(transfer.reference).toBe('order-1');
    expect(typeof transfer.sequence).toBe('bigint');
    expect(await postedBalances(t.ledger, [anna.id, ben.id])).toEqual({ [anna.id]: '-12.50', [ben.id]: '12.50' });
    const [annaBalance] = await t.ledger.getBalances([anna.id]);
    expect(annaBalance!.available.toFixed(2)).toBe('87.50');
    expect(await t.ledger.getTransfer(transfer.id)).toEqual(transfer);
  });

  it('accepts Decimal amounts and refuses JavaScript numbers', async () => {
    const anna = await createMember(t.ledger, 'anna-2');
    const ben = await createMember(t.ledger, 'ben-2');
    expectOk((await t.ledger.createTransfers([pay(anna.id, ben.id, new Decimal('1.5') as unknown as string)]))[0]);
    await expect(t.ledger.createTransfers([pay(anna.id, ben.id, 1.5 as unknown as string)])).rejects.toThrow(TypeError);
  });

  it('returns the original transfer for a retry and refuses the key with other content', async () => {
    const anna = await createMember(t.ledger, 'anna-3');
    const ben = await createMember(t.ledger, 'ben-3');
    const request = pay(anna.id, ben.id, '5.00');
    const first = expectOk((await t.ledger.createTransfers([request]))[0]);
    const retry = expectOk((await t.ledger.createTransfers([{ ...request, amount: '5' }]))[0]);
    expect(retry.alreadyExisted).toBe(true);
    expect(retry.transfer).toEqual(first.transfer);
    const [reused] = await t.ledger.createTransfers([{ ...request, amount: '6.00' }]);
    expect(codeOf(reused)).toBe('idempotency_key_reused');
    expect(await postedBalances(t.ledger, [anna.id])).toEqual({ [anna.id]: '-5.00' });
  });

  it('returns the original even when the balance would no longer allow it', async () => {
    const anna = await createMember(t.ledger, 'anna-4', { creditLimit: '10.00' });
    const ben = await createMember(t.ledger, 'ben-4');
    const request = pay(anna.id, ben.id, '10.00');
    expectOk((await t.ledger.createTransfers([request]))[0]);
    expect(codeOf((await t.ledger.createTransfers([request]))[0])).toBe('exists');
    expect(codeOf((await t.ledger.createTransfers([pay(anna.id, ben.id, '0.01')]))[0])).toBe('exceeds_credit_limit');
  });

  it('reports every failure code that applies to immediate transfers', async () => {
    const anna = await createMember(t.ledger, 'anna-5', { creditLimit: '20.00' });
    const ben = await createMember(t.ledger, 'ben-5', { maximumBalance: '30.00' });
    const closed = await createMember(t.ledger, 'closed-5');
    expect((await t.ledger.closeAccount(closed.id)).ok).toBe(true);
    const other = await t.ledger.createCurrency({ code: 'OTHER', name: 'Other', symbol: 'O', scale: 0 });
    expect(other.ok).toBe(true);
    const foreign = await t.ledger.createAccount({ currency: 'OTHER', type: 'member', name: 'Foreign' });
    if (!foreign.ok) throw new Error(foreign.code);
    const missing = '00000000-0000-4000-8000-000000000000';
    const cases: Array<[string, ReturnType<typeof pay>]> = [
      ['idempotency_key_invalid', { ...pay(anna.id, ben.id, '1.00'), idempotencyKey: '' }],
      ['idempotency_key_invalid', { ...pay(anna.id, ben.id, '1.00'), idempotencyKey: 'x'.repeat(129) }],
      ['kind_invalid', pay(anna.id, ben.id, '1.00', { kind: 'Not A Kind' })],
      ['memo_too_long', pay(anna.id, ben.id, '1.00', { memo: 'm'.repeat(501) })],
      ['reference_too_long', pay(anna.id, ben.id, '1.00', { reference: 'r'.repeat(201) })],
      ['amount_invalid', pay(anna.id, ben.id, 'NaN')],
      ['amount_invalid', pay(anna.id, ben.id, '1e3')],
      ['amount_must_be_positive', pay(anna.id, ben.id, '0.00')],
      ['amount_must_be_positive', pay(anna.id, ben.id, '-1.00')],
      ['currency_not_found', pay(anna.id, ben.id, '1.00', { currency: 'NOPE' })],
      ['amount_scale_exceeded', pay(anna.id, ben.id, '1.001')],
      ['amount_too_large', pay(anna.id, ben.id, '1000000000000000')],
      ['accounts_must_be_different', pay(anna.id, anna.id.toUpperCase(), '1.00')],
      ['account_not_found', pay(anna.id, missing, '1.00')],
      ['account_not_found', pay('not-a-uuid', ben.id, '1.00')],
      ['currency_mismatch', pay(anna.id, foreign.account.id, '1.00')],
      ['account_closed', pay(anna.id, closed.id, '1.00')],
      ['exceeds_credit_limit', pay(anna.id, ben.id, '20.01')],
      ['exceeds_maximum_balance', pay(anna.id, ben.id, '19.00', { debitAccountId: (await createMember(t.ledger, 'rich-5', { creditLimit: '100.00' })).id, amount: '30.01' })],
      // A request breaking several rules gets the first in the documented order.
      ['amount_must_be_positive', pay(missing, missing, '0', { currency: 'NOPE' })],
      ['amount_scale_exceeded', pay(missing, missing, '0.001')],
    ];
    const results = await t.ledger.createTransfers(cases.map(([, request]) => request));
    expect(results.map(codeOf)).toEqual(cases.map(([code]) => code));
    expect(await postedBalances(t.ledger, [anna.id, ben.id])).toEqual({ [anna.id]: '0.00', [ben.id]: '0.00' });
  });

  it('decides the items of a batch in order against the running balances', async () => {
    const anna = await createMember(t.ledger, 'anna-6', { creditLimit: '10.00' });
    const ben = await createMember(t.ledger, 'ben-6');
    const results = await t.ledger.createTransfers([
      pay(anna.id, ben.id, '6.00'),
      pay(anna.id, ben.id, '6.00'),
      pay(ben.id, anna.id, '3.00'),
      pay(anna.id, ben.id, '6.00'),
    ]);
    expect(results.map(codeOf)).toEqual(['ok', 'exceeds_credit_limit', 'ok', 'ok']);
    const sequences = results.filter((r) => r.ok).map((r) => (r.ok ? r.transfer.sequence : 0n));
    expect([...sequences].sort((a, b) => (a < b ? -1 : 1))).toEqual(sequences);
    expect(await postedBalances(t.ledger, [anna.id, ben.id])).toEqual({ [anna.id]: '-9.00', [ben.id]: '9.00' });
  });
});
