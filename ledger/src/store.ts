// The storage port of the ledger. It speaks ledger types only; the use cases decide, the store reads
// and writes. The PostgreSQL implementation (store/) runs on PostgreSQL and on PGlite.
import { type Account, type AccountLimits, type BalanceCounters } from './domain/account';
import { type AccountLimitsChange } from './domain/balance-replay';
import { type ClosedPeriod } from './domain/period-close';
import { type Currency } from './domain/currency';
import { type NewTransfer } from './domain/decide-transfers';
import { type Block, type ChainHead, type ChainPosition } from './domain/hash-chain';
import { type Decimal } from './domain/money';
import { type Transfer, type TransferType } from './domain/transfer';
import { type BatchAccount, type UnitBalanceChange } from './domain/units';
import { type SqlSession } from './store/sql-driver';

/**
 * Thrown by a store method when a concurrent transaction got in the way (a unique key taken by a
 * transaction that committed meanwhile, a deadlock, a serialization failure). The transaction is
 * rolled back; running the whole unit of work again is safe and will see the other's result.
 */
export class LedgerStoreConflict extends Error {
  /** The SQLSTATE when the database reported the conflict (23505, 40001, 40P01). */
  readonly sqlState: string | undefined;

  constructor(message: string, options?: { cause?: unknown; sqlState?: string }) {
    super(message, options);
    this.name = 'LedgerStoreConflict';
    this.sqlState = options?.sqlState;
  }
}

/** A transfer with the id of the database transaction that inserted it, for sealing. */
export type SealableTransfer = Transfer & { xid: string };

export interface StatementPageQuery {
  accountId: string;
  order: 'asc' | 'desc';
  limit: number;
  /** Continue after (asc) or before (desc) this sequence; null for the first page. */
  afterSequence: bigint | null;
}

export interface StatementPageRows {
  /** The account's posted balance in the same snapshot as the rows. */
  postedBalance: Decimal;
  rows: Array<{ transfer: Transfer; heldAmount: Decimal | null }>;
}

export interface AccountTotals {
  account: Account;
  /** Posted debits and credits (at the asOf instant when one was given). */
  debits: Decimal;
  credits: Decimal;
}

export interface PostedAggregate {
  /** Sum of the positive posted balances (the money supply). */
  positive: Decimal;
  /** Sum of the negative posted balances (equal to minus the money supply). */
  negative: Decimal;
  accountsPositive: number;
  accountsNegative: number;
  /** Sum of posted debits and of posted credits over all accounts (equal to each other). */
  debits: Decimal;
  credits: Decimal;
}

export interface JournalPageQuery {
  currency: string | null;
  /** Transfers with this account on either side. */
  accountId: string | null;
  kind: string | null;
  type: TransferType | null;
  reference: string | null;
  /** createdAt at or after `from` and before `to`. */
  from: Date | null;
  to: Date | null;
  amountMinimum: Decimal | null;
  amountMaximum: Decimal | null;
  order: 'asc' | 'desc';
  /** Continue after (asc) or before (desc) this sequence; null for the first page. */
  afterSequence: bigint | null;
  limit: number;
}

export interface PeriodStatementPageQuery {
  accountId: string;
  /** createdAt at or after `from` and before `to`; null: unbounded. */
  from: Date | null;
  to: Date | null;
  /** Continue after this sequence (oldest first); null for the first page. */
  afterSequence: bigint | null;
  limit: number;
}

export interface PeriodStatementPageRows {
  /** False when the account does not exist. */
  found: boolean;
  /** Posted balance from the transfers written before `from`. */
  openingBalance: Decimal;
  /** Posted balance from the transfers written before `to` (all of them without `to`). */
  closingBalance: Decimal;
  rows: Array<{ transfer: Transfer; heldAmount: Decimal | null }>;
}

export interface OpenHoldsTotals {
  /** Count and sum of the open holds, per account they are held for. */
  byCreditAccount: Array<{ accountId: string; count: number; amount: Decimal }>;
}

export interface MonthlyMovements {
  /** The UTC month, "2026-11". */
  month: string;
  kind: string;
  type: TransferType;
  count: number;
  amount: Decimal;
}

export interface MonthlyBalances {
  /** The UTC month, "2026-11"; the balances are those at its end. */
  month: string;
  positive: Decimal;
  negative: Decimal;
  accountsPositive: number;
  accountsNegative: number;
}

/** Ways a transfer's references can be broken; see findFirstBrokenReference. */
export type ReferenceProblem =
  | 'account_missing'
  | 'currency_mismatch'
  | 'pending_missing'
  | 'resolution_mismatch'
  | 'reversal_target_missing'
  | 'reversal_mismatch'
  | 'reversals_exceed_original';

