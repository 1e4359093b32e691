// The export formatters on an in-memory journal: account names, amounts and signs, what each format
// includes, opening balances for a period, and paging.
import { type Account } from '../domain/account';
import { type Currency } from '../domain/currency';
import { Decimal } from '../domain/money';
import { type Transfer } from '../domain/transfer';
import { csvField } from './csv';
import { type ExportOptions, type ExportSource, exportJournal, isExportDate } from './export-journal';
import { JournalAccountNames, accountNameComponent, journalAccountName } from './journal-accounts';

const currency: Currency = { code: 'TALER', name: 'Taler', symbol: 'T', scale: 2, createdAt: new Date('2026-01-01T00:00:00Z') };

function account(id: string, type: Account['type'], code: string | null): Account {
  return {
    id,
    currency: 'TALER',
    type,
    code,
    name: code ?? id,
    status: 'open',
    createdAt: new Date('2026-01-01T08:00:00Z'),
    closedAt: null,
    creditLimit: new Decimal(100),
    maximumBalance: null,
    debitsPosted: new Decimal(0),
    creditsPosted: new Decimal(0),
    debitsPending: new Decimal(0),
    creditsPending: new Decimal(0),
  };
}

const ids = { anna: '00000000-0000-4000-8000-00000000000a', ben: '00000000-0000-4000-8000-00000000000b', fund: '00000000-0000-4000-8000-00000000000f', escrow: '00000000-0000-4000-8000-00000000000e' };
const accounts = [account(ids.anna, 'member', 'member-anna'), account(ids.ben, 'member', 'member-ben'), account(ids.escrow, 'escrow', 'escrow'), account(ids.fund, 'fund', 'fund')];

let sequence = 0n;
function transfer(fields: Partial<Transfer> & Pick<Transfer, 'type' | 'debitAccountId' | 'creditAccountId' | 'amount' | 'createdAt'>): Transfer {
  sequence += 1n;
  return {
    id: `10000000-0000-4000-8000-${sequence.toString().padStart(12, '0')}`,
    sequence,
    idempotencyKey: `key-${sequence}`,
    currency: 'TALER',
    pendingId: null,
    reversalOfId: null,
    timeoutSeconds: null,
    expiresAt: null,
    kind: 'payment',
    memo: '',
    reference: null,
    ...fields,
  };
}

const day = (date: string) => new Date(`${date}T12:00:00Z`);
const pay = transfer({ type: 'immediate', debitAccountId: ids.anna, creditAccountId: ids.ben, amount: new Decimal('12.5'), createdAt: day('2026-02-01'), memo: 'Bread "rye"; fresh', reference: 'order-1' });
const hold = transfer({ type: 'pending', debitAccountId: ids.ben, creditAccountId: ids.escrow, amount: new Decimal('5'), createdAt: day('2026-02-10'), kind: 'escrow' });
const post = transfer({ type: 'post', debitAccountId: ids.ben, creditAccountId: ids.escrow, amount: new Decimal('4'), createdAt: day('2026-03-02'), kind: 'escrow', pendingId: hold.id });
const fee = transfer({ type: 'immediate', debitAccountId: ids.escrow, creditAccountId: ids.fund, amount: new Decimal('0.4'), createdAt: day('2026-03-02'), kind: 'contribution' });
const back = transfer({ type: 'reversal', debitAccountId: ids.ben, creditAccountId: ids.anna, amount: new Decimal('2.5'), createdAt: day('2026-03-05'), kind: 'reversal', reversalOfId: pay.id });
const transfers = [pay, hold, post, fee, back];

const source: ExportSource = {
  listCurrencies: () => Promise.resolve([currency]),
  listAccounts: ({ afterId, limit }) => Promise.resolve(accounts.filter((a) => afterId == null || a.id > afterId).sort((l, r) => l.id.localeCompare(r.id)).slice(0, limit ?? 1000)),
  listTransfers: ({ afterSequence, limit }) => Promise.resolve(transfers.filter((t) => t.sequence > (afterSequence ?? 0n)).slice(0, limit ?? 1000)),
};

