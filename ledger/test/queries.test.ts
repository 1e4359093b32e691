// Statements with running balance and paging, trial balance now and at an earlier instant, money supply.
import { CURRENCY, type TestLedger, createMember, expectOk, newKey, openTestLedger } from './support';

let t: TestLedger;
let anna: string;
let ben: string;
let carl: string;
let beforeLast: Date;

beforeAll(async () => {
  t = await openTestLedger();
  anna = (await createMember(t.ledger, 'anna-q')).id;
  ben = (await createMember(t.ledger, 'ben-q')).id;
  carl = (await createMember(t.ledger, 'carl-q')).id;
  const pay = (from: string, to: string, amount: string) => ({ type: 'immediate' as const, idempotencyKey: newKey(), debitAccountId: from, creditAccountId: to, currency: CURRENCY, amount, kind: 'payment' });
  // Anna: +10, -3, +2, hold 4 (posted 2.5), -1  => posted 10 - 3 + 2 - 2.5 - 1 = 5.50
  for (const request of [pay(ben, anna, '10.00'), pay(anna, carl, '3.00'), pay(carl, anna, '2.00')]) {
    expectOk((await t.ledger.createTransfers([request]))[0]);
    t.clock.advanceSeconds(60);
  }
  const hold = expectOk(
    (await t.ledger.createTransfers([{ type: 'pending', idempotencyKey: newKey(), debitAccountId: anna, creditAccountId: ben, currency: CURRENCY, amount: '4.00', kind: 'escrow' }]))[0],
  ).transfer;
  t.clock.advanceSeconds(60);
  expectOk((await t.ledger.createTransfers([{ type: 'post', idempotencyKey: newKey(), pendingId: hold.id, amount: '2.50' }]))[0]);
  t.clock.advanceSeconds(60);
  beforeLast = t.clock.now();
  t.clock.advanceSeconds(60);
  expectOk((await t.ledger.createTransfers([pay(anna, ben, '1.00')]))[0]);
});
afterAll(async () => {
  await t.close();
});

describe('statement', () => {
  it('pages newest first with the running posted balance', async () => {
    const first = await t.ledger.getStatement({ accountId: anna, limit: 4 });
    if (!first.ok) throw new Error(first.code);
    expect(first.entries.map((entry) => [entry.transfer.type, entry.side, entry.postedChange.toFixed(2), entry.postedBalance.toFixed(2)])).toEqual([
      ['immediate', 'debit', '-1.00', '5.50'],
      ['post', 'debit', '-2.50', '6.50'],
      ['pending', 'debit', '0.00', '9.00'],
      ['immediate', 'credit', '2.00', '9.00'],
    ]);
    expect(first.entries[1]!.pendingDebitsChange.toFixed(2)).toBe('-4.00');
    expect(first.entries[2]!.pendingDebitsChange.toFixed(2)).toBe('4.00');
    const second = await t.ledger.getStatement({ accountId: anna, limit: 4, cursor: first.nextCursor });
    if (!second.ok) throw new Error(second.code);
    expect(second.entries.map((entry) => [entry.postedChange.toFixed(2), entry.postedBalance.toFixed(2)])).toEqual([
      ['-3.00', '7.00'],
      ['10.00', '10.00'],
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it('pages oldest first with the same balances', async () => {
    const balances: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await t.ledger.getStatement({ accountId: anna, order: 'asc', limit: 2, cursor });
      if (!page.ok) throw new Error(page.code);
      balances.push(...page.entries.map((entry) => entry.postedBalance.toFixed(2)));
      cursor = page.nextCursor;
    } while (cursor);
    expect(balances).toEqual(['10.00', '7.00', '9.00', '9.00', '6.50', '5.50']);
  });

  it('refuses unknown accounts and foreign cursors', async () => {
    expect(await t.ledger.getStatement({ accountId: '00000000-0000-4000-8000-000000000000' })).toEqual({ ok: false, code: 'account_not_found' });
    expect(await t.ledger.getStatement({ accountId: anna, cursor: 'garbage' })).toEqual({ ok: false, code: 'cursor_invalid' });
    const descending = await t.ledger.getStatement({ accountId: anna, limit: 1 });
    if (!descending.ok) throw new Error(descending.code);
    expect(await t.ledger.getStatement({ accountId: anna, order: 'asc', cursor: descending.nextCursor })).toEqual({ ok: false, code: 'cursor_invalid' });
  });
});

describe('trial balance and money supply', () => {
  it('lists every account now, with equal debit and credit totals', async () => {
    const trial = await t.ledger.getTrialBalance({ currency: CURRENCY });
    const byId = new Map(trial.lines.map((line) => [line.accountId, line]));
    expect(byId.get(anna)?.balance.toFixed(2)).toBe('5.50');
    expect(trial.totals.debits.toFixed(2)).toBe(trial.totals.credits.toFixed(2));
    expect(trial.totals.debits.toFixed(2)).toBe('18.50');
    expect(trial.lines.reduce((sum, line) => sum.plus(line.balance), trial.lines[0]!.balance.minus(trial.lines[0]!.balance)).toFixed(2)).toBe('0.00');
  });

  it('shows the balances at an earlier instant', async () => {
    const trial = await t.ledger.getTrialBalance({ currency: CURRENCY, asOf: beforeLast });
    const byId = new Map(trial.lines.map((line) => [line.accountId, line.balance.toFixed(2)]));
    expect([byId.get(anna), byId.get(ben), byId.get(carl)]).toEqual(['6.50', '-7.50', '1.00']);
    expect(trial.totals.debits.toFixed(2)).toBe('17.50');
  });

  it('pages through the accounts', async () => {
    const first = await t.ledger.getTrialBalance({ currency: CURRENCY, limit: 2 });
    expect(first.lines).toHaveLength(2);
    const rest = await t.ledger.getTrialBalance({ currency: CURRENCY, limit: 1000, afterAccountId: first.nextAfterAccountId });
    expect(first.lines.length + rest.lines.length).toBe(5);
    expect(rest.nextAfterAccountId).toBeNull();
  });

  it('sums the positive balances into the money supply', async () => {
    expect(await t.ledger.getMoneySupply({ currency: CURRENCY })).toMatchObject({ accountsPositive: 2, accountsNegative: 1 });
    const supply = await t.ledger.getMoneySupply({ currency: CURRENCY });
    expect([supply.supply.toFixed(2), supply.owed.toFixed(2)]).toEqual(['6.50', '6.50']);
    const earlier = await t.ledger.getMoneySupply({ currency: CURRENCY, asOf: beforeLast });
    expect(earlier.supply.toFixed(2)).toBe('7.50');
  });
});
