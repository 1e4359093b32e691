// The ledger as one object: every use case bound to one store, clock and currency cache, plus the
// coalescing client for single transfers. Applications create one per process.
import { type Account, type AccountBalance } from './domain/account';
import { type AccountLimitsInput, type CreateAccountInput } from './domain/account-requests';
import { type CreateCurrencyInput, type Currency } from './domain/currency';
import { type Block } from './domain/hash-chain';
import { type TransferResult } from './domain/transfer-results';
import { type Transfer, type TransferBatchItem, type TransferRequest } from './domain/transfer';
import { type LedgerStore, type LedgerStoreConflict } from './store';
import { TransferCoalescer, type TransferCoalescerOptions } from './coalescer';
import { type CloseAccountResult, closeAccount } from './use-cases/close-account';
import { closePeriod, listClosedPeriods } from './use-cases/close-period';
import { exportChain } from './export/chain';
import { type ClosePeriodInput, type ClosePeriodResult, type ClosedPeriod } from './domain/period-close';
import { type LedgerContext, createLedgerContext } from './use-cases/context';
import { type CreateAccountResult, createAccount } from './use-cases/create-account';
import { type CreateCurrencyResult, createCurrency } from './use-cases/create-currency';
import { createTransfers } from './use-cases/create-transfers';
import { type TransferBlock, findTransferBlock } from './use-cases/find-transfer-block';
import { type MonthlySummaryQuery, type MonthlySummaryResult, getMonthlySummary } from './use-cases/get-monthly-summary';
import { type PeriodStatementQuery, type PeriodStatementResult, getPeriodStatement } from './use-cases/get-period-statement';
import { type JournalQuery, type JournalResult, listJournal } from './use-cases/list-journal';
import { type OpenHoldsQuery, type OpenHoldsResult, listOpenHolds } from './use-cases/list-open-holds';
import { findAccountByCode, findAccountsByCodes, getAccount, getAccounts, getBalances, listAccounts } from './use-cases/get-accounts';
import { type MoneySupply, getMoneySupply } from './use-cases/get-money-supply';
import { type StatementQuery, type StatementResult, getStatement } from './use-cases/get-statement';
import { findTransferByIdempotencyKey, getPendingStatus, getPendingStatuses, getTransfer, listTransfers, type PendingStatus } from './use-cases/get-transfers';
import { type TrialBalance, type TrialBalanceQuery, getTrialBalance } from './use-cases/get-trial-balance';
import { sealBlock, sealBlocks } from './use-cases/seal-block';
import { type LedgerTransaction, sharedTransaction } from './use-cases/shared-transaction';
import { type SetAccountLimitsResult, setAccountLimits } from './use-cases/set-account-limits';
import { type ChainVerification, verifyChain } from './use-cases/verify-chain';
import { type LedgerVerification, verifyLedger } from './use-cases/verify-ledger';
import { type ReferenceVerification, verifyReferences } from './use-cases/verify-references';
import { type VoidExpiredResult, voidExpiredPendingTransfers } from './use-cases/void-expired-pending-transfers';

export interface LedgerOptions {
  store: LedgerStore;
  /** Default: the system clock. */
  clock?: () => Date;
  /** Default: time-ordered UUIDs (version 7). */
  newId?: () => string;
  /** How single createTransfer calls are batched. */
  coalescing?: TransferCoalescerOptions;
  /**
   * Batches of immediate and pending transfers with at least this many items insert their transfers
   * before they lock their accounts (see use-cases/create-transfers.ts). Default 100.
   */
  insertFirstBatchSizeMinimum?: number;
  /**
   * The longest such a batch waits for this process's batches with smaller sequence blocks to lock
   * first (see use-cases/lock-turns.ts). Default 5,000 ms.
   */
  lockTurnWaitMaximumMs?: number;
  /** How often a transaction is rerun after a conflict with a concurrent one. Default 8. */
  conflictRetriesMaximum?: number;
  /** Told about every conflict with a concurrent transaction before the work runs again. */
  onConflictRetry?: (conflict: LedgerStoreConflict) => void;
}

