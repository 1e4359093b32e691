// Streams an export of one currency's journal as text chunks, reading the ledger page by page so
// memory grows with the number of accounts, never with the number of transfers.
//
// A period export (from/to, inclusive UTC dates) first replays the posted movements before `from` into
// opening balances, written as one opening entry dated `from`, so every account's balance in the
// exported journal equals its ledger balance at the end of the period. Both passes stop at the last
// transfer that existed when the export started, so transfers written meanwhile do not half appear.
// A journal ends with a balance assertion for every account at the end of the period (or of its last
// day with an entry), so the tools themselves check that the journal adds up to the ledger's balances.
//
// A journal of a period that has an end (`to`) names only the accounts created by then or moved by a
// transfer up to then, so the export of a period that can no longer change (a closed period) comes out
// byte for byte the same however many accounts are opened afterwards.
import { type Account } from '../domain/account';
import { type Currency } from '../domain/currency';
import { type Decimal, ZERO } from '../domain/money';
import { type Transfer } from '../domain/transfer';
import { type Ledger } from '../ledger';
import { beancountClosing, beancountHeader, beancountOpening, beancountTransfer } from './beancount';
import { csvHeader, csvTransfer } from './csv';
import { hledgerClosing, hledgerHeader, hledgerOpening, hledgerTransfer } from './hledger';
import { JournalAccountNames } from './journal-accounts';
import { type JournalClosing, type JournalHeader, type JournalOpening, isPostedMovement, utcDate } from './journal-entries';

export const EXPORT_FORMATS = ['csv', 'hledger', 'beancount'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  format: ExportFormat;
  currency: string;
  /** First day included (YYYY-MM-DD, UTC); null: from the start. */
  from?: string | null;
  /** Last day included (YYYY-MM-DD, UTC); null: up to now. */
  to?: string | null;
  /** Transfers read per page. */
  pageSize?: number;
  /**
   * Told after every page how many transfers were read so far (over all passes: a journal reads the
   * ledger twice, a CSV once, see exportPasses). The export waits for it, so it may write progress.
   */
  onProgress?: (progress: { transfersRead: number }) => void | Promise<void>;
}

/** How many times an export of this format reads every transfer (for progress against a count). */
export function exportPasses(format: ExportFormat): number {
  return format === 'csv' ? 1 : 2;
}

export type ExportSource = Pick<Ledger, 'listCurrencies' | 'listAccounts' | 'listTransfers'>;

const PAGE_SIZE_DEFAULT = 5_000;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

export function isExportDate(text: string): boolean {
  return datePattern.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}

