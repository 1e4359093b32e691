// Read models: a page of an account's statement, per-account totals (for the trial balance) and
// the money supply. Each is one SQL statement, so it sees one consistent snapshot.
import { ZERO, decimalFromStorage } from '../domain/money';
import { type AccountTotals, type PostedAggregate, type StatementPageQuery, type StatementPageRows } from '../store';
import { type SqlExecutor } from './executor';
import { type AccountRow, type TransferRow, accountColumns, accountFromRow, transferColumns, transferFromRow } from './rows';

/**
 * One page of the transfers touching an account, newest first or oldest first. Each side (debit,
 * credit) is read through its own (account, sequence) index and limited before merging, so a page
 * costs the same however long the account's history is.
 */
export async function statementPage(sql: SqlExecutor, query: StatementPageQuery): Promise<StatementPageRows> {
  const descending = query.order === 'desc';
  const direction = descending ? 'DESC' : 'ASC';
  const bound = descending ? '<' : '>';
  const side = (column: string) => `(SELECT * FROM ledger_transfer s
      WHERE s.${column} = $1::uuid AND ($2::bigint IS NULL OR s.sequence ${bound} $2::bigint)
      ORDER BY s.sequence ${direction} LIMIT $3)`;
  const rows = await sql.query<(TransferRow & { held_amount: string | null; posted_balance: string | null }) | { id: null; posted_balance: string | null }>(
    `WITH page AS (${side('debit_account_id')} UNION ALL ${side('credit_account_id')}),
     page_rows AS (
       SELECT ${transferColumns}, p.amount::text AS held_amount
       FROM page t LEFT JOIN ledger_transfer p ON p.id = t.pending_id
       ORDER BY t.sequence ${direction} LIMIT $3
     )
     SELECT b.posted_balance, r.* FROM
       (SELECT (a.credits_posted - a.debits_posted)::text AS posted_balance FROM ledger_account a WHERE a.id = $1::uuid) b
       LEFT JOIN page_rows r ON true
     ORDER BY r.sequence::bigint ${direction}`,
    query.accountId,
    query.afterSequence === null ? null : query.afterSequence.toString(),
    query.limit,
  );
  const first = rows[0];
  if (!first || first.posted_balance === null) throw new Error(`Account ${query.accountId} does not exist`);
  return {
    postedBalance: decimalFromStorage(first.posted_balance),
    rows: rows
      .filter((row): row is TransferRow & { held_amount: string | null; posted_balance: string | null } => row.id !== null)
      .map((row) => ({
        transfer: transferFromRow(row),
        heldAmount: row.held_amount === null ? null : decimalFromStorage(row.held_amount),
      })),
  };
}

/** Posted movements per account up to an instant, as (account_id, debits, credits). */
const movesUntil = `
  SELECT m.account_id, sum(m.debits) AS debits, sum(m.credits) AS credits FROM (
    SELECT t.debit_account_id AS account_id, t.amount AS debits, 0::numeric AS credits FROM ledger_transfer t
    WHERE t.currency_code = $1 AND t.created_at <= $2::timestamptz AND t.type IN ('immediate', 'post', 'reversal')
    UNION ALL
    SELECT t.credit_account_id, 0::numeric, t.amount FROM ledger_transfer t
    WHERE t.currency_code = $1 AND t.created_at <= $2::timestamptz AND t.type IN ('immediate', 'post', 'reversal')
  ) m GROUP BY m.account_id`;

export async function accountTotals(
  sql: SqlExecutor,
  query: { currency: string; asOf: Date | null; afterId: string | null; limit: number },
): Promise<AccountTotals[]> {
  type Row = AccountRow & { total_debits: string; total_credits: string };
  const rows =
    query.asOf === null
      ? await sql.query<Row>(
          `SELECT ${accountColumns}, a.debits_posted::text AS total_debits, a.credits_posted::text AS total_credits
           FROM ledger_account a WHERE a.currency_code = $1 AND ($2::uuid IS NULL OR a.id > $2::uuid)
           ORDER BY a.id LIMIT $3`,
          query.currency,
          query.afterId,
          query.limit,
        )
      : await sql.query<Row>(
          `WITH totals AS (${movesUntil})
           SELECT ${accountColumns}, coalesce(m.debits, 0)::text AS total_debits, coalesce(m.credits, 0)::text AS total_credits
           FROM ledger_account a LEFT JOIN totals m ON m.account_id = a.id
           WHERE a.currency_code = $1 AND a.created_at <= $2::timestamptz AND ($3::uuid IS NULL OR a.id > $3::uuid)
           ORDER BY a.id LIMIT $4`,
          query.currency,
          query.asOf.toISOString(),
          query.afterId,
          query.limit,
        );
  return rows.map((row) => ({
    account: accountFromRow(row),
    debits: decimalFromStorage(row.total_debits),
    credits: decimalFromStorage(row.total_credits),
  }));
}

export async function postedAggregate(
  sql: SqlExecutor,
  query: { currency: string; asOf: Date | null },
): Promise<PostedAggregate> {
  type Row = {
    positive: string | null;
    negative: string | null;
    accounts_positive: number;
    accounts_negative: number;
    debits: string | null;
    credits: string | null;
  };
  const aggregate = `sum(greatest(b.credits - b.debits, 0))::text AS positive, sum(least(b.credits - b.debits, 0))::text AS negative,
    (count(*) FILTER (WHERE b.credits > b.debits))::int AS accounts_positive,
    (count(*) FILTER (WHERE b.credits < b.debits))::int AS accounts_negative,
    sum(b.debits)::text AS debits, sum(b.credits)::text AS credits`;
  const rows =
    query.asOf === null
      ? await sql.query<Row>(
          `SELECT ${aggregate} FROM (SELECT a.debits_posted AS debits, a.credits_posted AS credits FROM ledger_account a
           WHERE a.currency_code = $1) b`,
          query.currency,
        )
      : await sql.query<Row>(
          `SELECT ${aggregate} FROM (${movesUntil}) b`,
          query.currency,
          query.asOf.toISOString(),
        );
  const row = rows[0];
  return {
    positive: row?.positive ? decimalFromStorage(row.positive) : ZERO,
    negative: row?.negative ? decimalFromStorage(row.negative) : ZERO,
    accountsPositive: Number(row?.accounts_positive ?? 0),
    accountsNegative: Number(row?.accounts_negative ?? 0),
    debits: row?.debits ? decimalFromStorage(row.debits) : ZERO,
    credits: row?.credits ? decimalFromStorage(row.credits) : ZERO,
  };
}
