// Writes, all inside one read-write transaction. Batches are written set-based, whatever their size:
// one statement locks the accounts and reads the idempotency and pending state, one inserts every
// transfer and applies every counter change. A batch that inserts first takes one statement to insert
// and one call to lock its accounts and apply the changes (the ledger_apply_within_limits function).
import { type Account, type AccountLimits } from '../domain/account';
import { type Currency } from '../domain/currency';
import { type ClosedPeriod } from '../domain/period-close';
import { type Block, type ChainHead, type ChainPosition } from '../domain/hash-chain';
import { type Decimal, decimalFromStorage } from '../domain/money';
import { type NewTransfer } from '../domain/decide-transfers';
import { type UnitCounters, unitsText } from '../domain/units';
import {
  type LedgerStoreTransaction,
  type LockedBatchState,
  LedgerStoreConflict,
  type SealableTransfer,
  type TransferWrite,
  type WithinLimitsWrite,
} from '../store';
import { plainArray, textArray, timestampArray, uuidArray } from './sql-arrays';
import { type SqlExecutor } from './executor';
import { SqlLedgerReader } from './reader';
import {
  type AccountRow,
  type ChainHeadRow,
  type TransferRow,
  accountColumns,
  accountFromRow,
  batchAccountFromJson,
  batchAccountJson,
  chainHeadColumns,
  chainHeadFromRow,
  sealableFromRow,
  transferColumns,
  transferFromJson,
  transferJson,
} from './rows';

/** Decimal text for storage; the decision already holds amounts at the currency's scale. */
function decimalText(value: Decimal): string {
  return value.toFixed();
}

const nextSequence = `nextval(pg_get_serial_sequence('ledger_transfer', 'sequence'))`;

/**
 * For the last statement of a batch, which changes the locked account rows by their ctids: the
 * planner cannot know that those TIDs name live rows on cached pages, and without statistics (and
 * with them) it read and hashed every account instead, a third of the update's time with 10,000
 * accounts and more with every account added. Leaving it only the TID scan (`ctid = ANY(...)`)
 * fetches just those rows. JIT goes off too: the cost of disabled plan types would otherwise pass its
 * threshold and compile the statement (200 ms). The statement that locks a batch's accounts sets
 * these (set_config(..., true) is SET LOCAL, for the rest of the transaction): it is planned before
 * the settings take effect, and no extra round trip is spent while the locks are held (the function
 * ledger_apply_within_limits does the same for batches that inserted first). What
 * runs between the locks and the update (the reversed amounts) keeps its plan: every scan type is
 * disabled alike.
 *
 * The statements after the locks also keep one generic plan per connection (`plan_cache_mode`, which
 * the transaction sets to custom plans, see pg-driver.ts): their plans do not depend on how many
 * items the arrays hold (TID scan, index probes per value, inserts from unnest), and for small
 * batches planning the write statement cost the server about as much as running it (0.35 against
 * 0.41 ms per batch in the statement log); batches of 1-32 transfers took 12-28 % less PostgreSQL CPU.
 */
const lockedRowPlanSettings = `set_config('enable_seqscan', 'off', true) AS seqscan, set_config('enable_indexscan', 'off', true) AS indexscan,
  set_config('enable_bitmapscan', 'off', true) AS bitmapscan, set_config('jit', 'off', true) AS jit, set_config('plan_cache_mode', 'force_generic_plan', true) AS plan_mode`;

/**
 * In a transaction shared with the caller (LedgerStore.sharedTransaction), the caller's statements
 * after a batch must not run under lockedRowPlanSettings: with every scan type disabled a lookup of
 * one order by its key would be planned as badly as any other. The lock statement reads the settings
 * before it changes them (target list expressions are evaluated in order, so these come first), and
 * the batch's last statement sets them back.
 */
const planSettingNames = ['enable_seqscan', 'enable_indexscan', 'enable_bitmapscan', 'jit', 'plan_cache_mode'] as const;
const planSettingsBefore = planSettingNames.map((name, index) => `current_setting('${name}') AS setting_before_${index}`).join(', ');

function restorePlanSettings(values: readonly string[], offset: number): { sql: string; parameters: string[] } {
  return {
    sql: planSettingNames.map((name, index) => `set_config('${name}', $${offset + index + 1}::text, true) AS restored_${index}`).join(', '),
    parameters: [...values],
  };
}

