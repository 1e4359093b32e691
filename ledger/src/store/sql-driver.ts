// The two calls the ledger's SQL needs from a database driver: run one statement, and run a unit of
// work in one transaction on one connection. Implemented for a node-postgres pool (pg-driver.ts)
// and for PGlite (pglite-driver.ts), so both run exactly the same SQL.

export interface SqlResult<Row> {
  rows: Row[];
  /** Rows inserted, updated or deleted by the statement. */
  affectedRows: number;
}

export interface SqlSession {
  /** Runs one statement; an SqlArray value (sql-arrays.ts) is sent in the form the driver chooses. */
  run<Row>(text: string, values: readonly unknown[]): Promise<SqlResult<Row>>;
}

/**
 * `read-write`: READ COMMITTED, row locks taken explicitly by the statements. `snapshot`: REPEATABLE
 * READ, READ ONLY, so every statement of the work sees the same committed state.
 */
export type SqlTransactionMode = 'read-write' | 'snapshot';

export interface SqlDriver extends SqlSession {
  /** Runs the work between BEGIN and COMMIT on one connection; rolls back when it throws. */
  transaction<T>(mode: SqlTransactionMode, work: (session: SqlSession) => Promise<T>): Promise<T>;
}
