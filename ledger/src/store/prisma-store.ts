// The PostgreSQL implementation of the ledger store, through a Prisma client with a driver adapter
// (node-postgres on PostgreSQL, PGlite embedded). Works the same on both.
import { type PrismaClient } from '../../../prisma/generated/client/client';
import { type LedgerStore } from '../store';
import { SqlExecutor } from './executor';
import { SqlLedgerReader } from './reader';
import { SqlLedgerTransaction } from './transaction';

export interface PrismaLedgerStoreOptions {
  /** Longest wait for a connection before a transaction starts (ms). PGlite queues transactions. */
  transactionWaitMaximumMs?: number;
  /** Longest run of a read-write transaction (ms). */
  transactionTimeoutMs?: number;
  /** Longest run of a read-only snapshot, e.g. a full verification (ms). */
  snapshotTimeoutMs?: number;
}

export function createPrismaLedgerStore(prisma: PrismaClient, options: PrismaLedgerStoreOptions = {}): LedgerStore {
  const maxWait = options.transactionWaitMaximumMs ?? 60_000;
  const timeout = options.transactionTimeoutMs ?? 60_000;
  const snapshotTimeout = options.snapshotTimeoutMs ?? 600_000;
  return {
    read: new SqlLedgerReader(new SqlExecutor(prisma)),
    transaction: (work) =>
      prisma.$transaction((client) => work(new SqlLedgerTransaction(new SqlExecutor(client))), { maxWait, timeout }),
    snapshot: (work) =>
      prisma.$transaction(
        async (client) => {
          // Must be the first statement of the transaction: every later read sees one snapshot.
          await client.$executeRawUnsafe('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
          return work(new SqlLedgerReader(new SqlExecutor(client)));
        },
        { maxWait, timeout: snapshotTimeout },
      ),
  };
}
