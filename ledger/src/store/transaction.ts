// Writes, all inside one read-write transaction. Batches are written set-based: one statement locks
// the accounts and reads the idempotency and pending state, one inserts every transfer and applies
// every counter change, whatever the batch size.
import { type Account, type AccountLimits } from '../domain/account';
import { type Currency } from '../domain/currency';
import { type Block, type ChainHead, type ChainPosition } from '../domain/hash-chain';
import { type Decimal, decimalFromStorage } from '../domain/money';
import {
  type LedgerStoreTransaction,
  type LockedBatchState,
  LedgerStoreConflict,
  type SealableTransfer,
  type TransferWrite,
} from '../store';
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
  isoOrNull,
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

export class SqlLedgerTransaction extends SqlLedgerReader implements LedgerStoreTransaction {
  constructor(sql: SqlExecutor) {
    super(sql);
  }

  async lockAccounts(ids: readonly string[]): Promise<Account[]> {
    if (ids.length === 0) return [];
    // One statement, rows sorted before they are locked: every transaction takes its account locks
    // in the same (id) order, so two batches can wait for each other but never deadlock. NO KEY
    // UPDATE is the lock the balance update itself takes; it does not block the key-share locks of
    // foreign key checks.
    const rows = await this.sql.query<AccountRow>(
      `SELECT ${accountColumns} FROM ledger_account a WHERE a.id = ANY($1::uuid[]) ORDER BY a.id FOR NO KEY UPDATE`,
      [...ids],
    );
    return rows.map(accountFromRow);
  }