/**
 * Locks the accounts whose ids are in $1, as a CTE `locked` with their columns and each row's
 * ctid (`row_ctid`). One statement, rows sorted before they are locked: every transaction takes its
 * account locks in the same (id) order, so two batches can wait for each other but never deadlock.
 * NO KEY UPDATE is the lock the balance update itself takes; it does not block the key-share locks
 * of foreign key checks.
 */
const lockedAccounts = `locked AS (
         SELECT a.*, a.ctid AS row_ctid FROM ledger_account a WHERE a.id = ANY($1::uuid[]) ORDER BY a.id FOR NO KEY UPDATE
       )`;

/** Inserts the transfers given as parameters $1-$15 (see transferParameters) with sequence block + position. */
const insertTransfersSql = (block: string) => `INSERT INTO ledger_transfer (id, sequence, idempotency_key, type, debit_account_id,
    credit_account_id, currency_code, amount, pending_id, reversal_of_id, timeout_seconds, expires_at, kind, memo, reference, created_at)
  SELECT n.id, ${block} + n.position - 1, n.idempotency_key, n.type, n.debit_account_id, n.credit_account_id, n.currency_code,
    n.amount, n.pending_id, n.reversal_of_id, n.timeout_seconds, n.expires_at, n.kind, n.memo, n.reference, n.created_at
  FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::numeric[], $8::uuid[],
    $9::uuid[], $10::int[], $11::timestamptz[], $12::text[], $13::text[], $14::text[], $15::timestamptz[])
    WITH ORDINALITY AS n(id, idempotency_key, type, debit_account_id, credit_account_id, currency_code, amount,
      pending_id, reversal_of_id, timeout_seconds, expires_at, kind, memo, reference, created_at, position)`;

function transferParameters(transfers: readonly NewTransfer[]): unknown[] {
  return [
    uuidArray(transfers, (t) => t.id),
    textArray(transfers, (t) => t.idempotencyKey),
    textArray(transfers, (t) => t.type),
    uuidArray(transfers, (t) => t.debitAccountId),
    uuidArray(transfers, (t) => t.creditAccountId),
    textArray(transfers, (t) => t.currency),
    plainArray(transfers, (t) => decimalText(t.amount)),
    uuidArray(transfers, (t) => t.pendingId),
    uuidArray(transfers, (t) => t.reversalOfId),
    plainArray(transfers, (t) => t.timeoutSeconds),
    timestampArray(transfers, (t) => t.expiresAt),
    textArray(transfers, (t) => t.kind),
    textArray(transfers, (t) => t.memo),
    textArray(transfers, (t) => t.reference),
    timestampArray(transfers, (t) => t.createdAt),
  ];
}

/** The four counters of an account row, and where a change keeps each. */
const counterColumns = [
  { column: 'debits_posted', of: (change: UnitCounters) => change.debitsPosted },
  { column: 'credits_posted', of: (change: UnitCounters) => change.creditsPosted },
  { column: 'debits_pending', of: (change: UnitCounters) => change.debitsPending },
  { column: 'credits_pending', of: (change: UnitCounters) => change.creditsPending },
] as const;

/**
 * Per counter (in counterColumns order), the increase of each change as decimal text, or null when no
 * change moves that counter: each counter named costs an array to parse and arithmetic on every row.
 */
function counterIncreases(changes: TransferWrite['balanceChanges']) {
  return counterColumns.map((counter) =>
    changes.some((change) => counter.of(change.change) !== 0n)
      ? plainArray(changes, (change) => unitsText(counter.of(change.change), change.scale))
      : null,
  );
}

/**
 * CTEs `counters`, `opened` and `resolved`, and their parameters, numbered from `offset` + 1: the
 * counter changes of locked account rows, addressed by ctid, the holds opened (joined to the
 * `inserted` transfers) and the holds resolved; every changed account records the block (CTE
 * `block`). Only the counters that some change moves are named (immediate transfers never move the
 * pending ones).
 */
