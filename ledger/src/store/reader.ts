// Reads of the ledger tables. Used on the plain client, inside read-write transactions and inside
// read-only snapshots alike.
import { type Account, type BalanceCounters } from '../domain/account';
import { type AccountLimitsChange } from '../domain/balance-replay';
import { type Currency } from '../domain/currency';
import { type ClosedPeriod } from '../domain/period-close';
import { type Block, type ChainHead, type ChainPosition } from '../domain/hash-chain';
import { decimalFromStorage } from '../domain/money';
import { type Transfer } from '../domain/transfer';
import {
  type AccountTotals,
  type JournalPageQuery,
  type LedgerStoreReader,
  type MonthlyBalances,
  type MonthlyMovements,
  type OpenHoldsTotals,
  type PeriodStatementPageQuery,
  type PeriodStatementPageRows,
  type PostedAggregate,
  type ReferenceProblem,
  type SealableTransfer,
  type StatementPageQuery,
  type StatementPageRows,
} from '../store';
import { type SqlExecutor } from './executor';
import { blockOfTransfer, journalPage, monthlyBalances, monthlyMovements, openHoldsPage, openHoldsTotals, periodStatementPage } from './audit-queries';
import { accountTotals, postedAggregate, statementPage } from './queries';
import {
  type AccountRow,
  type BlockRow,
  type ChainHeadRow,
  type CurrencyRow,
  type TransferRow,
  accountColumns,
  accountFromRow,
  blockColumns,
  blockFromRow,
  chainHeadColumns,
  chainHeadFromRow,
  currencyColumns,
  currencyFromRow,
  sealableFromRow,
  transferColumns,
  transferFromRow,
} from './rows';

export class SqlLedgerReader implements LedgerStoreReader {
  constructor(protected readonly sql: SqlExecutor) {}

  async findCurrencies(codes: readonly string[]): Promise<Currency[]> {
    if (codes.length === 0) return [];
    const rows = await this.sql.query<CurrencyRow>(
      `SELECT ${currencyColumns} FROM ledger_currency c WHERE c.code = ANY($1::text[])`,
      [...codes],
    );
    return rows.map(currencyFromRow);
  }

  async listCurrencies(): Promise<Currency[]> {
    const rows = await this.sql.query<CurrencyRow>(`SELECT ${currencyColumns} FROM ledger_currency c ORDER BY c.code`);
    return rows.map(currencyFromRow);
  }

  async findAccounts(ids: readonly string[]): Promise<Account[]> {
    if (ids.length === 0) return [];
    const rows = await this.sql.query<AccountRow>(
      `SELECT ${accountColumns} FROM ledger_account a WHERE a.id = ANY($1::uuid[]) ORDER BY a.id`,
      [...ids],
    );
    return rows.map(accountFromRow);
  }

  async findAccountsByCodes(currency: string, codes: readonly string[]): Promise<Account[]> {
    if (codes.length === 0) return [];
    // An index probe per code (a large array parameter could make the planner scan the whole table).
    const rows = await this.sql.query<AccountRow>(
      `SELECT ${accountColumns} FROM unnest($2::text[]) AS c(code)
         CROSS JOIN LATERAL (SELECT * FROM ledger_account s WHERE s.currency_code = $1 AND s.code = c.code) a`,
      currency,
      [...codes],
    );
    return rows.map(accountFromRow);
  }

  async listAccounts(query: { currency: string | null; afterId: string | null; limit: number }): Promise<Account[]> {
    const rows = await this.sql.query<AccountRow>(
      `SELECT ${accountColumns} FROM ledger_account a
       WHERE ($1::text IS NULL OR a.currency_code = $1) AND ($2::uuid IS NULL OR a.id > $2::uuid)
       ORDER BY a.id LIMIT $3`,
      query.currency,
      query.afterId,
      query.limit,
    );
    return rows.map(accountFromRow);
  }

  async findTransfers(ids: readonly string[]): Promise<Transfer[]> {
    if (ids.length === 0) return [];
    const rows = await this.sql.query<TransferRow>(
      `SELECT ${transferColumns} FROM ledger_transfer t WHERE t.id = ANY($1::uuid[]) ORDER BY t.sequence`,
      [...ids],
    );
    return rows.map(transferFromRow);
  }

  async findTransferByIdempotencyKey(key: string): Promise<Transfer | null> {
    const rows = await this.sql.query<TransferRow>(
      `SELECT ${transferColumns} FROM ledger_transfer t WHERE t.idempotency_key = $1`,
      key,
    );
    return rows[0] ? transferFromRow(rows[0]) : null;
  }

  async listTransfers(query: { afterSequence: bigint; limit: number }): Promise<Transfer[]> {
    const rows = await this.sql.query<TransferRow>(
      `SELECT ${transferColumns} FROM ledger_transfer t WHERE t.sequence > $1::bigint ORDER BY t.sequence LIMIT $2`,
      query.afterSequence.toString(),
      query.limit,
    );
    return rows.map(transferFromRow);
  }