  async lockAccountsAndReadBatchState(query: {
    accountIds: readonly string[];
    keys: readonly string[];
    pendingIds: readonly string[];
  }): Promise<LockedBatchState> {
    const state: LockedBatchState = { accounts: [], transfersByKey: new Map(), resolutions: new Map() };
    // Rows of three kinds come back as (kind, JSON array). The locks are taken in id order inside
    // the first branch; the lookups are lateral index probes per value, because with a large array
    // parameter the planner would expect many matches and may scan the whole table.
    const rows = await this.sql.query<{ kind: 'account' | 'key' | 'resolution'; row: unknown }>(
      `WITH locked AS (
         SELECT a.* FROM ledger_account a WHERE a.id = ANY($1::uuid[]) ORDER BY a.id FOR NO KEY UPDATE
       )
       SELECT 'account' AS kind, ${batchAccountJson('a')} AS row FROM locked a
       UNION ALL
       SELECT 'key', ${transferJson('t')} FROM unnest($2::text[]) AS k(key)
         CROSS JOIN LATERAL (SELECT * FROM ledger_transfer s WHERE s.idempotency_key = k.key) t
       UNION ALL
       SELECT 'resolution', ${transferJson('t')} FROM unnest($3::uuid[]) AS p(id)
         CROSS JOIN LATERAL (SELECT * FROM ledger_transfer s WHERE s.pending_id = p.id) t`,
      [...query.accountIds],
      [...query.keys],
      [...query.pendingIds],
    );
    for (const { kind, row } of rows) {
      if (kind === 'account') {
        state.accounts.push(batchAccountFromJson(row));
      } else {
        const transfer = transferFromJson(row);
        if (kind === 'key') state.transfersByKey.set(transfer.idempotencyKey, transfer);
        else state.resolutions.set(transfer.pendingId!, transfer);
      }
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

  async writeTransfers(write: TransferWrite): Promise<Array<{ id: string; sequence: bigint }>> {
    if (write.transfers.length === 0) {
      if (write.balanceChanges.length > 0) throw new Error('Counter changes without transfers');
      return [];
    }
    const transfers = write.transfers;
    const changes = write.balanceChanges;
    // Data-modifying CTEs run in one statement: the insert keeps the array order (so sequences follow
    // the batch order), conflicts on a unique key are skipped and detected by the row count. Counters
    // and hold bookkeeping change only when every transfer was inserted: a transfer skipped because a
    // concurrent batch resolved the same hold must not release that hold a second time.
    const rows = await this.sql.query<{ id: string; sequence: string; counters_updated: number; resolved: number }>(
      `WITH inserted AS (
         INSERT INTO ledger_transfer (id, idempotency_key, type, debit_account_id, credit_account_id, currency_code,
           amount, pending_id, reversal_of_id, timeout_seconds, expires_at, kind, memo, reference, created_at)
         SELECT n.id, n.idempotency_key, n.type, n.debit_account_id, n.credit_account_id, n.currency_code, n.amount,
           n.pending_id, n.reversal_of_id, n.timeout_seconds, n.expires_at, n.kind, n.memo, n.reference, n.created_at
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::numeric[], $8::uuid[],
           $9::uuid[], $10::int[], $11::timestamptz[], $12::text[], $13::text[], $14::text[], $15::timestamptz[])
           WITH ORDINALITY AS n(id, idempotency_key, type, debit_account_id, credit_account_id, currency_code, amount,
             pending_id, reversal_of_id, timeout_seconds, expires_at, kind, memo, reference, created_at, position)
         ORDER BY n.position
         ON CONFLICT DO NOTHING
         RETURNING id, sequence
       ),
       complete AS (
         SELECT count(*) = $24::int AS ok FROM inserted
       ),
       counters AS (
         UPDATE ledger_account AS a SET
           debits_posted = a.debits_posted + c.debits_posted,
           credits_posted = a.credits_posted + c.credits_posted,
           debits_pending = a.debits_pending + c.debits_pending,
           credits_pending = a.credits_pending + c.credits_pending
         FROM unnest($16::uuid[], $17::numeric[], $18::numeric[], $19::numeric[], $20::numeric[])
           AS c(id, debits_posted, credits_posted, debits_pending, credits_pending)
         WHERE a.id = c.id AND (SELECT ok FROM complete)
         RETURNING a.id
       ),
       opened AS (
         INSERT INTO ledger_pending_open (transfer_id, expires_at)
         SELECT o.transfer_id, o.expires_at FROM unnest($21::uuid[], $22::timestamptz[]) AS o(transfer_id, expires_at)
         JOIN inserted i ON i.id = o.transfer_id
         RETURNING transfer_id
       ),
       resolved AS (
         DELETE FROM ledger_pending_open WHERE transfer_id = ANY($23::uuid[]) AND (SELECT ok FROM complete)
         RETURNING transfer_id
       )
       SELECT i.id::text AS id, i.sequence::text AS sequence,
         (SELECT count(*) FROM counters)::int AS counters_updated,
         (SELECT count(*) FROM resolved)::int AS resolved
       FROM inserted i`,
      transfers.map((t) => t.id),
      transfers.map((t) => t.idempotencyKey),
      transfers.map((t) => t.type),
      transfers.map((t) => t.debitAccountId),
      transfers.map((t) => t.creditAccountId),
      transfers.map((t) => t.currency),
      transfers.map((t) => decimalText(t.amount)),
      transfers.map((t) => t.pendingId),
      transfers.map((t) => t.reversalOfId),
      transfers.map((t) => t.timeoutSeconds),
      transfers.map((t) => isoOrNull(t.expiresAt)),
      transfers.map((t) => t.kind),
      transfers.map((t) => t.memo),
      transfers.map((t) => t.reference),
      transfers.map((t) => t.createdAt.toISOString()),
      changes.map((c) => c.accountId),
      changes.map((c) => decimalText(c.change.debitsPosted)),
      changes.map((c) => decimalText(c.change.creditsPosted)),
      changes.map((c) => decimalText(c.change.debitsPending)),
      changes.map((c) => decimalText(c.change.creditsPending)),
      write.pendingsOpened.map((p) => p.transferId),
      write.pendingsOpened.map((p) => isoOrNull(p.expiresAt)),
      [...write.pendingsResolved],
      transfers.length,
    );
    if (rows.length !== transfers.length) {
      throw new LedgerStoreConflict(`${transfers.length - rows.length} of ${transfers.length} transfers were taken by a concurrent transaction`);
    }
    const first = rows[0]!;
    if (Number(first.counters_updated) !== changes.length || Number(first.resolved) !== write.pendingsResolved.length) {
      throw new Error('Ledger bookkeeping is inconsistent: an account or an open pending transfer row is missing');
    }
    return rows.map((row) => ({ id: row.id, sequence: BigInt(row.sequence) }));
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
      `WITH inserted AS (
         INSERT INTO ledger_account (id, currency_code, type, code, name, credit_limit, maximum_balance, status, created_at)
         VALUES ($1::uuid, $2, $3, $4, $5, $6::numeric, $7::numeric, 'open', $8::timestamptz)
         ON CONFLICT DO NOTHING RETURNING id, credit_limit, maximum_balance, created_at
       )
       INSERT INTO ledger_account_limit (account_id, sequence, credit_limit, maximum_balance, created_at)
       SELECT i.id, ${nextSequence}, i.credit_limit, i.maximum_balance, i.created_at FROM inserted i
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
      `WITH changed AS (
         UPDATE ledger_account SET credit_limit = $2::numeric, maximum_balance = $3::numeric WHERE id = $1::uuid RETURNING id
       )
       INSERT INTO ledger_account_limit (account_id, sequence, credit_limit, maximum_balance, created_at)
       SELECT c.id, ${nextSequence}, $2::numeric, $3::numeric, $4::timestamptz FROM changed c RETURNING account_id`,
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
}
