// Read models for auditing: the journal with filters, an account's statement for a period, the open
// holds, the block a transfer was sealed in and monthly summaries. Each is one SQL statement (the
// use cases run several in one snapshot where they must agree).
import { type Block } from '../domain/hash-chain';
import { ZERO, decimalFromStorage } from '../domain/money';
import { type Transfer } from '../domain/transfer';
import {
  type JournalPageQuery,
  type MonthlyBalances,
  type MonthlyMovements,
  type OpenHoldsTotals,
  type PeriodStatementPageQuery,
  type PeriodStatementPageRows,
} from '../store';
import { type SqlExecutor } from './executor';
import { type BlockRow, type TransferRow, blockColumns, blockFromRow, transferColumns, transferFromRow } from './rows';

const postedTypes = `('immediate', 'post', 'reversal')`;

/**
 * A page of the journal in sequence order. The filters become conditions with positional
 * parameters; with an account, each side (debit, credit) is read through its own (account, sequence)
 * index and limited before merging, as in the statement, so a page costs the same however long the
 * ledger is. Without one, the sequence index is walked and the filters are checked on the way.
 */
export async function journalPage(sql: SqlExecutor, query: JournalPageQuery): Promise<Transfer[]> {
  const values: unknown[] = [];
  const parameter = (value: unknown, cast: string): string => {
    values.push(value);
    return `$${values.length}::${cast}`;
  };
  const conditions: string[] = [];
  if (query.currency !== null) conditions.push(`s.currency_code = ${parameter(query.currency, 'text')}`);
  if (query.kind !== null) conditions.push(`s.kind = ${parameter(query.kind, 'text')}`);
  if (query.type !== null) conditions.push(`s.type = ${parameter(query.type, 'text')}`);
  if (query.reference !== null) conditions.push(`s.reference = ${parameter(query.reference, 'text')}`);
  if (query.from !== null) conditions.push(`s.created_at >= ${parameter(query.from.toISOString(), 'timestamptz')}`);
  if (query.to !== null) conditions.push(`s.created_at < ${parameter(query.to.toISOString(), 'timestamptz')}`);
  if (query.amountMinimum !== null) conditions.push(`s.amount >= ${parameter(query.amountMinimum.toFixed(), 'numeric')}`);
  if (query.amountMaximum !== null) conditions.push(`s.amount <= ${parameter(query.amountMaximum.toFixed(), 'numeric')}`);
  const descending = query.order === 'desc';
  const direction = descending ? 'DESC' : 'ASC';
  if (query.afterSequence !== null) conditions.push(`s.sequence ${descending ? '<' : '>'} ${parameter(query.afterSequence.toString(), 'bigint')}`);
  const limit = parameter(query.limit, 'int');
  const side = (extra: string[]) => {
    const where = [...conditions, ...extra];
    return `(SELECT * FROM ledger_transfer s ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.sequence ${direction} LIMIT ${limit})`;
  };
  let source: string;
  if (query.accountId === null) {
    source = side([]);
  } else {
    const account = parameter(query.accountId, 'uuid');
    source = `(${side([`s.debit_account_id = ${account}`])} UNION ALL ${side([`s.credit_account_id = ${account}`])})`;
  }
  const rows = await sql.query<TransferRow>(
    `SELECT ${transferColumns} FROM ${source} t ORDER BY t.sequence ${direction} LIMIT ${limit}`,
    ...values,
  );
  return rows.map(transferFromRow);
}

/**
 * A page of an account's transfers written in a period (createdAt in [from, to)), oldest first, with
 * the posted balance before the period and at its end. The balances are sums over the account's
 * posted movements, read through the (account, sequence) indexes.
 */