export interface LedgerStoreReader {
  findCurrencies(codes: readonly string[]): Promise<Currency[]>;
  listCurrencies(): Promise<Currency[]>;
  findAccounts(ids: readonly string[]): Promise<Account[]>;
  /** The accounts of the currency with these codes, in no particular order; unknown codes are left out. */
  findAccountsByCodes(currency: string, codes: readonly string[]): Promise<Account[]>;
  listAccounts(query: { currency: string | null; afterId: string | null; limit: number }): Promise<Account[]>;
  findTransfers(ids: readonly string[]): Promise<Transfer[]>;
  findTransferByIdempotencyKey(key: string): Promise<Transfer | null>;
  /** Transfers in sequence order after `afterSequence`. */
  listTransfers(query: { afterSequence: bigint; limit: number }): Promise<Transfer[]>;
  /** The limit history of all accounts in sequence order, after `afterSequence`. */
  listAccountLimitsChanges(query: { afterSequence: bigint; limit: number }): Promise<AccountLimitsChange[]>;
  /** Ids of open (unresolved) pending transfers whose expiry is at or before `now`, earliest first. */
  findExpiredPendingIds(now: Date, limit: number): Promise<string[]>;
  /** Ids in the open-pending bookkeeping, in id order. */
  listOpenPendingIds(query: { afterId: string | null; limit: number }): Promise<string[]>;
  /** Sum of the cached counters of all accounts, per currency. */
  sumCountersByCurrency(): Promise<Array<{ currency: string; counters: BalanceCounters }>>;
  statementPage(query: StatementPageQuery): Promise<StatementPageRows>;
  /** Accounts of a currency with their posted totals, in id order; from transfers up to asOf when given. */
  accountTotals(query: { currency: string; asOf: Date | null; afterId: string | null; limit: number }): Promise<AccountTotals[]>;
  /** Posted totals of a currency (at asOf when given). */
  postedAggregate(query: { currency: string; asOf: Date | null }): Promise<PostedAggregate>;
  /** Post or void transfers resolving these pending transfers. */
  findResolutions(pendingIds: readonly string[]): Promise<Transfer[]>;
  /**
   * The first transfer, in sequence order, whose references are broken: an account that does not
   * exist or is in another currency; a post or void without its hold, with other accounts, a larger
   * amount (a void releases exactly the hold), or written before it; a reversal without a reversible
   * original, in the wrong direction or currency, or whose reversals add up to more than it.
   */
  findFirstBrokenReference(): Promise<{ transferId: string; sequence: bigint; problem: ReferenceProblem } | null>;
  /** A page of the journal with filters, in sequence order. */
  journalPage(query: JournalPageQuery): Promise<Transfer[]>;
  /** A page of an account's transfers in a period, oldest first, with its opening and closing balance. */
  periodStatementPage(query: PeriodStatementPageQuery): Promise<PeriodStatementPageRows>;
  /** Open (unresolved) holds of a currency in sequence order. */
  openHoldsPage(query: { currency: string; afterSequence: bigint | null; limit: number }): Promise<Transfer[]>;
  openHoldsTotals(query: { currency: string }): Promise<OpenHoldsTotals>;
  /** The sealed block holding a transfer, or null. */
  blockOfTransfer(transferId: string): Promise<Block | null>;
  /** Posted movements per UTC month, kind and type, with createdAt in [from, to). */
  monthlyMovements(query: { currency: string; from: Date; to: Date }): Promise<MonthlyMovements[]>;
  /** Sums of the positive and negative posted balances at the end of each of `months` UTC months from `from`. */
  monthlyBalances(query: { currency: string; from: Date; months: number }): Promise<MonthlyBalances[]>;
  chainHead(): Promise<ChainHead>;
  /** Every closed period, latest end first. */
  listClosedPeriods(): Promise<ClosedPeriod[]>;
  /** How many transfers the ledger holds (for progress reports). */
  countTransfers(): Promise<number>;
  listBlocks(query: { afterNumber: bigint; limit: number }): Promise<Block[]>;
  /** The transfers after `after` up to and including `through`, in sealing order. */
  listTransfersBetween(after: ChainPosition, through: ChainPosition, limit: number): Promise<SealableTransfer[]>;
}

export interface LockedBatchState {
  /** The locked accounts. */
  accounts: BatchAccount[];
  /** Stored transfers carrying one of the keys. */
  transfersByKey: Map<string, Transfer>;
  /** Post or void of each given pending id that has one. */
  resolutions: Map<string, Transfer>;
  /** The end of the last closed period, read in the same statement; null while none is closed. */
  closedThrough: Date | null;
}

export interface TransferWrite {
  transfers: readonly NewTransfer[];
  balanceChanges: readonly UnitBalanceChange[];
  pendingsOpened: ReadonlyArray<{ transferId: string; expiresAt: Date | null }>;
  pendingsResolved: readonly string[];
}

