// getStatement: the transfers of one account with the running posted balance, a page at a time.
// The order is the sequence order, which per account is the order of writing, so the running
// balance is exact. The opaque cursor carries the position and the running balance at the page
// boundary, so every page costs the same however long the history is.
import { type BalanceCounters } from '../domain/account';
import { effectsOf } from '../domain/balance-effects';
import { type Decimal, ZERO, parseAmount } from '../domain/money';
import { normaliseId } from '../domain/transfer-checks';
import { type Transfer } from '../domain/transfer';
import { type LedgerContext } from './context';

export const STATEMENT_PAGE_MAXIMUM = 500;
export const STATEMENT_PAGE_DEFAULT = 50;

export interface StatementQuery {
  accountId: string;
  /** Newest first (default) or oldest first. */
  order?: 'desc' | 'asc';
  /** 1 to 500; default 50. */
  limit?: number;
  /** From the previous page's nextCursor. */
  cursor?: string | null;
}

export interface StatementEntry {
  transfer: Transfer;
  /** This account's side of the transfer. */
  side: 'debit' | 'credit';
  /** Change of the posted balance (credits minus debits) by this transfer. */
  postedChange: Decimal;
  /** Change of the outgoing holds (pending debits) and of the incoming holds (pending credits). */
  pendingDebitsChange: Decimal;
  pendingCreditsChange: Decimal;
  /** Posted balance right after this transfer. */
  postedBalance: Decimal;
}

export type StatementResult =
  | { ok: true; accountId: string; entries: StatementEntry[]; nextCursor: string | null }
  | { ok: false; code: 'account_not_found' | 'cursor_invalid' };

interface Cursor {
  order: 'desc' | 'asc';
  sequence: bigint;
  /** desc: posted balance after the next (older) entry; asc: after the last entry shown. */
  balance: Decimal;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([1, cursor.order, cursor.sequence.toString(), cursor.balance.toFixed()]), 'utf8').toString('base64url');
}

function decodeCursor(text: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 4 || value[0] !== 1) return null;
    const [, order, sequence, balance] = value as [number, unknown, unknown, unknown];
    if ((order !== 'desc' && order !== 'asc') || typeof sequence !== 'string' || !/^\d{1,19}$/.test(sequence) || typeof balance !== 'string') return null;
    const amount = parseAmount(balance);
    return amount === null ? null : { order, sequence: BigInt(sequence), balance: amount };
  } catch {
    return null;
  }
}

function sideChange(change: BalanceCounters): { posted: Decimal; pendingDebits: Decimal; pendingCredits: Decimal } {
  return { posted: change.creditsPosted.minus(change.debitsPosted), pendingDebits: change.debitsPending, pendingCredits: change.creditsPending };
}

export async function getStatement(context: LedgerContext, query: StatementQuery): Promise<StatementResult> {
  const accountId = normaliseId(query.accountId);
  if (accountId === null) return { ok: false, code: 'account_not_found' };
  const order = query.order ?? 'desc';
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? STATEMENT_PAGE_DEFAULT), 1), STATEMENT_PAGE_MAXIMUM);
  let cursor: Cursor | null = null;
  if (query.cursor) {
    cursor = decodeCursor(query.cursor);
    if (cursor === null || cursor.order !== order) return { ok: false, code: 'cursor_invalid' };
  }
  const [account] = await context.store.read.findAccounts([accountId]);
  if (!account) return { ok: false, code: 'account_not_found' };
  const page = await context.store.read.statementPage({ accountId, order, limit, afterSequence: cursor?.sequence ?? null });

  const entries: StatementEntry[] = [];
  // desc: start from the balance after the newest entry on this page and walk back in time.
  // asc: start from the balance before the oldest entry on this page and walk forward.
  let balance = cursor ? cursor.balance : order === 'desc' ? page.postedBalance : ZERO;
  for (const { transfer, heldAmount } of page.rows) {
    const effects = effectsOf(transfer, heldAmount);
    const side = transfer.debitAccountId === accountId ? 'debit' : 'credit';
    const change = sideChange(side === 'debit' ? effects.debit : effects.credit);
    let postedBalance: Decimal;
    if (order === 'desc') {
      postedBalance = balance;
      balance = balance.minus(change.posted);
    } else {
      balance = balance.plus(change.posted);
      postedBalance = balance;
    }
    entries.push({
      transfer,
      side,
      postedChange: change.posted,
      pendingDebitsChange: change.pendingDebits,
      pendingCreditsChange: change.pendingCredits,
      postedBalance,
    });
  }
  const last = entries[entries.length - 1];
  const nextCursor = entries.length === limit && last ? encodeCursor({ order, sequence: last.transfer.sequence, balance }) : null;
  return { ok: true, accountId, entries, nextCursor };
}