async function render(options: Omit<ExportOptions, 'currency'>): Promise<string> {
  let text = '';
  for await (const chunk of exportJournal(source, { currency: 'TALER', pageSize: 2, ...options })) text += chunk;
  return text;
}

/** Sums the postings per account of an hledger or beancount journal. */
function journalBalances(text: string): Map<string, string> {
  const sums = new Map<string, Decimal>();
  for (const match of text.matchAll(/^ {2,4}((?:Assets|Liabilities|Equity|Income|Expenses)[A-Za-z0-9:-]*) {2}(-?\d+\.\d+) TALER$/gm)) {
    sums.set(match[1]!, (sums.get(match[1]!) ?? new Decimal(0)).plus(match[2]!));
  }
  return new Map([...sums].map(([name, sum]) => [name, sum.toFixed(2)]));
}

describe('account names', () => {
  it('are valid beancount components and unique', () => {
    expect(accountNameComponent('member-anna_2.x')).toBe('Member-Anna-2-X');
    expect(accountNameComponent('42abc')).toBe('A42abc');
    expect(accountNameComponent('--')).toBe('Unnamed');
    expect(journalAccountName({ id: ids.fund, type: 'fund', code: 'fund' })).toBe('Equity:Fund');
    expect(journalAccountName({ id: ids.escrow, type: 'escrow', code: 'escrow' })).toBe('Liabilities:Escrow');
    expect(journalAccountName({ id: ids.anna, type: 'system', code: 'solidarity' })).toBe('Equity:System:Solidarity');
    expect(journalAccountName({ id: '3f2a9c1e-77b0-4d2e-9a41-5c6d7e8f9012', type: 'member', code: null })).toBe('Assets:Members:Id-3f2a9c1e77b0');
    const names = new JournalAccountNames();
    expect(names.add({ id: ids.anna, type: 'member', code: 'a_b' })).toBe('Assets:Members:A-B');
    expect(names.add({ id: '3f2a9c1e-77b0-4d2e-9a41-5c6d7e8f9012', type: 'member', code: 'a-b' })).toBe('Assets:Members:A-B-Id-3f2a9c1e77b0');
    expect(names.add({ id: ids.anna, type: 'member', code: 'a_b' })).toBe('Assets:Members:A-B');
  });
});

describe('hledger', () => {
  it('declares the commodity and accounts and holds posted movements only', async () => {
    const text = await render({ format: 'hledger' });
    expect(text).toContain('commodity 1000.00 TALER\n');
    expect(text).toContain('account Assets:Members:Member-Anna\n');
    expect(text).toContain('2026-02-01 payment | Bread "rye", fresh  ; id:');
    expect(text).toContain('reference:order-1');
    expect(text).not.toContain('type:pending');
    expect(text).toContain(`type:post, pending:${hold.id}`);
    expect(text).toContain(`reverses:${pay.id}`);
    expect(Object.fromEntries(journalBalances(text))).toEqual({
      'Assets:Members:Member-Anna': '-10.00',
      'Assets:Members:Member-Ben': '6.00',
      'Liabilities:Escrow': '3.60',
      'Equity:Fund': '0.40',
    });
  });

  it('starts a period with opening balances and leaves out what follows it', async () => {
    const text = await render({ format: 'hledger', from: '2026-03-01', to: '2026-03-02' });
    expect(text).toContain('2026-03-01 opening balances\n    Assets:Members:Member-Anna  -12.50 TALER\n    Assets:Members:Member-Ben  12.50 TALER\n');
    expect(text).not.toContain('2026-02-01');
    expect(text).not.toContain('2026-03-05');
    expect(Object.fromEntries(journalBalances(text))).toEqual({
      'Assets:Members:Member-Anna': '-12.50',
      'Assets:Members:Member-Ben': '8.50',
      'Liabilities:Escrow': '3.60',
      'Equity:Fund': '0.40',
    });
  });
});