function applyChanges(
  write: Omit<TransferWrite, 'transfers'>,
  ctids: readonly string[],
  offset: number,
): { sql: string; parameters: unknown[] } {
  const parameters: unknown[] = [];
  const parameter = (value: unknown, type: string) => `$${offset + parameters.push(value)}::${type}`;
  const increases = counterIncreases(write.balanceChanges);
  const moved = counterColumns.filter((_, index) => increases[index] !== null);
  const ctidArray = parameter(plainArray(ctids, (ctid) => ctid), 'tid[]');
  const sources = [ctidArray, ...increases.flatMap((values) => (values === null ? [] : [parameter(values, 'numeric[]')]))];
  const names = ['ctid', ...moved.map((counter) => counter.column)];
  const sql = `counters AS (
         UPDATE ledger_account AS a SET
           ${moved.map((counter) => `${counter.column} = a.${counter.column} + c.${counter.column}, `).join('')}last_sequence = (SELECT base FROM block)
         FROM unnest(${sources.join(', ')}) AS c(${names.join(', ')})
         WHERE a.ctid = ANY(${ctidArray}) AND a.ctid = c.ctid
         RETURNING a.id
       ),
       opened AS (
         INSERT INTO ledger_pending_open (transfer_id, expires_at)
         SELECT o.transfer_id, o.expires_at
         FROM unnest(${parameter(uuidArray(write.pendingsOpened, (p) => p.transferId), 'uuid[]')},
           ${parameter(timestampArray(write.pendingsOpened, (p) => p.expiresAt), 'timestamptz[]')}) AS o(transfer_id, expires_at)
         JOIN inserted i ON i.id = o.transfer_id
         RETURNING transfer_id
       ),
       resolved AS (
         DELETE FROM ledger_pending_open WHERE transfer_id = ANY(${parameter(uuidArray(write.pendingsResolved, (id) => id), 'uuid[]')})
         RETURNING transfer_id
       )`;
  return { sql, parameters };
}

const appliedCounts = `(SELECT count(*) FROM counters)::int AS counters_updated, (SELECT count(*) FROM opened)::int AS opened,
  (SELECT count(*) FROM resolved)::int AS resolved`;

type AppliedRow = { counters_updated: number; opened: number; resolved: number };

function checkApplied(row: AppliedRow, write: Omit<TransferWrite, 'transfers'>): void {
  if (
    Number(row.counters_updated) !== write.balanceChanges.length ||
    Number(row.opened) !== write.pendingsOpened.length ||
    Number(row.resolved) !== write.pendingsResolved.length
  ) {
    throw new Error('Ledger bookkeeping is inconsistent: an account or an open pending transfer row is missing');
  }
}

export class SqlLedgerTransaction extends SqlLedgerReader implements LedgerStoreTransaction {
  /** The ctids of the account rows this transaction locked for a batch (they stay put while locked). */
  private readonly lockedRows = new Map<string, string>();
  /** Shared with the caller's statements: plan settings are set back after each batch. */
  private readonly shared: boolean;
  /** The plan settings as they were before the last lock statement changed them, until set back. */
  private settingsToRestore: string[] | null = null;

  constructor(sql: SqlExecutor, options: { shared?: boolean } = {}) {
    super(sql);
    this.shared = options.shared ?? false;
  }

  /** The ctids of the changed accounts, which must be locked by this transaction. */
  private lockedCtids(write: Omit<TransferWrite, 'transfers'>): string[] {
    return write.balanceChanges.map((change) => {
      const ctid = this.lockedRows.get(change.accountId);
      if (ctid === undefined) throw new Error(`Account ${change.accountId} was not locked before its counters changed`);
      return ctid;
    });
  }

  async lockAccounts(ids: readonly string[]): Promise<Account[]> {
    if (ids.length === 0) return [];
    const rows = await this.sql.query<AccountRow>(
      `WITH ${lockedAccounts} SELECT ${accountColumns} FROM locked a ORDER BY a.id`,
      uuidArray(ids, (id) => id),
    );
    return rows.map(accountFromRow);
  }

