// What a journal export contains, independent of the output format. Journals (hledger, beancount)
// hold posted movements only: immediate transfers, posts of holds and reversals. Pending transfers
// (holds) and voids change no posted balance, so they are left out; a hold shows up when it is posted.
// Each entry moves `amount` from the debit account to the credit account: the credit account gets a
// positive posting and the debit account a negative one, so a journal account's balance equals the
// ledger's balance (credits minus debits).
import { type Account } from '../domain/account';
import { type Currency } from '../domain/currency';
import { type Decimal } from '../domain/money';
import { type Transfer } from '../domain/transfer';

export interface JournalOpening {
  /** The first day of the period; balances are those at the start of that day. */
  date: string;
  /** Non-zero opening balances by account id; they sum to zero in mutual credit. */
  balances: ReadonlyArray<{ accountId: string; balance: Decimal }>;
}

/** Every account's balance at the end of a day: the journal's closing balance assertions. */
export interface JournalClosing {
  /** The last day of the period (or of the journal); the balances are those at the end of that day. */
  date: string;
  /** Every account of the export, zero balances included, in the header's order. */
  balances: ReadonlyArray<{ accountId: string; balance: Decimal }>;
}

export interface JournalHeader {
  currency: Currency;
  accounts: readonly Account[];
  /** Account names by id. */
  nameOf: (accountId: string) => string;
  /** Date on which every account is opened (beancount needs one before its first posting). */
  openDate: string;
  /** Inclusive period, if the export is limited to one. */
  period: { from: string | null; to: string | null };
}

export function isPostedMovement(transfer: Pick<Transfer, 'type'>): boolean {
  return transfer.type === 'immediate' || transfer.type === 'post' || transfer.type === 'reversal';
}

export function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Text on one line without characters that end a field or a comment in either tool. */
export function singleLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').trim();
}

/** The calendar day after a YYYY-MM-DD date. */
export function nextDay(date: string): string {
  return utcDate(new Date(Date.parse(`${date}T00:00:00Z`) + 24 * 60 * 60 * 1000));
}