  async listAccountLimitsChanges(query: { afterSequence: bigint; limit: number }): Promise<AccountLimitsChange[]> {
    const rows = await this.sql.query<{ account_id: string; sequence: string; credit_limit: string; maximum_balance: string | null }>(
      `SELECT l.account_id::text AS account_id, l.sequence::text AS sequence, l.credit_limit::text AS credit_limit,
              l.maximum_balance::text AS maximum_balance
       FROM ledger_account_limit l WHERE l.sequence > $1::bigint ORDER BY l.sequence LIMIT $2`,
      query.afterSequence.toString(),
      query.limit,
    );
    return rows.map((row) => ({
      accountId: row.account_id,
      sequence: BigInt(row.sequence),
      creditLimit: decimalFromStorage(row.credit_limit),
      maximumBalance: row.maximum_balance === null ? null : decimalFromStorage(row.maximum_balance),
    }));
  }

  async findExpiredPendingIds(now: Date, limit: number): Promise<string[]> {
    const rows = await this.sql.query<{ id: string }>(
      `SELECT o.transfer_id::text AS id FROM ledger_pending_open o
       WHERE o.expires_at <= $1::timestamptz ORDER BY o.expires_at, o.transfer_id LIMIT $2`,
      now.toISOString(),
      limit,
    );
    return rows.map((row) => row.id);
  }

  async listOpenPendingIds(query: { afterId: string | null; limit: number }): Promise<string[]> {
    const rows = await this.sql.query<{ id: string }>(
      `SELECT o.transfer_id::text AS id FROM ledger_pending_open o
       WHERE ($1::uuid IS NULL OR o.transfer_id > $1::uuid) ORDER BY o.transfer_id LIMIT $2`,
      query.afterId,
      query.limit,
    );
    return rows.map((row) => row.id);
  }

  async sumCountersByCurrency(): Promise<Array<{ currency: string; counters: BalanceCounters }>> {
    const rows = await this.sql.query<{ currency_code: string; dp: string; cp: string; dpe: string; cpe: string }>(
      `SELECT a.currency_code, sum(a.debits_posted)::text AS dp, sum(a.credits_posted)::text AS cp,
              sum(a.debits_pending)::text AS dpe, sum(a.credits_pending)::text AS cpe
       FROM ledger_account a GROUP BY a.currency_code ORDER BY a.currency_code`,
    );
    return rows.map((row) => ({
      currency: row.currency_code,
      counters: {
        debitsPosted: decimalFromStorage(row.dp),
        creditsPosted: decimalFromStorage(row.cp),
        debitsPending: decimalFromStorage(row.dpe),
        creditsPending: decimalFromStorage(row.cpe),
      },
    }));
  }

  statementPage(query: StatementPageQuery): Promise<StatementPageRows> {
    return statementPage(this.sql, query);
  }

  accountTotals(query: { currency: string; asOf: Date | null; afterId: string | null; limit: number }): Promise<AccountTotals[]> {
    return accountTotals(this.sql, query);
  }

  postedAggregate(query: { currency: string; asOf: Date | null }): Promise<PostedAggregate> {
    return postedAggregate(this.sql, query);
  }

  journalPage(query: JournalPageQuery): Promise<Transfer[]> {
    return journalPage(this.sql, query);
  }

  periodStatementPage(query: PeriodStatementPageQuery): Promise<PeriodStatementPageRows> {
    return periodStatementPage(this.sql, query);
  }

  openHoldsPage(query: { currency: string; afterSequence: bigint | null; limit: number }): Promise<Transfer[]> {
    return openHoldsPage(this.sql, query);
  }

  openHoldsTotals(query: { currency: string }): Promise<OpenHoldsTotals> {
    return openHoldsTotals(this.sql, query);
  }

  blockOfTransfer(transferId: string): Promise<Block | null> {
    return blockOfTransfer(this.sql, transferId);
  }

  monthlyMovements(query: { currency: string; from: Date; to: Date }): Promise<MonthlyMovements[]> {
    return monthlyMovements(this.sql, query);
  }

  monthlyBalances(query: { currency: string; from: Date; months: number }): Promise<MonthlyBalances[]> {
    return monthlyBalances(this.sql, query);
  }

  async findResolutions(pendingIds: readonly string[]): Promise<Transfer[]> {
    if (pendingIds.length === 0) return [];
    const rows = await this.sql.query<TransferRow>(
      `SELECT ${transferColumns} FROM ledger_transfer t WHERE t.pending_id = ANY($1::uuid[]) ORDER BY t.sequence`,
      [...pendingIds],
    );
    return rows.map(transferFromRow);
  }

