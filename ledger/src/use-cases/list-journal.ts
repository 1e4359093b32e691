// listJournal: the transfers of the ledger with filters (currency, account on either side, kind,
// type, reference, period, amount range), a page at a time, newest first or oldest first. Bad filter
// values are typed failures, never a page that silently ignores them.
import { type AmountInput, type Decimal, parseAmount } from '../domain/money';
import { normaliseId } from '../domain/transfer-checks';
import { KIND_LENGTH_MAXIMUM, REFERENCE_LENGTH_MAXIMUM, TRANSFER_TYPES, type Transfer, type TransferType } from '../domain/transfer';
import { type LedgerContext } from './context';
import { decodePageCursor, encodePageCursor, pageLimit } from './page-cursor';

export const JOURNAL_FILTERED_PAGE_MAXIMUM = 500;
export const JOURNAL_FILTERED_PAGE_DEFAULT = 50;

export interface JournalFilter {
  currency?: string | null;
  /** Transfers with this account on the debit or the credit side. */
  accountId?: string | null;
  kind?: string | null;
  type?: TransferType | null;
  /** The caller's reference, e.g. an order id; matched exactly. */
  reference?: string | null;
  /** Written at or after `from` and before `to`. */
  from?: Date | null;
  to?: Date | null;
  /** Inclusive bounds of the amount. */
  amountMinimum?: AmountInput | null;
  amountMaximum?: AmountInput | null;
}

export interface JournalQuery extends JournalFilter {
  /** Newest first (default) or oldest first, in the ledger's order of writing. */
  order?: 'desc' | 'asc';
  /** 1 to 500; default 50. */
  limit?: number;
  /** From the previous page's nextCursor. */
  cursor?: string | null;
}

export type JournalFailureCode = 'cursor_invalid' | 'account_invalid' | 'amount_invalid' | 'period_invalid' | 'kind_invalid' | 'reference_invalid' | 'type_invalid';

export type JournalResult = { ok: true; transfers: Transfer[]; nextCursor: string | null } | { ok: false; code: JournalFailureCode };

function amountBound(input: AmountInput | null | undefined): Decimal | null | 'invalid' {
  if (input === null || input === undefined) return null;
  const amount = parseAmount(input);
  return amount === null || amount.isNegative() ? 'invalid' : amount;
}

export async function listJournal(context: LedgerContext, query: JournalQuery): Promise<JournalResult> {
  const order = query.order ?? 'desc';
  const limit = pageLimit(query.limit, JOURNAL_FILTERED_PAGE_DEFAULT, JOURNAL_FILTERED_PAGE_MAXIMUM);
  const readName = `journal-${order}`;
  const position = query.cursor ? decodePageCursor(readName, query.cursor) : null;
  if (query.cursor && position === null) return { ok: false, code: 'cursor_invalid' };
  let accountId: string | null = null;
  if (query.accountId !== null && query.accountId !== undefined) {
    accountId = normaliseId(query.accountId);
    if (accountId === null) return { ok: false, code: 'account_invalid' };
  }
  const amountMinimum = amountBound(query.amountMinimum);
  const amountMaximum = amountBound(query.amountMaximum);
  if (amountMinimum === 'invalid' || amountMaximum === 'invalid') return { ok: false, code: 'amount_invalid' };
  if (amountMinimum && amountMaximum && amountMinimum.greaterThan(amountMaximum)) return { ok: false, code: 'amount_invalid' };
  const from = query.from ?? null;
  const to = query.to ?? null;
  if ((from && Number.isNaN(from.getTime())) || (to && Number.isNaN(to.getTime())) || (from && to && from.getTime() >= to.getTime())) {
    return { ok: false, code: 'period_invalid' };
  }
  const kind = query.kind ?? null;
  if (kind !== null && (kind.length === 0 || kind.length > KIND_LENGTH_MAXIMUM)) return { ok: false, code: 'kind_invalid' };
  const reference = query.reference ?? null;
  if (reference !== null && (reference.length === 0 || reference.length > REFERENCE_LENGTH_MAXIMUM)) return { ok: false, code: 'reference_invalid' };
  const type = query.type ?? null;
  if (type !== null && !TRANSFER_TYPES.includes(type)) return { ok: false, code: 'type_invalid' };

  const transfers = await context.store.read.journalPage({
    currency: query.currency ?? null,
    accountId,
    kind,
    type,
    reference,
    from,
    to,
    amountMinimum,
    amountMaximum,
    order,
    afterSequence: position?.sequence ?? null,
    limit,
  });
  const last = transfers[transfers.length - 1];
  const nextCursor = transfers.length === limit && last ? encodePageCursor(readName, { sequence: last.sequence, balance: null }) : null;
  return { ok: true, transfers, nextCursor };
}
