// The ledger's SQL on PGlite, the embedded PostgreSQL. PGlite has one connection and queues every
// transaction and every statement outside one, so the ledger can share the instance with Prisma's
// PGlite adapter.
import { SqlArray } from './sql-arrays';
import { type SqlDriver, type SqlResult, type SqlSession, type SqlTransactionMode } from './sql-driver';

interface PGliteQueryable {
  query<Row>(text: string, params?: unknown[]): Promise<{ rows: Row[]; affectedRows?: number }>;
}

/** The part of a PGlite instance the driver uses. */
export interface PGliteLike extends PGliteQueryable {
  transaction<T>(work: (transaction: PGliteQueryable) => Promise<T>): Promise<T>;
}

async function run<Row>(target: PGliteQueryable, text: string, values: readonly unknown[]): Promise<SqlResult<Row>> {
  const result = await target.query<Row>(text, values.map((value) => (value instanceof SqlArray ? value.toLiteral() : value)));
  return { rows: result.rows, affectedRows: result.affectedRows ?? 0 };
}

export function pgliteSqlDriver(pglite: PGliteLike): SqlDriver {
  return {
    run: (text, values) => run(pglite, text, values),
    transaction<T>(mode: SqlTransactionMode, work: (session: SqlSession) => Promise<T>): Promise<T> {
      return pglite.transaction(async (transaction) => {
        // PGlite sends BEGIN itself; this must be the first statement after it.
        if (mode === 'snapshot') await transaction.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        return work({ run: (text, values) => run(transaction, text, values) });
      });
    },
  };
}