describe('balance assertions', () => {
  it('end an hledger period with every account asserted at the end of its last day, zero balances too', async () => {
    const text = await render({ format: 'hledger', from: '2026-03-01', to: '2026-03-02' });
    expect(text.endsWith(
      '2026-03-02 closing balance assertions\n' +
        '    Assets:Members:Member-Anna  0.00 TALER = -12.50 TALER\n' +
        '    Assets:Members:Member-Ben  0.00 TALER = 8.50 TALER\n' +
        '    Liabilities:Escrow  0.00 TALER = 3.60 TALER\n' +
        '    Equity:Fund  0.00 TALER = 0.40 TALER\n',
    )).toBe(true);
  });

  it('end a beancount journal with balance directives dated the day after its last entry', async () => {
    const text = await render({ format: 'beancount' });
    expect(text).toContain('2026-03-06 balance Assets:Members:Member-Anna  -10.00 TALER\n');
    expect(text).toContain('2026-03-06 balance Liabilities:Escrow  3.60 TALER\n');
  });

  it('leave out accounts opened after the period, so a closed period exports the same bytes later', async () => {
    const before = await render({ format: 'beancount', from: '2026-02-01', to: '2026-03-02' });
    const late = { ...account('00000000-0000-4000-8000-0000000000ff', 'member', 'member-late'), createdAt: new Date('2026-04-01T08:00:00Z') };
    accounts.push(late);
    try {
      expect(await render({ format: 'beancount', from: '2026-02-01', to: '2026-03-02' })).toBe(before);
      expect(await render({ format: 'hledger' })).toContain('Member-Late');
    } finally {
      accounts.pop();
    }
  });

  it('report progress after every page', async () => {
    const reported: number[] = [];
    let text = '';
    for await (const chunk of exportJournal(source, { currency: 'TALER', format: 'hledger', pageSize: 2, onProgress: ({ transfersRead }) => void reported.push(transfersRead) })) text += chunk;
    expect(text.length).toBeGreaterThan(0);
    expect(reported).toEqual([2, 4, 5, 7, 9, 10]);
  });
});

describe('beancount', () => {
  it('has options, open directives before the first entry and escaped strings', async () => {
    const text = await render({ format: 'beancount' });
    expect(text).toContain('option "operating_currency" "TALER"\n');
    expect(text).toContain('2026-01-01 open Assets:Members:Member-Anna TALER\n');
    expect(text).toContain('2026-01-01 open Equity:Fund TALER\n');
    expect(text).toContain('2026-02-01 * "payment" "Bread \\"rye\\"; fresh"\n');
    expect(text).toContain('  sequence: 1\n');
    expect(text).not.toContain('"pending"');
    expect(journalBalances(text).get('Assets:Members:Member-Anna')).toBe('-10.00');
  });

  it('opens accounts no later than a period opening that precedes their creation date', async () => {
    const text = await render({ format: 'beancount', from: '2025-12-01' });
    expect(text).toContain('2025-12-01 open Assets:Members:Member-Ben TALER\n');
    expect(text).not.toContain('Opening balances');
  });
});

describe('csv', () => {
  it('lists every transfer of the period with quoted fields', async () => {
    const text = await render({ format: 'csv', to: '2026-03-02' });
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('sequence,id,created_at,type,kind,debit_account_id,debit_account_code,credit_account_id,credit_account_code,amount,currency,pending_id,reversal_of_id,expires_at,reference,memo');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toContain(',immediate,payment,');
    expect(lines[1]).toContain(',member-anna,');
    expect(lines[1]!.endsWith(',12.50,TALER,,,,order-1,"Bread ""rye""; fresh"')).toBe(true);
    expect(lines[2]).toContain(',pending,escrow,');
    expect(csvField('=SUM(A1)')).toBe(`"'=SUM(A1)"`);
    expect(csvField('a,b')).toBe('"a,b"');
  });
});

describe('arguments', () => {
  it('rejects impossible dates and reversed periods', async () => {
    expect(isExportDate('2026-02-29')).toBe(false);
    expect(isExportDate('2028-02-29')).toBe(true);
    expect(isExportDate('2026-1-01')).toBe(false);
    await expect(render({ format: 'csv', from: '2026-03-02', to: '2026-03-01' })).rejects.toThrow(RangeError);
    await expect(exportJournal(source, { format: 'csv', currency: 'NOPE' }).next()).rejects.toThrow('Unknown currency');
  });
});
