// One database transaction shared by the ledger and its caller: the caller runs its own statements
// on the transaction's session and writes ledger batches in the same transaction, so its rows and the
// ledger's transfers commit together or not at all (an order's state and its escrow hold, say).
//
// A batch here is decided and written exactly as createTransfers does it the locks-first way: the same
// checks, and its accounts locked in id order in one statement. Callers that take row locks of their
// own take them before the batch's, always in the same order, so two such transactions can wait for
// each other but never deadlock. When a concurrent transaction gets in the way (a unique key taken
// meanwhile, a deadlock or serialization failure, in the ledger's statements or in the caller's), the
// transaction rolls back and the whole unit of work runs again, at most conflictRetriesMaximum times:
// the work must do nothing outside the transaction, or nothing that may not happen twice.
import { type TransferResult } from '../domain/transfer-results';
import { type TransferBatchItem } from '../domain/transfer';
import { type SqlSession } from '../store/sql-driver';
import { type LedgerContext, assertContract, withConflictRetries } from './context';
import { createTransfersInTransaction } from './create-transfers';
import { closePeriodInTransaction } from './close-period';
import { type ClosePeriodInput, type ClosePeriodResult } from '../domain/period-close';

export interface LedgerTransaction {
  /**
   * The transaction's connection, for the caller's own statements (never on the ledger's tables).
   * Statements run one after the other; arrays go as plain arrays (`$1::uuid[]`).
   */
  readonly session: SqlSession;
  /** A batch written in this transaction, with a result per item (see createTransfers). */
  createTransfers(items: readonly TransferBatchItem[]): Promise<TransferResult[]>;
  /** Closes a period in this transaction (see closePeriod), so the caller's record of it commits with it. */
  closePeriod(input: ClosePeriodInput): Promise<ClosePeriodResult>;
}

export async function sharedTransaction<T>(context: LedgerContext, work: (transaction: LedgerTransaction) => Promise<T>): Promise<T> {
  return withConflictRetries(context, () =>
    context.store.sharedTransaction(async (storeTransaction, session) => {
      let open = true;
      const transaction: LedgerTransaction = {
        session: {
          run: (text, values) => {
            assertContract(open, 'The shared transaction has ended');
            return session.run(text, values);
          },
        },
        createTransfers: (items) => {
          assertContract(open, 'The shared transaction has ended');
          return createTransfersInTransaction(context, storeTransaction, items);
        },
        closePeriod: (input) => {
          assertContract(open, 'The shared transaction has ended');
          return closePeriodInTransaction(context, storeTransaction, input);
        },
      };
      try {
        return await work(transaction);
      } finally {
        open = false;
      }
    }),
  );
}