  async findFirstBrokenReference(): Promise<{ transferId: string; sequence: bigint; problem: ReferenceProblem } | null> {
    const rows = await this.sql.query<{ id: string; sequence: string; problem: ReferenceProblem }>(
      `(SELECT t.id::text AS id, t.sequence::text AS sequence, check_.problem
        FROM ledger_transfer t
        LEFT JOIN ledger_account d ON d.id = t.debit_account_id
        LEFT JOIN ledger_account c ON c.id = t.credit_account_id
        LEFT JOIN ledger_transfer h ON h.id = t.pending_id
        LEFT JOIN ledger_transfer o ON o.id = t.reversal_of_id
        CROSS JOIN LATERAL (SELECT CASE
          WHEN d.id IS NULL OR c.id IS NULL THEN 'account_missing'
          WHEN d.currency_code <> t.currency_code OR c.currency_code <> t.currency_code THEN 'currency_mismatch'
          WHEN t.type IN ('post', 'void') AND (h.id IS NULL OR h.type <> 'pending') THEN 'pending_missing'
          WHEN t.type IN ('post', 'void') AND (h.debit_account_id <> t.debit_account_id
            OR h.credit_account_id <> t.credit_account_id OR h.currency_code <> t.currency_code
            OR t.amount > h.amount OR (t.type = 'void' AND t.amount <> h.amount) OR h.sequence > t.sequence)
            THEN 'resolution_mismatch'
          WHEN t.type = 'reversal' AND (o.id IS NULL OR o.type NOT IN ('immediate', 'post')) THEN 'reversal_target_missing'
          WHEN t.type = 'reversal' AND (o.debit_account_id <> t.credit_account_id OR o.credit_account_id <> t.debit_account_id
            OR o.currency_code <> t.currency_code OR o.sequence > t.sequence) THEN 'reversal_mismatch'
        END AS problem) check_
        WHERE check_.problem IS NOT NULL
        ORDER BY t.sequence LIMIT 1)
       UNION ALL
       (SELECT (array_agg(r.id::text ORDER BY r.sequence DESC))[1], max(r.sequence)::text, 'reversals_exceed_original'
        FROM ledger_transfer r JOIN ledger_transfer o ON o.id = r.reversal_of_id
        GROUP BY o.id, o.amount HAVING sum(r.amount) > o.amount
        ORDER BY max(r.sequence) LIMIT 1)`,
    );
    const first = rows.sort((left, right) => (BigInt(left.sequence) < BigInt(right.sequence) ? -1 : 1))[0];
    return first ? { transferId: first.id, sequence: BigInt(first.sequence), problem: first.problem } : null;
  }

  async chainHead(): Promise<ChainHead> {
    const rows = await this.sql.query<ChainHeadRow>(`SELECT ${chainHeadColumns} FROM ledger_chain_head h WHERE h.id = 1`);
    if (!rows[0]) throw new Error('The ledger chain head row is missing; the ledger migration was not applied');
    return chainHeadFromRow(rows[0]);
  }

  async listClosedPeriods(): Promise<ClosedPeriod[]> {
    const rows = await this.sql.query<{ starts_at: string | Date; ends_at: string | Date; closed_at: string | Date }>(
      'SELECT c.starts_at, c.ends_at, c.closed_at FROM ledger_period_close c ORDER BY c.ends_at DESC',
    );
    return rows.map((row) => ({ startsAt: new Date(row.starts_at), endsAt: new Date(row.ends_at), closedAt: new Date(row.closed_at) }));
  }

  async countTransfers(): Promise<number> {
    const rows = await this.sql.query<{ count: string | number }>('SELECT count(*)::text AS count FROM ledger_transfer');
    return Number(rows[0]?.count ?? 0);
  }

  async listBlocks(query: { afterNumber: bigint; limit: number }): Promise<Block[]> {
    const rows = await this.sql.query<BlockRow>(
      `SELECT ${blockColumns} FROM ledger_block b WHERE b.number > $1::bigint ORDER BY b.number LIMIT $2`,
      query.afterNumber.toString(),
      query.limit,
    );
    return rows.map(blockFromRow);
  }

  async listTransfersBetween(after: ChainPosition, through: ChainPosition, limit: number): Promise<SealableTransfer[]> {
    const rows = await this.sql.query<TransferRow & { xid: string }>(
      `SELECT ${transferColumns}, t.xid::text AS xid FROM ledger_transfer t
       WHERE (t.xid, t.sequence) > ($1::xid8, $2::bigint) AND (t.xid, t.sequence) <= ($3::xid8, $4::bigint)
       ORDER BY t.xid, t.sequence LIMIT $5`,
      after.xid,
      after.sequence.toString(),
      through.xid,
      through.sequence.toString(),
      limit,
    );
    return rows.map(sealableFromRow);
  }
}