  async lockAccountsAndReadBatchState(query: {
    accountIds: readonly string[];
    keys: readonly string[];
    pendingIds: readonly string[];
  }): Promise<LockedBatchState> {
    // One row of three JSON arrays (one JSON text each parses far faster than thousands of rows).
    // The lookups are lateral index probes per value, because with a large array parameter the
    // planner would expect many matches and may scan the whole table.
    const rows = await this.sql.query<
      { accounts: unknown[] | null; keyed: unknown[] | null; resolutions: unknown[] | null; closed_through: string | Date | null } & Record<string, unknown>
    >(
      `WITH ${lockedAccounts}
       SELECT ${this.shared ? `${planSettingsBefore},` : ''}
         (SELECT json_agg(${batchAccountJson('a', ', a.row_ctid::text')}) FROM locked a) AS accounts,
         (SELECT json_agg(${transferJson('t')}) FROM unnest($2::text[]) AS k(key)
           CROSS JOIN LATERAL (SELECT * FROM ledger_transfer s WHERE s.idempotency_key = k.key) t) AS keyed,
         (SELECT json_agg(${transferJson('t')}) FROM unnest($3::uuid[]) AS p(id)
           CROSS JOIN LATERAL (SELECT * FROM ledger_transfer s WHERE s.pending_id = p.id) t) AS resolutions,
         (SELECT max(c.ends_at) FROM ledger_period_close c) AS closed_through,
         ${lockedRowPlanSettings}`,
      uuidArray(query.accountIds, (id) => id),
      textArray(query.keys, (key) => key),
      uuidArray(query.pendingIds, (id) => id),
    );
    const row = rows[0]!;
    if (this.shared) this.settingsToRestore ??= planSettingNames.map((_, index) => String(row[`setting_before_${index}`]));
    const state: LockedBatchState = {
      accounts: [],
      transfersByKey: new Map(),
      resolutions: new Map(),
      closedThrough: row.closed_through === null ? null : new Date(row.closed_through),
    };
    for (const json of row.accounts ?? []) {
      state.accounts.push(batchAccountFromJson(json));
      const fields = json as unknown[];
      this.lockedRows.set(fields[0] as string, fields[9] as string);
    }
    for (const json of row.keyed ?? []) {
      const transfer = transferFromJson(json);
      state.transfersByKey.set(transfer.idempotencyKey, transfer);
    }
    for (const json of row.resolutions ?? []) {
      const transfer = transferFromJson(json);
      state.resolutions.set(transfer.pendingId!, transfer);
    }
    return state;
  }

  async readReversedAmounts(transferIds: readonly string[]): Promise<Map<string, Decimal>> {
    const amounts = new Map<string, Decimal>();
    if (transferIds.length === 0) return amounts;
    const rows = await this.sql.query<{ id: string; amount: string }>(
      `SELECT r.id::text AS id, r.amount::text AS amount FROM unnest($1::uuid[]) AS o(id)
         CROSS JOIN LATERAL (SELECT o.id, sum(t.amount) AS amount FROM ledger_transfer t WHERE t.reversal_of_id = o.id) r
       WHERE r.amount IS NOT NULL`,
      [...transferIds],
    );
    for (const row of rows) amounts.set(row.id, decimalFromStorage(row.amount));
    return amounts;
  }

  async writeTransfers(write: TransferWrite): Promise<bigint> {
    if (write.transfers.length === 0) {
      if (write.balanceChanges.length > 0) throw new Error('Counter changes without transfers');
      await this.restorePlanSettings();
      return 0n;
    }
    // Data-modifying CTEs run in one statement: the block is reserved while the accounts are locked,
    // so it is above the block of every change applied to them before. A transfer whose idempotency
    // key or hold a concurrent batch took meanwhile violates a unique index and fails the whole
    // statement (23505, a LedgerStoreConflict), so no counter changes without its transfers. A plain
    // INSERT, not ON CONFLICT: speculative insertion would probe every unique index twice and log an
    // extra WAL record per row.
    const changes = applyChanges(write, this.lockedCtids(write), 15);
    // The plan settings came with lockAccountsAndReadBatchState; in a shared transaction they are set
    // back at the end of this statement (it was planned under them before it ran).
    const restore = this.settingsToRestore ? restorePlanSettings(this.settingsToRestore, 15 + changes.parameters.length) : null;
    const rows = await this.sql.query<AppliedRow & { block: string; inserted: number }>(
      `WITH block AS (SELECT ${nextSequence} AS base),
       inserted AS (${insertTransfersSql('(SELECT base FROM block)')} RETURNING id),
       ${changes.sql}
       SELECT (SELECT base FROM block)::text AS block, (SELECT count(*) FROM inserted)::int AS inserted, ${appliedCounts}${restore ? `, ${restore.sql}` : ''}`,
      ...transferParameters(write.transfers),
      ...changes.parameters,
      ...(restore?.parameters ?? []),
    );
    this.settingsToRestore = null;
    const row = rows[0]!;
    if (Number(row.inserted) !== write.transfers.length) throw new Error('Not every decided transfer was inserted');
    checkApplied(row, write);
    return BigInt(row.block);
  }

