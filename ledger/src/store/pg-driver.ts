// The ledger's SQL on a node-postgres pool, without an ORM in between: every statement is a named
// prepared statement, so PostgreSQL parses each of the ledger's few statement texts once per
// connection instead of on every call, and a batch costs only its few round trips (BEGIN, lock and
// read, write, COMMIT; one more when it inserts first). The pool may be shared with other users of
// the database.
import { createHash } from 'node:crypto';
import { SqlArray, binaryArray, uuidArrayBinary } from './sql-arrays';
import { type SqlDriver, type SqlResult, type SqlSession, type SqlTransactionMode } from './sql-driver';

/** The part of pg.PoolClient the driver uses. */
export interface PgClientLike {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: unknown[]; rowCount: number | null }>;
  release(destroy?: Error | boolean): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
}

/** The part of pg.Pool the driver uses. */
export interface PgPoolLike {
  connect(): Promise<PgClientLike>;
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

/**
 * Statement names derive from the text, so every driver on the same pool (an application may build
 * more than one ledger on it) gives one text the same name; node-postgres refuses a name that one
 * connection already prepared for another text.
 */
const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `ledger_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

type Queryable = Pick<PgClientLike, 'query'>;

/**
 * UUID, text and timestamp arrays go in binary form (node-postgres sends a Buffer as a binary
 * parameter): the server copies their bytes instead of parsing each element. Numbers and ctids go
 * as literals.
 */
function parameterValue(value: unknown): unknown {
  if (!(value instanceof SqlArray)) return value;
  if (value.kind === 'uuid') return uuidArrayBinary(value);
  if (value.kind === 'text' || value.kind === 'timestamptz') return binaryArray(value);
  return value.toLiteral();
}

async function run<Row>(target: Queryable, text: string, values: readonly unknown[]): Promise<SqlResult<Row>> {
  const result = await target.query({ name: statementName(text), text, values: values.map(parameterValue) });
  return { rows: result.rows as Row[], affectedRows: result.rowCount ?? 0 };
}

/**
 * A read-write transaction waits for row locks; one that waits longer than this for a lock (or runs a
 * statement this long) is cancelled instead of holding a pool connection indefinitely. Snapshots run
 * long verification reads and get no limit.
 */
const readWriteStatementTimeoutMs = 60_000;

/**
 * Sent as one simple query, so the settings cost no round trip of their own. Writes plan every
 * statement for its actual arrays (`force_custom_plan`): after five executions PostgreSQL may keep a
 * generic plan, which cannot see how many accounts `id = ANY($1)` names, and for the batch's lock
 * statement that plan cost three times the CPU (batches of 32: 150 against 78 ms of PostgreSQL CPU
 * per 1,000 transfers). Parsing stays prepared; planning these statements takes well under a
 * millisecond. The statements after a batch's locks go back to one generic plan per connection
 * (lockedRowPlanSettings in transaction.ts).
 */
const beginStatements: Record<SqlTransactionMode, string> = {
  'read-write': `BEGIN; SET LOCAL statement_timeout = ${readWriteStatementTimeoutMs}; SET LOCAL plan_cache_mode = force_custom_plan`,
  snapshot: 'BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY',
};

export function pgPoolSqlDriver(pool: PgPoolLike): SqlDriver {
  return {
    run: (text, values) => run(pool, text, values),
    async transaction<T>(mode: SqlTransactionMode, work: (session: SqlSession) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      // A connection the server ends while it is checked out emits an error event; without a
      // listener that would end the process. The failed statement rejects on its own.
      let lost: Error | undefined;
      const onError = (error: Error) => {
        lost = error;
      };
      client.on('error', onError);
      try {
        await client.query({ text: beginStatements[mode] });
        const result = await work({ run: (text, values) => run(client, text, values) });
        await client.query({ text: 'COMMIT' });
        return result;
      } catch (error) {
        if (lost === undefined) {
          await client.query({ text: 'ROLLBACK' }).catch((rollbackError: unknown) => {
            lost = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
          });
        }
        throw error;
      } finally {
        client.off('error', onError);
        // A connection in an unknown state is closed instead of going back to the pool.
        client.release(lost ?? false);
      }
    },
  };
}
