// The PostgreSQL implementation of the ledger store, on a SQL driver: a node-postgres pool on
// PostgreSQL, PGlite embedded. Both run the same statements.
import { type LedgerStore } from '../store';
import { SqlExecutor, translateSqlError } from './executor';
import { SqlLedgerReader } from './reader';
import { type SqlDriver } from './sql-driver';
import { SqlLedgerTransaction } from './transaction';

export function createSqlLedgerStore(driver: SqlDriver): LedgerStore {
  return {
    // A failing COMMIT, and any conflict in the caller's own statements (a unique key taken meanwhile,
    // a deadlock), is reported as a LedgerStoreConflict too, so the caller's whole unit of work runs again.
    sharedTransaction: (work) =>
      driver
        .transaction('read-write', (session) => work(new SqlLedgerTransaction(new SqlExecutor(session), { shared: true }), session))
        .catch((error: unknown) => {
          throw translateSqlError(error);
        }),
    read: new SqlLedgerReader(new SqlExecutor(driver)),
    // A failing COMMIT is reported like a failing statement.
    transaction: (work) =>
      driver.transaction('read-write', (session) => work(new SqlLedgerTransaction(new SqlExecutor(session)))).catch((error: unknown) => {
        throw translateSqlError(error);
      }),
    snapshot: (work) => driver.transaction('snapshot', (session) => work(new SqlLedgerReader(new SqlExecutor(session)))),
  };
}