export interface Ledger {
  createCurrency(input: CreateCurrencyInput): Promise<CreateCurrencyResult>;
  listCurrencies(): Promise<Currency[]>;
  createAccount(input: CreateAccountInput): Promise<CreateAccountResult>;
  setAccountLimits(accountId: string, input: AccountLimitsInput): Promise<SetAccountLimitsResult>;
  closeAccount(accountId: string): Promise<CloseAccountResult>;
  getAccount(accountId: string): Promise<Account | null>;
  getAccounts(accountIds: readonly string[]): Promise<Account[]>;
  findAccountByCode(currency: string, code: string): Promise<Account | null>;
  /** The accounts of the currency with these codes (any number), in no particular order; unknown codes are left out. */
  findAccountsByCodes(currency: string, codes: readonly string[]): Promise<Account[]>;
  listAccounts(query: { currency?: string | null; afterId?: string | null; limit?: number }): Promise<Account[]>;
  getBalances(accountIds: readonly string[]): Promise<AccountBalance[]>;
  /** One transfer, coalesced with concurrent calls into one database transaction. */
  createTransfer(request: TransferRequest): Promise<TransferResult>;
  /** A batch in one database transaction, with optional linked chains; a result per item. */
  createTransfers(items: readonly TransferBatchItem[]): Promise<TransferResult[]>;
  /**
   * One database transaction shared with the caller: its own statements and ledger batches commit
   * together. Run again from the start after a conflict with a concurrent transaction (see
   * use-cases/shared-transaction.ts). Inside the work, use only the given transaction: other ledger
   * calls run on other connections (on PGlite, whose one connection the work holds, they would wait
   * for it forever).
   */
  transaction<T>(work: (transaction: LedgerTransaction) => Promise<T>): Promise<T>;
  voidExpiredPendingTransfers(now?: Date, limit?: number): Promise<VoidExpiredResult>;
  getTransfer(transferId: string): Promise<Transfer | null>;
  findTransferByIdempotencyKey(key: string): Promise<Transfer | null>;
  listTransfers(query: { afterSequence?: bigint; limit?: number }): Promise<Transfer[]>;
  getPendingStatus(pendingId: string): Promise<PendingStatus | null>;
  /** The states of up to 1,000 holds; ids that are no pending transfer are left out. */
  getPendingStatuses(pendingIds: readonly string[]): Promise<PendingStatus[]>;
  getStatement(query: StatementQuery): Promise<StatementResult>;
  /** The journal with filters (account, kind, type, reference, period, amount range), a page at a time. */
  listJournal(query: JournalQuery): Promise<JournalResult>;
  /** An account's statement for a period: opening balance, entries with running balance, closing balance. */
  getPeriodStatement(query: PeriodStatementQuery): Promise<PeriodStatementResult>;
  /** Open holds, oldest first, with totals per account they are held for. */
  listOpenHolds(query: OpenHoldsQuery): Promise<OpenHoldsResult>;
  /** The hash-chain block holding a transfer, or null while it is not sealed. */
  findTransferBlock(transferId: string): Promise<TransferBlock | null>;
  /** Posted movements per month and kind, and the money supply at each month's end. */
  getMonthlySummary(query: MonthlySummaryQuery): Promise<MonthlySummaryResult>;
  getTrialBalance(query: TrialBalanceQuery): Promise<TrialBalance>;
  getMoneySupply(query: { currency: string; asOf?: Date | null }): Promise<MoneySupply>;
  sealBlock(options?: { transfersMaximum?: number }): Promise<Block | null>;
  sealBlocks(options?: { transfersMaximum?: number; blocksMaximum?: number }): Promise<Block[]>;
  verifyChain(): Promise<ChainVerification>;
  verifyLedger(): Promise<LedgerVerification>;
  verifyReferences(): Promise<ReferenceVerification>;
  /** Closes the books up to the end of a period that has ended (see domain/period-close.ts). */
  closePeriod(input: ClosePeriodInput): Promise<ClosePeriodResult>;
  /** Every closed period, latest end first. */
  listClosedPeriods(): Promise<ClosedPeriod[]>;
  /** How many transfers the ledger holds. */
  countTransfers(): Promise<number>;
  /** The sealed hash chain as JSON lines an outside auditor checks with verifyChainExport (export/chain.ts). */
  exportChain(options?: { onProgress?: (progress: { transfersRead: number }) => void | Promise<void> }): AsyncGenerator<string>;
  /** Waits for every queued single transfer to be written. */
  drain(): Promise<void>;
}

export function createLedger(options: LedgerOptions): Ledger {
  const context: LedgerContext = createLedgerContext(options);
  const coalescer = new TransferCoalescer((requests) => createTransfers(context, requests), options.coalescing);
  return {
    createCurrency: (input) => createCurrency(context, input),
    listCurrencies: () => context.store.read.listCurrencies(),
    createAccount: (input) => createAccount(context, input),
    setAccountLimits: (accountId, input) => setAccountLimits(context, accountId, input),
    closeAccount: (accountId) => closeAccount(context, accountId),
    getAccount: (accountId) => getAccount(context, accountId),
    getAccounts: (accountIds) => getAccounts(context, accountIds),
    findAccountByCode: (currency, code) => findAccountByCode(context, currency, code),
    findAccountsByCodes: (currency, codes) => findAccountsByCodes(context, currency, codes),
    listAccounts: (query) => listAccounts(context, query),
    getBalances: (accountIds) => getBalances(context, accountIds),
    createTransfer: (request) => coalescer.submit(request),
    createTransfers: (items) => createTransfers(context, items),
    transaction: (work) => sharedTransaction(context, work),
    voidExpiredPendingTransfers: (now, limit) => voidExpiredPendingTransfers(context, now, limit),
    getTransfer: (transferId) => getTransfer(context, transferId),
    findTransferByIdempotencyKey: (key) => findTransferByIdempotencyKey(context, key),
    listTransfers: (query) => listTransfers(context, query),
    getPendingStatus: (pendingId) => getPendingStatus(context, pendingId),
    getPendingStatuses: (pendingIds) => getPendingStatuses(context, pendingIds),
    getStatement: (query) => getStatement(context, query),
    listJournal: (query) => listJournal(context, query),
    getPeriodStatement: (query) => getPeriodStatement(context, query),
    listOpenHolds: (query) => listOpenHolds(context, query),
    findTransferBlock: (transferId) => findTransferBlock(context, transferId),
    getMonthlySummary: (query) => getMonthlySummary(context, query),
    getTrialBalance: (query) => getTrialBalance(context, query),
    getMoneySupply: (query) => getMoneySupply(context, query),
    sealBlock: (sealOptions) => sealBlock(context, sealOptions),
    sealBlocks: (sealOptions) => sealBlocks(context, sealOptions),
    verifyChain: () => verifyChain(context),
    verifyLedger: () => verifyLedger(context),
    verifyReferences: () => verifyReferences(context),
    closePeriod: (input) => closePeriod(context, input),
    listClosedPeriods: () => listClosedPeriods(context),
    countTransfers: () => context.store.read.countTransfers(),
    exportChain: (exportOptions) => exportChain(context.store.read, exportOptions),
    drain: () => coalescer.drain(),
  };
}
