// Public API of @allmende/ledger. Everything else in this package is internal.
export { createLedger, type Ledger, type LedgerOptions } from './ledger';
export { createSqlLedgerStore } from './store/sql-store';
export type { SqlDriver, SqlResult, SqlSession, SqlTransactionMode } from './store/sql-driver';
export { type PgClientLike, type PgPoolLike, pgPoolSqlDriver } from './store/pg-driver';
export { type PGliteLike, pgliteSqlDriver } from './store/pglite-driver';
export type { LedgerStore, LedgerStoreReader, LedgerStoreTransaction, ReferenceProblem } from './store';
export { LedgerStoreConflict } from './store';
export { Coalescer, type CoalescerOptions, TransferCoalescer, type TransferCoalescerOptions } from './coalescer';
export type { LedgerTransaction } from './use-cases/shared-transaction';

export { Decimal, type AmountInput, AMOUNT_BOUND, AMOUNT_INTEGER_DIGITS_MAXIMUM, formatAmount, parseAmount } from './domain/money';
export {
  type CreateCurrencyFailureCode,
  type CreateCurrencyInput,
  type Currency,
  CREATE_CURRENCY_FAILURE_CODES,
  CURRENCY_SCALE_DEFAULT,
  CURRENCY_SCALE_MAXIMUM,
} from './domain/currency';
export {
  type Account,
  type AccountBalance,
  type AccountLimits,
  type AccountStatus,
  type AccountType,
  type BalanceCounters,
  ACCOUNT_TYPES,
  availableBalance,
  balanceOf,
  postedBalance,
} from './domain/account';
export {
  type AccountLimitsInput,
  type CloseAccountFailureCode,
  type CreateAccountFailureCode,
  type CreateAccountInput,
  type SetAccountLimitsFailureCode,
  CLOSE_ACCOUNT_FAILURE_CODES,
  CREATE_ACCOUNT_FAILURE_CODES,
  SET_ACCOUNT_LIMITS_FAILURE_CODES,
} from './domain/account-requests';
export {
  type ImmediateTransferRequest,
  type PendingState,
  type PendingTransferRequest,
  type PostTransferRequest,
  type ReversalTransferRequest,
  type Transfer,
  type TransferBatchItem,
  type TransferRequest,
  type TransferType,
  type VoidTransferRequest,
  BATCH_SIZE_MAXIMUM,
  EXPIRY_KIND,
  TRANSFER_TYPES,
} from './domain/transfer';
export {
  type ClosePeriodFailureCode,
  type ClosePeriodInput,
  type ClosePeriodResult,
  type ClosedPeriod,
  CLOSE_PERIOD_FAILURE_CODES,
} from './domain/period-close';
export { type TransferFailureCode, type TransferResult, TRANSFER_FAILURE_CODES, isTransientFailure } from './domain/transfer-results';
export { type Block, type ChainHead, type ChainPosition, GENESIS_HASH, blockHash, canonicalTransfer, transferDigest } from './domain/hash-chain';
export { type ReplayViolation, type ReplayViolationKind } from './domain/balance-replay';

export type { CreateCurrencyResult } from './use-cases/create-currency';
export type { CreateAccountResult } from './use-cases/create-account';
export type { SetAccountLimitsResult } from './use-cases/set-account-limits';
export type { CloseAccountResult } from './use-cases/close-account';
export type { VoidExpiredResult } from './use-cases/void-expired-pending-transfers';
export type { StatementEntry, StatementQuery, StatementResult } from './use-cases/get-statement';
export type { JournalFailureCode, JournalFilter, JournalQuery, JournalResult } from './use-cases/list-journal';
export type { PeriodStatementQuery, PeriodStatementResult } from './use-cases/get-period-statement';
export type { OpenHoldsQuery, OpenHoldsResult, OpenHoldsTotal } from './use-cases/list-open-holds';
export type { TransferBlock } from './use-cases/find-transfer-block';
export { type MonthlySummaryQuery, type MonthlySummaryResult, SUMMARY_MONTHS_MAXIMUM, monthRange } from './use-cases/get-monthly-summary';
export type { MonthlyBalances, MonthlyMovements } from './store';
export type { TrialBalance, TrialBalanceLine, TrialBalanceQuery } from './use-cases/get-trial-balance';
export type { MoneySupply } from './use-cases/get-money-supply';
export type { PendingStatus } from './use-cases/get-transfers';
export type { ChainProblem, ChainProblemKind, ChainVerification } from './use-cases/verify-chain';
export type { LedgerProblem, LedgerVerification } from './use-cases/verify-ledger';
export type { ReferenceVerification } from './use-cases/verify-references';

export { type ExportFormat, type ExportOptions, type ExportSource, EXPORT_FORMATS, exportJournal, exportPasses, isExportDate } from './export/export-journal';
export { CSV_COLUMNS, csvField, csvHeader, csvTransfer } from './export/csv';
export {
  type ChainExportBlock,
  type ChainExportHeader,
  type ChainExportVerification,
  type CsvChainCheck,
  CHAIN_EXPORT_FORMAT,
  checkCsvAgainstChain,
  parseCsv,
  verifyChainExport,
} from './export/chain';
export { hledgerClosing, hledgerCommodity, hledgerHeader, hledgerOpening, hledgerTransfer } from './export/hledger';
export { beancountClosing, beancountHeader, beancountOpening, beancountString, beancountTransfer } from './export/beancount';
export { JournalAccountNames, accountNameComponent, journalAccountName } from './export/journal-accounts';
export { type JournalClosing, type JournalHeader, type JournalOpening, isPostedMovement } from './export/journal-entries';
