// The audit reads: the journal with filters and cursor paging, an account's statement for a period,
// the open holds reconciled with the escrow account, a transfer's hash-chain block, and the monthly
// summary checked against the money supply at each month's end.
import { type Ledger, type Transfer } from '../src/index';
import { CURRENCY, ManualClock, type TestLedger, createMember, expectOk, newKey, openTestLedger, sealEverything } from './support';

let t: TestLedger;
let anna: string;
let ben: string;
let carl: string;
let escrow: string;
let fund: string;
/** Instants between the months of the history. */
const january = new Date('2026-01-01T00:00:00.000Z');
const february = new Date('2026-02-01T00:00:00.000Z');
let heldOpen: Transfer;
let heldPosted: Transfer;

const pay = (from: string, to: string, amount: string, kind = 'payment', reference: string | null = null) => ({
  type: 'immediate' as const,
  idempotencyKey: newKey(),
  debitAccountId: from,
  creditAccountId: to,
  currency: CURRENCY,
  amount,
  kind,
  reference,
});

async function write(ledger: Ledger, item: Parameters<Ledger['createTransfers']>[0][number]): Promise<Transfer> {
  return expectOk((await ledger.createTransfers([item]))[0]).transfer;
}

beforeAll(async () => {
  t = await openTestLedger({ clock: new ManualClock(Date.parse('2025-12-10T09:00:00.000Z')) });
  anna = (await createMember(t.ledger, 'anna-a')).id;
  ben = (await createMember(t.ledger, 'ben-a')).id;
  carl = (await createMember(t.ledger, 'carl-a')).id;
  escrow = (await t.ledger.findAccountByCode(CURRENCY, 'escrow'))!.id;
  fund = (await t.ledger.findAccountByCode(CURRENCY, 'fund'))!.id;
  // December: Ben pays Anna 20, Anna pays Carl 5.
  await write(t.ledger, pay(ben, anna, '20.00'));
  t.clock.advanceSeconds(3600);
  await write(t.ledger, pay(anna, carl, '5.00'));
  // January: an order of Carl's held in escrow and settled (to Ben, contribution to the fund), and an
  // order of Anna's still held.
  t.clock.advanceSeconds(40 * 24 * 3600);
  heldPosted = await write(t.ledger, { type: 'pending', idempotencyKey: newKey(), debitAccountId: carl, creditAccountId: escrow, currency: CURRENCY, amount: '12.00', kind: 'escrow', reference: 'order-1' });
  t.clock.advanceSeconds(60);
  await write(t.ledger, { type: 'post', idempotencyKey: newKey(), pendingId: heldPosted.id, reference: 'order-1' });
  await write(t.ledger, pay(escrow, ben, '11.40', 'sale', 'order-1'));
  await write(t.ledger, pay(escrow, fund, '0.60', 'contribution', 'order-1'));
  t.clock.advanceSeconds(60);
  heldOpen = await write(t.ledger, { type: 'pending', idempotencyKey: newKey(), debitAccountId: anna, creditAccountId: escrow, currency: CURRENCY, amount: '7.25', kind: 'escrow', reference: 'order-2' });
  // February: Anna pays Ben 3.
  t.clock.advanceSeconds(30 * 24 * 3600);
  await write(t.ledger, pay(anna, ben, '3.00'));
});
afterAll(async () => {
  await t.close();
});

async function journal(query: Parameters<Ledger['listJournal']>[0]) {
  const result = await t.ledger.listJournal(query);
  if (!result.ok) throw new Error(result.code);
  return result;
}