export async function periodStatementPage(sql: SqlExecutor, query: PeriodStatementPageQuery): Promise<PeriodStatementPageRows> {
  const from = query.from?.toISOString() ?? null;
  const to = query.to?.toISOString() ?? null;
  type Row = (TransferRow & { held_amount: string | null }) | { id: null };
  const balances = await sql.query<{ opening: string | null; closing: string | null; exists: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ledger_account a WHERE a.id = $1::uuid) AS exists,
       (SELECT sum(m.change) FROM (
          SELECT -t.amount AS change FROM ledger_transfer t WHERE t.debit_account_id = $1::uuid AND t.type IN ${postedTypes}
            AND $2::timestamptz IS NOT NULL AND t.created_at < $2::timestamptz
          UNION ALL
          SELECT t.amount FROM ledger_transfer t WHERE t.credit_account_id = $1::uuid AND t.type IN ${postedTypes}
            AND $2::timestamptz IS NOT NULL AND t.created_at < $2::timestamptz) m)::text AS opening,
       (SELECT sum(m.change) FROM (
          SELECT -t.amount AS change FROM ledger_transfer t WHERE t.debit_account_id = $1::uuid AND t.type IN ${postedTypes}
            AND ($3::timestamptz IS NULL OR t.created_at < $3::timestamptz)
          UNION ALL
          SELECT t.amount FROM ledger_transfer t WHERE t.credit_account_id = $1::uuid AND t.type IN ${postedTypes}
            AND ($3::timestamptz IS NULL OR t.created_at < $3::timestamptz)) m)::text AS closing`,
    query.accountId,
    from,
    to,
  );
  const balanceRow = balances[0];
  if (!balanceRow?.exists) return { found: false, openingBalance: ZERO, closingBalance: ZERO, rows: [] };
  const side = (column: string) => `(SELECT * FROM ledger_transfer s
      WHERE s.${column} = $1::uuid AND ($2::timestamptz IS NULL OR s.created_at >= $2::timestamptz)
        AND ($3::timestamptz IS NULL OR s.created_at < $3::timestamptz)
        AND ($4::bigint IS NULL OR s.sequence > $4::bigint)
      ORDER BY s.sequence LIMIT $5)`;
  const rows = await sql.query<Row>(
    `SELECT ${transferColumns}, p.amount::text AS held_amount
     FROM (${side('debit_account_id')} UNION ALL ${side('credit_account_id')}) t
     LEFT JOIN ledger_transfer p ON p.id = t.pending_id
     ORDER BY t.sequence LIMIT $5`,
    query.accountId,
    from,
    to,
    query.afterSequence === null ? null : query.afterSequence.toString(),
    query.limit,
  );
  return {
    found: true,
    openingBalance: balanceRow.opening === null ? ZERO : decimalFromStorage(balanceRow.opening),
    closingBalance: balanceRow.closing === null ? ZERO : decimalFromStorage(balanceRow.closing),
    rows: rows
      .filter((row): row is TransferRow & { held_amount: string | null } => row.id !== null)
      .map((row) => ({ transfer: transferFromRow(row), heldAmount: row.held_amount === null ? null : decimalFromStorage(row.held_amount) })),
  };
}

/** Open (unresolved) holds of a currency in sequence order, after a sequence. */
export async function openHoldsPage(sql: SqlExecutor, query: { currency: string; afterSequence: bigint | null; limit: number }): Promise<Transfer[]> {
  const rows = await sql.query<TransferRow>(
    `SELECT ${transferColumns} FROM ledger_pending_open o JOIN ledger_transfer t ON t.id = o.transfer_id
     WHERE t.currency_code = $1 AND ($2::bigint IS NULL OR t.sequence > $2::bigint)
     ORDER BY t.sequence LIMIT $3`,
    query.currency,
    query.afterSequence === null ? null : query.afterSequence.toString(),
    query.limit,
  );
  return rows.map(transferFromRow);
}

/** Count and sum of the open holds of a currency, per account they are held for (the credit side). */
export async function openHoldsTotals(sql: SqlExecutor, query: { currency: string }): Promise<OpenHoldsTotals> {
  const rows = await sql.query<{ credit_account_id: string; count: number; amount: string }>(
    `SELECT t.credit_account_id::text AS credit_account_id, count(*)::int AS count, sum(t.amount)::text AS amount
     FROM ledger_pending_open o JOIN ledger_transfer t ON t.id = o.transfer_id
     WHERE t.currency_code = $1 GROUP BY t.credit_account_id ORDER BY t.credit_account_id`,
    query.currency,
  );
  return {
    byCreditAccount: rows.map((row) => ({ accountId: row.credit_account_id, count: Number(row.count), amount: decimalFromStorage(row.amount) })),
  };
}

/** The sealed block that holds a transfer, or null while it is not sealed (or does not exist). */
export async function blockOfTransfer(sql: SqlExecutor, transferId: string): Promise<Block | null> {
  const rows = await sql.query<BlockRow>(
    `SELECT ${blockColumns} FROM ledger_transfer t JOIN ledger_block b
       ON (t.xid, t.sequence) >= (b.first_xid, b.first_sequence) AND (t.xid, t.sequence) <= (b.last_xid, b.last_sequence)
     WHERE t.id = $1::uuid LIMIT 1`,
    transferId,
  );
  return rows[0] ? blockFromRow(rows[0]) : null;
}

/** Posted movements (immediate, post, reversal) per UTC month, kind and type, in [from, to). */
export async function monthlyMovements(sql: SqlExecutor, query: { currency: string; from: Date; to: Date }): Promise<MonthlyMovements[]> {
  const rows = await sql.query<{ month: string; kind: string; type: string; count: number; amount: string }>(
    `SELECT to_char(date_trunc('month', t.created_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month, t.kind, t.type,
            count(*)::int AS count, sum(t.amount)::text AS amount
     FROM ledger_transfer t
     WHERE t.currency_code = $1 AND t.type IN ${postedTypes} AND t.created_at >= $2::timestamptz AND t.created_at < $3::timestamptz
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    query.currency,
    query.from.toISOString(),
    query.to.toISOString(),
  );
  return rows.map((row) => ({ month: row.month, kind: row.kind, type: row.type as Transfer['type'], count: Number(row.count), amount: decimalFromStorage(row.amount) }));
}

/**
 * The money supply at the end of each UTC month from `from` (a month's first instant) for `months`
 * months: every account's posted balance is carried from month to month (a running sum of its
 * monthly changes), then the positive and negative balances are added up per month.
 */
export async function monthlyBalances(sql: SqlExecutor, query: { currency: string; from: Date; months: number }): Promise<MonthlyBalances[]> {
  const rows = await sql.query<{ month: string; positive: string | null; negative: string | null; accounts_positive: number; accounts_negative: number }>(
    `WITH bounds AS (
       SELECT ($2::timestamptz AT TIME ZONE 'UTC') AS first_month,
              ($2::timestamptz AT TIME ZONE 'UTC') + make_interval(months => $3::int) AS end_month
     ),
     changes AS (
       SELECT x.account_id, greatest(date_trunc('month', x.created_at AT TIME ZONE 'UTC'), b.first_month) AS month, sum(x.change) AS change
       FROM (
         SELECT t.debit_account_id AS account_id, -t.amount AS change, t.created_at FROM ledger_transfer t
         WHERE t.currency_code = $1 AND t.type IN ${postedTypes}
         UNION ALL
         SELECT t.credit_account_id, t.amount, t.created_at FROM ledger_transfer t
         WHERE t.currency_code = $1 AND t.type IN ${postedTypes}
       ) x CROSS JOIN bounds b
       WHERE x.created_at AT TIME ZONE 'UTC' < b.end_month
       GROUP BY 1, 2
     ),
     grid AS (
       SELECT a.account_id, m.month FROM (SELECT DISTINCT c.account_id FROM changes c) a
       CROSS JOIN bounds b
       CROSS JOIN LATERAL generate_series(b.first_month, b.end_month - interval '1 month', interval '1 month') AS m(month)
     ),
     balances AS (
       SELECT g.month, sum(coalesce(c.change, 0)) OVER (PARTITION BY g.account_id ORDER BY g.month) AS balance
       FROM grid g LEFT JOIN changes c ON c.account_id = g.account_id AND c.month = g.month
     )
     SELECT to_char(m.month, 'YYYY-MM') AS month,
            sum(greatest(x.balance, 0))::text AS positive, sum(least(x.balance, 0))::text AS negative,
            (count(*) FILTER (WHERE x.balance > 0))::int AS accounts_positive,
            (count(*) FILTER (WHERE x.balance < 0))::int AS accounts_negative
     FROM bounds b
     CROSS JOIN LATERAL generate_series(b.first_month, b.end_month - interval '1 month', interval '1 month') AS m(month)
     LEFT JOIN balances x ON x.month = m.month
     GROUP BY m.month ORDER BY m.month`,
    query.currency,
    query.from.toISOString(),
    query.months,
  );
  return rows.map((row) => ({
    month: row.month,
    positive: row.positive === null ? ZERO : decimalFromStorage(row.positive),
    negative: row.negative === null ? ZERO : decimalFromStorage(row.negative),
    accountsPositive: Number(row.accounts_positive),
    accountsNegative: Number(row.accounts_negative),
  }));
}