export async function* exportJournal(source: ExportSource, options: ExportOptions): AsyncGenerator<string> {
  const from = options.from ?? null;
  const to = options.to ?? null;
  for (const date of [from, to]) if (date !== null && !isExportDate(date)) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  if (from !== null && to !== null && from > to) throw new RangeError(`The period starts (${from}) after it ends (${to})`);
  const pageSize = options.pageSize ?? PAGE_SIZE_DEFAULT;

  const currency = (await source.listCurrencies()).find((candidate) => candidate.code === options.currency);
  if (!currency) throw new RangeError(`Unknown currency ${options.currency}`);
  const everyAccount = await allAccounts(source, currency.code);
  const inCurrency = (transfer: Transfer) => transfer.currency === currency.code;
  const inPeriod = (date: string) => (from === null || date >= from) && (to === null || date <= to);
  let transfersRead = 0;
  const pages = async function* (lastSequence: bigint | null): AsyncGenerator<Transfer[]> {
    for await (const page of transferPages(source, pageSize, lastSequence)) {
      yield page;
      transfersRead += page.length;
      await options.onProgress?.({ transfersRead });
    }
  };

  if (options.format === 'csv') {
    const codes = new Map(everyAccount.map((account) => [account.id, account.code ?? '']));
    yield csvHeader();
    for await (const page of pages(null)) {
      let chunk = '';
      for (const transfer of page) {
        if (inCurrency(transfer) && inPeriod(utcDate(transfer.createdAt))) chunk += csvTransfer(transfer, { currency, codeOf: (id) => codes.get(id) ?? '' });
      }
      if (chunk) yield chunk;
    }
    return;
  }

  // First pass: opening balances before `from`, the accounts moved up to the end of the period, the
  // earliest date any entry carries, and the last transfer, where the second pass stops.
  const opening = new Map<string, Decimal>();
  const moved = new Set<string>();
  let lastSequence = 0n;
  let earliest = from ?? utcDate(new Date());
  for await (const page of pages(null)) {
    lastSequence = page[page.length - 1]!.sequence;
    for (const transfer of page) {
      if (!inCurrency(transfer) || !isPostedMovement(transfer)) continue;
      const date = utcDate(transfer.createdAt);
      if (to === null || date <= to) {
        moved.add(transfer.debitAccountId);
        moved.add(transfer.creditAccountId);
      }
      if (from !== null && date < from) {
        opening.set(transfer.creditAccountId, (opening.get(transfer.creditAccountId) ?? ZERO).plus(transfer.amount));
        opening.set(transfer.debitAccountId, (opening.get(transfer.debitAccountId) ?? ZERO).minus(transfer.amount));
      } else if (inPeriod(date) && date < earliest) {
        earliest = date;
      }
    }
  }

  const accounts = everyAccount.filter((account) => to === null || utcDate(account.createdAt) <= to || moved.has(account.id));
  const names = new JournalAccountNames();
  for (const account of accounts) names.add(account);
  for (const account of accounts) if (utcDate(account.createdAt) < earliest) earliest = utcDate(account.createdAt);
  const header: JournalHeader = { currency, accounts, nameOf: (id) => names.nameOf(id), openDate: earliest, period: { from, to } };
  const format = journalFormats[options.format];
  yield format.header(header);
  if (from !== null) {
    const balances = accounts
      .map((account) => ({ accountId: account.id, balance: opening.get(account.id) ?? ZERO }))
      .filter((line) => !line.balance.isZero());
    const entry: JournalOpening = { date: from, balances };
    const text = format.opening(entry, header);
    if (text) yield text;
  }
  // Second pass: the entries of the period, summed onto the opening balances for the assertions.
  const closing = new Map(opening);
  let latest = from ?? earliest;
  for await (const page of pages(lastSequence)) {
    let chunk = '';
    for (const transfer of page) {
      if (!inCurrency(transfer) || !isPostedMovement(transfer)) continue;
      const date = utcDate(transfer.createdAt);
      if (!inPeriod(date)) continue;
      chunk += format.transfer(transfer, date, header);
      closing.set(transfer.creditAccountId, (closing.get(transfer.creditAccountId) ?? ZERO).plus(transfer.amount));
      closing.set(transfer.debitAccountId, (closing.get(transfer.debitAccountId) ?? ZERO).minus(transfer.amount));
      if (date > latest) latest = date;
    }
    if (chunk) yield chunk;
  }
  const assertions: JournalClosing = {
    date: to ?? latest,
    balances: accounts.map((account) => ({ accountId: account.id, balance: closing.get(account.id) ?? ZERO })),
  };
  yield format.closing(assertions, header);
}

const journalFormats = {
  hledger: { header: hledgerHeader, opening: hledgerOpening, transfer: hledgerTransfer, closing: hledgerClosing },
  beancount: { header: beancountHeader, opening: beancountOpening, transfer: beancountTransfer, closing: beancountClosing },
} satisfies Record<Exclude<ExportFormat, 'csv'>, unknown>;

async function allAccounts(source: ExportSource, currency: Currency['code']): Promise<Account[]> {
  const accounts: Account[] = [];
  for (let afterId: string | null = null; ; ) {
    const page = await source.listAccounts({ currency, afterId, limit: 1000 });
    accounts.push(...page);
    if (page.length < 1000) return accounts;
    afterId = page[page.length - 1]!.id;
  }
}

async function* transferPages(source: ExportSource, pageSize: number, lastSequence: bigint | null): AsyncGenerator<Transfer[]> {
  for (let afterSequence = 0n; ; ) {
    const page = await source.listTransfers({ afterSequence, limit: pageSize });
    const kept = lastSequence === null ? page : page.filter((transfer) => transfer.sequence <= lastSequence);
    if (kept.length > 0) yield kept;
    if (page.length < pageSize || kept.length < page.length) return;
    afterSequence = page[page.length - 1]!.sequence;
  }
}