describe('journal', () => {
  it('pages newest first and oldest first, each transfer once', async () => {
    const newest: Transfer[] = [];
    for (let cursor: string | null = null, pages = 0; pages < 10; pages += 1) {
      const page: Awaited<ReturnType<typeof journal>> = await journal({ limit: 3, cursor });
      newest.push(...page.transfers);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(newest).toHaveLength(8);
    const sequences = newest.map((transfer) => transfer.sequence);
    expect([...sequences].sort((a, b) => (a < b ? 1 : -1))).toEqual(sequences);
    const oldest = await journal({ order: 'asc', limit: 100 });
    expect(oldest.transfers.map((transfer) => transfer.id)).toEqual([...newest].reverse().map((transfer) => transfer.id));
    expect(oldest.nextCursor).toBeNull();
  });

  it('filters by account on either side, kind, type, reference, period and amount', async () => {
    const ofAnna = await journal({ accountId: anna, order: 'asc' });
    expect(ofAnna.transfers.map((transfer) => transfer.amount.toFixed(2))).toEqual(['20.00', '5.00', '7.25', '3.00']);
    const ofOrder = await journal({ reference: 'order-1', order: 'asc' });
    expect(ofOrder.transfers.map((transfer) => `${transfer.type}:${transfer.kind}`)).toEqual(['pending:escrow', 'post:escrow', 'immediate:sale', 'immediate:contribution']);
    expect((await journal({ kind: 'payment' })).transfers).toHaveLength(3);
    expect((await journal({ type: 'pending' })).transfers.map((transfer) => transfer.id).sort()).toEqual([heldOpen.id, heldPosted.id].sort());
    const january_ = await journal({ from: january, to: february });
    expect(january_.transfers).toHaveLength(5);
    expect((await journal({ amountMinimum: '7.25', amountMaximum: '12.00' })).transfers.map((transfer) => transfer.amount.toFixed(2))).toEqual(['7.25', '11.40', '12.00', '12.00']);
    const combined = await journal({ accountId: escrow, kind: 'escrow', from: january, amountMinimum: '10' });
    expect(combined.transfers.map((transfer) => transfer.type)).toEqual(['post', 'pending']);
  });

  it('pages through one account without gaps', async () => {
    const pages: string[][] = [];
    for (let cursor: string | null = null; ; ) {
      const page: Awaited<ReturnType<typeof journal>> = await journal({ accountId: escrow, limit: 2, cursor });
      pages.push(page.transfers.map((transfer) => transfer.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    const all = (await journal({ accountId: escrow })).transfers.map((transfer) => transfer.id);
    expect(pages.flat()).toEqual(all);
    expect(all).toHaveLength(5);
  });

  it('refuses bad filters and cursors as typed failures', async () => {
    expect(await t.ledger.listJournal({ amountMinimum: '1e3' })).toEqual({ ok: false, code: 'amount_invalid' });
    expect(await t.ledger.listJournal({ amountMinimum: '5', amountMaximum: '4' })).toEqual({ ok: false, code: 'amount_invalid' });
    expect(await t.ledger.listJournal({ amountMaximum: '-1' })).toEqual({ ok: false, code: 'amount_invalid' });
    expect(await t.ledger.listJournal({ from: february, to: january })).toEqual({ ok: false, code: 'period_invalid' });
    expect(await t.ledger.listJournal({ accountId: 'not-an-id' })).toEqual({ ok: false, code: 'account_invalid' });
    expect(await t.ledger.listJournal({ cursor: 'garbage' })).toEqual({ ok: false, code: 'cursor_invalid' });
    const page = await journal({ limit: 1 });
    // A cursor of the other order or another read does not continue this one.
    expect(await t.ledger.listJournal({ order: 'asc', cursor: page.nextCursor })).toEqual({ ok: false, code: 'cursor_invalid' });
    expect(await t.ledger.listOpenHolds({ currency: CURRENCY, cursor: page.nextCursor })).toEqual({ ok: false, code: 'cursor_invalid' });
  });
});

describe('statement for a period', () => {
  it('opens, runs and closes with the balances at the period bounds', async () => {
    const result = await t.ledger.getPeriodStatement({ accountId: anna, from: january, to: new Date('2026-03-01T00:00:00.000Z') });
    if (!result.ok) throw new Error(result.code);
    expect(result.openingBalance.toFixed(2)).toBe('15.00');
    expect(result.entries.map((entry) => [entry.transfer.type, entry.postedChange.toFixed(2), entry.postedBalance.toFixed(2)])).toEqual([
      ['pending', '0.00', '15.00'],
      ['immediate', '-3.00', '12.00'],
    ]);
    expect(result.entries[0]!.pendingDebitsChange.toFixed(2)).toBe('7.25');
    expect(result.closingBalance.toFixed(2)).toBe('12.00');
    const trial = await t.ledger.getTrialBalance({ currency: CURRENCY, asOf: new Date(january.getTime() - 1) });
    expect(trial.lines.find((line) => line.accountId === anna)!.balance.toFixed(2)).toBe('15.00');
  });

  it('carries the running balance across pages', async () => {
    const whole = await t.ledger.getPeriodStatement({ accountId: escrow });
    if (!whole.ok) throw new Error(whole.code);
    const paged: string[] = [];
    for (let cursor: string | null = null; ; ) {
      const page = await t.ledger.getPeriodStatement({ accountId: escrow, limit: 2, cursor });
      if (!page.ok) throw new Error(page.code);
      paged.push(...page.entries.map((entry) => `${entry.transfer.id}:${entry.postedBalance.toFixed(2)}`));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(paged).toEqual(whole.entries.map((entry) => `${entry.transfer.id}:${entry.postedBalance.toFixed(2)}`));
    expect(whole.openingBalance.toFixed(2)).toBe('0.00');
    expect(whole.closingBalance.toFixed(2)).toBe('0.00');
    expect(whole.entries.at(-1)!.postedBalance.toFixed(2)).toBe('0.00');
  });

  it('refuses unknown accounts and empty periods', async () => {
    expect(await t.ledger.getPeriodStatement({ accountId: '00000000-0000-4000-8000-000000000000' })).toEqual({ ok: false, code: 'account_not_found' });
    expect(await t.ledger.getPeriodStatement({ accountId: anna, from: january, to: january })).toEqual({ ok: false, code: 'period_invalid' });
  });
});

describe('open holds', () => {
  it('lists the unresolved holds whose total is the escrow account’s pending credits', async () => {
    const result = await t.ledger.listOpenHolds({ currency: CURRENCY });
    if (!result.ok) throw new Error(result.code);
    expect(result.holds.map((hold) => hold.id)).toEqual([heldOpen.id]);
    expect(result.count).toBe(1);
    expect(result.amount.toFixed(2)).toBe('7.25');
    const [toEscrow] = result.totals;
    expect(toEscrow!.account.id).toBe(escrow);
    expect(toEscrow!.reconciled).toBe(true);
    expect(toEscrow!.account.creditsPending.toFixed(2)).toBe('7.25');
  });

  it('drops a hold once voided, and still reconciles', async () => {
    const extra = await write(t.ledger, { type: 'pending', idempotencyKey: newKey(), debitAccountId: ben, creditAccountId: escrow, currency: CURRENCY, amount: '1.10', kind: 'escrow' });
    const withExtra = await t.ledger.listOpenHolds({ currency: CURRENCY, limit: 1 });
    if (!withExtra.ok) throw new Error(withExtra.code);
    expect(withExtra.holds.map((hold) => hold.id)).toEqual([heldOpen.id]);
    expect(withExtra.amount.toFixed(2)).toBe('8.35');
    const next = await t.ledger.listOpenHolds({ currency: CURRENCY, limit: 1, cursor: withExtra.nextCursor });
    if (!next.ok) throw new Error(next.code);
    expect(next.holds.map((hold) => hold.id)).toEqual([extra.id]);
    await write(t.ledger, { type: 'void', idempotencyKey: newKey(), pendingId: extra.id });
    const after = await t.ledger.listOpenHolds({ currency: CURRENCY });
    if (!after.ok) throw new Error(after.code);
    expect(after.amount.toFixed(2)).toBe('7.25');
    expect(after.totals.every((total) => total.reconciled)).toBe(true);
  });

  it('totals an account asked for even without holds', async () => {
    const result = await t.ledger.listOpenHolds({ currency: CURRENCY, alwaysTotalAccountIds: [fund] });
    if (!result.ok) throw new Error(result.code);
    const fundTotal = result.totals.find((total) => total.account.id === fund)!;
    expect([fundTotal.count, fundTotal.amount.toFixed(2), fundTotal.reconciled]).toEqual([0, '0.00', true]);
  });
});

describe('hash-chain block of a transfer', () => {
  it('is null before sealing and names the block with a matching digest after', async () => {
    // Months after the summarised history, so the summary's figures stay as they are.
    t.clock.advanceSeconds(90 * 24 * 3600);
    const fresh = await write(t.ledger, pay(carl, anna, '0.50'));
    expect(await t.ledger.findTransferBlock(fresh.id)).toBeNull();
    const blocks = await sealEverything(t.ledger);
    const found = await t.ledger.findTransferBlock(fresh.id);
    expect(found).not.toBeNull();
    expect(blocks.map((block) => block.number)).toContain(found!.block.number);
    expect(found!.digestMatches).toBe(true);
    expect(found!.digest).toMatch(/^[0-9a-f]{64}$/);
    const first = await t.ledger.findTransferBlock(heldPosted.id);
    expect(first!.position).toBeGreaterThanOrEqual(0);
    expect(first!.digestMatches).toBe(true);
    expect(await t.ledger.findTransferBlock('nope')).toBeNull();
  });
});

describe('monthly summary', () => {
  it('groups posted movements by month and kind and gives the money supply at each month’s end', async () => {
    const result = await t.ledger.getMonthlySummary({ currency: CURRENCY, fromMonth: '2025-12', months: 3 });
    if (!result.ok) throw new Error(result.code);
    expect(result.months).toEqual(['2025-12', '2026-01', '2026-02']);
    const movements = result.movements.map((row) => `${row.month} ${row.kind} ${row.type} ${row.count} ${row.amount.toFixed(2)}`);
    expect(movements).toEqual([
      '2025-12 payment immediate 2 25.00',
      '2026-01 contribution immediate 1 0.60',
      '2026-01 escrow post 1 12.00',
      '2026-01 sale immediate 1 11.40',
      '2026-02 payment immediate 1 3.00',
    ]);
    for (const [index, month] of result.months.entries()) {
      const end = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1) - 1);
      const supply = await t.ledger.getMoneySupply({ currency: CURRENCY, asOf: end });
      const balances = result.balances[index]!;
      expect(balances.month).toBe(month);
      expect(balances.positive.toFixed(2)).toBe(supply.supply.toFixed(2));
      expect(balances.negative.negated().toFixed(2)).toBe(supply.owed.toFixed(2));
      expect(balances.accountsPositive).toBe(supply.accountsPositive);
      expect(balances.accountsNegative).toBe(supply.accountsNegative);
    }
  });

  it('carries balances from before the range into its first month', async () => {
    const result = await t.ledger.getMonthlySummary({ currency: CURRENCY, fromMonth: '2026-02', months: 1 });
    if (!result.ok) throw new Error(result.code);
    const supply = await t.ledger.getMoneySupply({ currency: CURRENCY, asOf: new Date('2026-02-28T23:59:59.999Z') });
    expect(result.balances[0]!.positive.toFixed(2)).toBe(supply.supply.toFixed(2));
  });

  it('refuses a malformed range', async () => {
    expect(await t.ledger.getMonthlySummary({ currency: CURRENCY, fromMonth: '2026-13', months: 1 })).toEqual({ ok: false, code: 'period_invalid' });
    expect(await t.ledger.getMonthlySummary({ currency: CURRENCY, fromMonth: '2026-01', months: 61 })).toEqual({ ok: false, code: 'period_invalid' });
  });
});