  /** Sets back the plan settings a lock statement changed in a shared transaction, if any. */
  private async restorePlanSettings(): Promise<void> {
    if (!this.settingsToRestore) return;
    const restore = restorePlanSettings(this.settingsToRestore, 0);
    await this.sql.query(`SELECT ${restore.sql}`, ...restore.parameters);
    this.settingsToRestore = null;
  }

  async reserveSequenceBlock(): Promise<bigint> {
    const rows = await this.sql.query<{ block: string }>(`SELECT ${nextSequence}::text AS block`);
    return BigInt(rows[0]!.block);
  }

  async insertTransfers(transfers: readonly NewTransfer[], block: bigint): Promise<void> {
    if (transfers.length === 0) return;
    const inserted = await this.sql.execute(insertTransfersSql('$16::bigint'), ...transferParameters(transfers), block.toString());
    if (inserted !== transfers.length) throw new Error('Not every decided transfer was inserted');
  }

  async applyBalanceChangesWithinLimits(write: WithinLimitsWrite, block: bigint): Promise<void> {
    // Locks and update in one call (see the ledger_apply_within_limits migration): no round trip, and
    // no wait for this process's event loop, while the locks are held.
    const changes = write.balanceChanges;
    const rows = await this.sql.query<{ locked: number; taken: number; changed: number; opened: number }>(
      `SELECT a.locked, a.taken, a.changed, a.opened
       FROM ledger_apply_within_limits($1::bigint, $2::uuid[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[],
         $8::uuid[], $9::timestamptz[]) AS a`,
      block.toString(),
      uuidArray(changes, (change) => change.accountId),
      textArray(changes, (change) => change.currency),
      ...counterIncreases(changes),
      uuidArray(write.pendingsOpened, (p) => p.transferId),
      timestampArray(write.pendingsOpened, (p) => p.expiresAt),
    );
    const row = rows[0]!;
    if (Number(row.locked) !== changes.length) {
      throw new LedgerStoreConflict('An account of the batch does not exist; the batch is decided item by item');
    }
    if (Number(row.taken) > 0) {
      throw new LedgerStoreConflict(`${row.taken} account(s) took a later batch's changes first; the batch is decided again`);
    }
    if (Number(row.changed) !== changes.length) {
      throw new LedgerStoreConflict('An account of the batch is closed, in another currency or short of room; the batch is decided item by item');
    }
    if (Number(row.opened) !== write.pendingsOpened.length) {
      throw new Error('Ledger bookkeeping is inconsistent: an open pending transfer row is missing');
    }
  }

  async insertCurrency(currency: Currency): Promise<boolean> {
    const inserted = await this.sql.execute(
      `INSERT INTO ledger_currency (code, name, symbol, scale, created_at) VALUES ($1, $2, $3, $4, $5::timestamptz)
       ON CONFLICT DO NOTHING`,
      currency.code,
      currency.name,
      currency.symbol,
      currency.scale,
      currency.createdAt.toISOString(),
    );
    return inserted === 1;
  }

  async insertAccount(account: Account): Promise<boolean> {
    // The first limit history row takes its sequence from the transfer sequence, like later changes.
    const rows = await this.sql.query<{ account_id: string }>(
      `WITH block AS (SELECT ${nextSequence} AS base),
       inserted AS (
         INSERT INTO ledger_account (id, currency_code, type, code, name, credit_limit, maximum_balance, status, created_at, last_sequence)
         VALUES ($1::uuid, $2, $3, $4, $5, $6::numeric, $7::numeric, 'open', $8::timestamptz, (SELECT base FROM block))
         ON CONFLICT DO NOTHING RETURNING id, credit_limit, maximum_balance, created_at, last_sequence
       )
       INSERT INTO ledger_account_limit (account_id, sequence, credit_limit, maximum_balance, created_at)
       SELECT i.id, i.last_sequence, i.credit_limit, i.maximum_balance, i.created_at FROM inserted i
       RETURNING account_id::text AS account_id`,
      account.id,
      account.currency,
      account.type,
      account.code,
      account.name,
      decimalText(account.creditLimit),
      account.maximumBalance === null ? null : decimalText(account.maximumBalance),
      account.createdAt.toISOString(),
    );
    return rows.length === 1;
  }

