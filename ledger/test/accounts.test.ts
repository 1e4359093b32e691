// Currencies and accounts: creation (idempotent), limits, closing.
import { CURRENCY, type TestLedger, codeOf, createMember, newKey, openTestLedger } from './support';

let t: TestLedger;
beforeAll(async () => {
  t = await openTestLedger();
});
afterAll(async () => {
  await t.close();
});

describe('currencies', () => {
  it('come with a fund and an escrow account and cannot be redefined', async () => {
    const again = await t.ledger.createCurrency({ code: CURRENCY, name: 'Taler', symbol: 'T', scale: 2 });
    expect(again).toMatchObject({ ok: true, alreadyExisted: true });
    expect(await t.ledger.createCurrency({ code: CURRENCY, name: 'Taler', symbol: 'T', scale: 3 })).toEqual({ ok: false, code: 'currency_exists' });
    expect(await t.ledger.createCurrency({ code: 'x', name: 'X', symbol: 'X' })).toEqual({ ok: false, code: 'currency_code_invalid' });
    expect(await t.ledger.createCurrency({ code: 'XX', name: 'X', symbol: 'X', scale: 9 })).toEqual({ ok: false, code: 'currency_scale_invalid' });
    const fund = await t.ledger.findAccountByCode(CURRENCY, 'fund');
    const escrow = await t.ledger.findAccountByCode(CURRENCY, 'escrow');
    expect([fund?.type, escrow?.type]).toEqual(['fund', 'escrow']);
    expect((await t.ledger.listCurrencies()).map((currency) => currency.code)).toContain(CURRENCY);
  });
});

describe('accounts', () => {
  it('are created once per id or code', async () => {
    const input = { currency: CURRENCY, type: 'member' as const, code: 'member-acc-1', name: 'Dora', creditLimit: '50.00' };
    const first = await t.ledger.createAccount(input);
    expect(first).toMatchObject({ ok: true, alreadyExisted: false });
    expect(await t.ledger.createAccount(input)).toMatchObject({ ok: true, alreadyExisted: true });
    expect(await t.ledger.createAccount({ ...input, name: 'Other' })).toEqual({ ok: false, code: 'account_exists' });
    expect(await t.ledger.createAccount({ ...input, code: 'fund' })).toEqual({ ok: false, code: 'account_code_invalid' });
    expect(await t.ledger.createAccount({ ...input, code: 'x', currency: 'NOPE' })).toEqual({ ok: false, code: 'currency_not_found' });
    expect(await t.ledger.createAccount({ ...input, code: 'y', creditLimit: '-1' })).toEqual({ ok: false, code: 'credit_limit_invalid' });
    expect(await t.ledger.createAccount({ ...input, code: 'z', maximumBalance: '1.001' })).toEqual({ ok: false, code: 'maximum_balance_invalid' });
    expect(await t.ledger.createAccount({ ...input, id: 'nope' })).toEqual({ ok: false, code: 'account_id_invalid' });
  });

  it('are found by their codes, many at once, unknown codes and other currencies left out', async () => {
    const codes = ['member-codes-1', 'member-codes-2', 'member-codes-3'];
    for (const code of codes) expect(await t.ledger.createAccount({ currency: CURRENCY, type: 'member', code, name: code, creditLimit: '0' })).toMatchObject({ ok: true });
    const found = await t.ledger.findAccountsByCodes(CURRENCY, [...codes, 'member-codes-unknown', codes[0]!]);
    expect(found.map((account) => account.code).sort()).toEqual(codes);
    expect(found.every((account) => account.currency === CURRENCY)).toBe(true);
    expect(await t.ledger.findAccountsByCodes('NOPE', codes)).toEqual([]);
    expect(await t.ledger.findAccountsByCodes(CURRENCY, [])).toEqual([]);
    expect((await t.ledger.findAccountByCode(CURRENCY, codes[1]!))?.code).toBe(codes[1]);
  });

  it('change limits for the future; a lower limit stops spending but takes nothing', async () => {
    const anna = await createMember(t.ledger, 'anna-acc-2', { creditLimit: '50.00' });
    const ben = await createMember(t.ledger, 'ben-acc-2');
    const pay = (amount: string) => ({ type: 'immediate' as const, idempotencyKey: newKey(), debitAccountId: anna.id, creditAccountId: ben.id, currency: CURRENCY, amount, kind: 'payment' });
    expect(codeOf((await t.ledger.createTransfers([pay('40.00')]))[0])).toBe('ok');
    const lowered = await t.ledger.setAccountLimits(anna.id, { creditLimit: '30.00', maximumBalance: null });
    expect(lowered.ok).toBe(true);
    expect(codeOf((await t.ledger.createTransfers([pay('0.01')]))[0])).toBe('exceeds_credit_limit');
    const [balance] = await t.ledger.getBalances([anna.id]);
    expect([balance!.posted.toFixed(2), balance!.available.toFixed(2), balance!.creditLimit.toFixed(2)]).toEqual(['-40.00', '-10.00', '30.00']);
    expect(await t.ledger.setAccountLimits(anna.id, { creditLimit: 'x', maximumBalance: null })).toEqual({ ok: false, code: 'credit_limit_invalid' });
    expect(await t.ledger.setAccountLimits('00000000-0000-4000-8000-000000000000', { creditLimit: '1', maximumBalance: null })).toEqual({ ok: false, code: 'account_not_found' });
    expect((await t.ledger.verifyLedger()).ok).toBe(true);
  });

  it('close only when settled, and never the fund or escrow', async () => {
    const anna = await createMember(t.ledger, 'anna-acc-3');
    const ben = await createMember(t.ledger, 'ben-acc-3');
    const fund = (await t.ledger.findAccountByCode(CURRENCY, 'fund'))!;
    const transfer = (type: 'immediate' | 'pending', from: string, to: string) => ({ type, idempotencyKey: newKey(), debitAccountId: from, creditAccountId: to, currency: CURRENCY, amount: '1.00', kind: 'payment' });
    expect(await t.ledger.closeAccount(fund.id)).toEqual({ ok: false, code: 'account_not_closable' });
    await t.ledger.createTransfers([transfer('pending', anna.id, ben.id)]);
    expect(await t.ledger.closeAccount(anna.id)).toEqual({ ok: false, code: 'account_has_pending_transfers' });
    const [pendingTransfer] = await t.ledger.listTransfers({ afterSequence: 0n, limit: 10_000 }).then((all) => all.filter((x) => x.debitAccountId === anna.id));
    await t.ledger.createTransfers([{ type: 'post', idempotencyKey: newKey(), pendingId: pendingTransfer!.id }]);
    expect(await t.ledger.closeAccount(anna.id)).toEqual({ ok: false, code: 'account_balance_not_zero' });
    await t.ledger.createTransfers([transfer('immediate', ben.id, anna.id)]);
    const closed = await t.ledger.closeAccount(anna.id);
    expect(closed).toMatchObject({ ok: true, account: { status: 'closed' } });
    expect(await t.ledger.closeAccount(anna.id)).toEqual({ ok: false, code: 'account_closed' });
    expect(await t.ledger.setAccountLimits(anna.id, { creditLimit: '1', maximumBalance: null })).toEqual({ ok: false, code: 'account_closed' });
    expect(codeOf((await t.ledger.createTransfers([transfer('immediate', ben.id, anna.id)]))[0])).toBe('account_closed');
  });
});