/** Counter changes of immediate and pending transfers (increases only), with each account's currency. */
export interface WithinLimitsWrite {
  balanceChanges: readonly UnitBalanceChange[];
  pendingsOpened: ReadonlyArray<{ transferId: string; expiresAt: Date | null }>;
}

export interface LedgerStoreTransaction extends LedgerStoreReader {
  /** Locks the rows of these accounts (FOR NO KEY UPDATE, in id order, in one statement) and returns them. */
  lockAccounts(ids: readonly string[]): Promise<Account[]>;
  /**
   * In one statement: locks the accounts as lockAccounts does and reads the stored transfers with the
   * batch's idempotency keys and the resolutions of its pending transfers. The reads see the snapshot
   * of the statement's start, before any wait for a lock: what the transaction holding a lock
   * committed meanwhile is not seen there, but its idempotency key or pending id then makes the
   * insert conflict, and the batch is decided again (see writeTransfers).
   */
  lockAccountsAndReadBatchState(query: {
    accountIds: readonly string[];
    keys: readonly string[];
    pendingIds: readonly string[];
  }): Promise<LockedBatchState>;
  /** Read after the locks: the sum of the reversals of each given transfer that has any. */
  readReversedAmounts(transferIds: readonly string[]): Promise<Map<string, Decimal>>;
  /**
   * With the accounts locked: reserves a block of sequences, inserts the transfers (block + position)
   * and applies the counter changes and pending bookkeeping; returns the block. Throws
   * LedgerStoreConflict if a transfer could not be inserted because a concurrent transaction took
   * its idempotency key or pending id.
   */
  writeTransfers(write: TransferWrite): Promise<bigint>;
  /** Reserves a block of sequences: block + position for up to 8,192 transfers. Blocks grow with time. */
  reserveSequenceBlock(): Promise<bigint>;
  /**
   * Inserts the transfers with sequences block + position, before the accounts are locked. Throws
   * LedgerStoreConflict like writeTransfers.
   */
  insertTransfers(transfers: readonly NewTransfer[], block: bigint): Promise<void>;
  /**
   * For transfers inserted with insertTransfers, in one call: locks the accounts (FOR NO KEY UPDATE,
   * in id order) and applies the counter changes and opens the holds, only if every account exists,
   * is open, is in the expected currency, stays within its limits even with all debits of the
   * changes before all their credits, and has not taken a later block's changes (per account,
   * sequences must follow the order in which changes are applied). Otherwise throws
   * LedgerStoreConflict: the transaction must roll back and the batch be decided item by item.
   */
  applyBalanceChangesWithinLimits(write: WithinLimitsWrite, block: bigint): Promise<void>;
  insertCurrency(currency: Currency): Promise<boolean>;
  /** Inserts an account with zero counters and its first limit history row; false if the id or
   * (currency, code) is taken. */
  insertAccount(account: Account): Promise<boolean>;
  /** Sets the account's limits and appends a limit history row; the account must be locked. */
  changeAccountLimits(accountId: string, limits: AccountLimits, now: Date): Promise<void>;
  /** Marks a locked account closed. */
  closeAccount(accountId: string, now: Date): Promise<void>;
  /** Locks and returns the chain head. */
  lockChainHead(): Promise<ChainHead>;
  /** Up to `limit` transfers after `after` whose inserting transactions have all finished. */
  readSealableTransfers(after: ChainPosition, limit: number): Promise<SealableTransfer[]>;
  /** Inserts a block and moves the chain head to it. */
  appendBlock(block: Block): Promise<void>;
  /**
   * Waits until every transaction that inserted transfers has finished and keeps new inserts waiting
   * until this transaction ends (LOCK ... IN SHARE MODE), then returns the end of the last closed
   * period as committed now.
   */
  lockTransfersForClose(): Promise<Date | null>;
  /** Records a closed period; the transaction must hold lockTransfersForClose. */
  insertClosedPeriod(period: ClosedPeriod): Promise<void>;
}

export interface LedgerStore {
  /** One read-write database transaction (READ COMMITTED; row locks taken explicitly). */
  transaction<T>(work: (transaction: LedgerStoreTransaction) => Promise<T>): Promise<T>;
  /**
   * One read-write transaction like `transaction`, whose connection the caller shares: the work also
   * gets the session, on which the caller runs its own statements (on its own tables, never on the
   * ledger's). Everything commits or rolls back together. The ledger's statements leave the session's
   * settings as they found them, so the caller's statements are planned as usual.
   */
  sharedTransaction<T>(work: (transaction: LedgerStoreTransaction, session: SqlSession) => Promise<T>): Promise<T>;
  /** One read-only transaction on a single snapshot, for long consistent reads (verification). */
  snapshot<T>(work: (reader: LedgerStoreReader) => Promise<T>): Promise<T>;
  /** Plain reads; each call sees the latest committed data. */
  read: LedgerStoreReader;
}