  async changeAccountLimits(accountId: string, limits: AccountLimits, now: Date): Promise<void> {
    await this.sql.query(
      `WITH block AS (SELECT ${nextSequence} AS base),
       changed AS (
         UPDATE ledger_account SET credit_limit = $2::numeric, maximum_balance = $3::numeric, last_sequence = (SELECT base FROM block)
         WHERE id = $1::uuid RETURNING id, last_sequence
       )
       INSERT INTO ledger_account_limit (account_id, sequence, credit_limit, maximum_balance, created_at)
       SELECT c.id, c.last_sequence, $2::numeric, $3::numeric, $4::timestamptz FROM changed c RETURNING account_id`,
      accountId,
      decimalText(limits.creditLimit),
      limits.maximumBalance === null ? null : decimalText(limits.maximumBalance),
      now.toISOString(),
    );
  }

  async closeAccount(accountId: string, now: Date): Promise<void> {
    await this.sql.execute(
      `UPDATE ledger_account SET status = 'closed', closed_at = $2::timestamptz WHERE id = $1::uuid`,
      accountId,
      now.toISOString(),
    );
  }

  async lockChainHead(): Promise<ChainHead> {
    const rows = await this.sql.query<ChainHeadRow>(`SELECT ${chainHeadColumns} FROM ledger_chain_head h WHERE h.id = 1 FOR UPDATE`);
    if (!rows[0]) throw new Error('The ledger chain head row is missing; the ledger migration was not applied');
    return chainHeadFromRow(rows[0]);
  }

  async readSealableTransfers(after: ChainPosition, limit: number): Promise<SealableTransfer[]> {
    // Only transactions below the snapshot's xmin are certainly finished: no transfer can appear
    // later with a smaller (xid, sequence) position than the ones read here.
    const rows = await this.sql.query<TransferRow & { xid: string }>(
      `SELECT ${transferColumns}, t.xid::text AS xid FROM ledger_transfer t
       WHERE (t.xid, t.sequence) > ($1::xid8, $2::bigint) AND t.xid < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY t.xid, t.sequence LIMIT $3`,
      after.xid,
      after.sequence.toString(),
      limit,
    );
    return rows.map(sealableFromRow);
  }

  async appendBlock(block: Block): Promise<void> {
    await this.sql.query(
      `WITH block AS (
         INSERT INTO ledger_block (number, previous_hash, hash, first_xid, first_sequence, last_xid, last_sequence,
           transfer_count, transfer_digests, sealed_at)
         VALUES ($1::bigint, $2, $3, $4::xid8, $5::bigint, $6::xid8, $7::bigint, $8::int, decode($9, 'hex'), $10::timestamptz)
         RETURNING number
       )
       UPDATE ledger_chain_head h SET last_block_number = b.number, last_hash = $3, last_xid = $6::xid8,
         last_sequence = $7::bigint
       FROM block b WHERE h.id = 1 RETURNING h.id`,
      block.number.toString(),
      block.previousHash,
      block.hash,
      block.first.xid,
      block.first.sequence.toString(),
      block.last.xid,
      block.last.sequence.toString(),
      block.transferCount,
      Buffer.from(block.transferDigests).toString('hex'),
      block.sealedAt.toISOString(),
    );
  }

  async lockTransfersForClose(): Promise<Date | null> {
    // SHARE conflicts with the ROW EXCLUSIVE lock every insert takes: this waits for the transactions
    // that inserted transfers to end, and new inserts wait for this one. Readers (the sealer, exports,
    // verification) take ACCESS SHARE and are not held up.
    await this.sql.execute('LOCK TABLE ledger_transfer IN SHARE MODE');
    const rows = await this.sql.query<{ closed_through: string | Date | null }>('SELECT max(c.ends_at) AS closed_through FROM ledger_period_close c');
    const value = rows[0]?.closed_through ?? null;
    return value === null ? null : new Date(value);
  }

  async insertClosedPeriod(period: ClosedPeriod): Promise<void> {
    await this.sql.execute(
      'INSERT INTO ledger_period_close (ends_at, starts_at, closed_at) VALUES ($1::timestamptz, $2::timestamptz, $3::timestamptz)',
      period.endsAt.toISOString(),
      period.startsAt.toISOString(),
      period.closedAt.toISOString(),
    );
  }
}
