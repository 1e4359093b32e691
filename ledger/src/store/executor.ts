// Runs the ledger's SQL with positional parameters on a driver session. Database errors that mean
// "a concurrent transaction got in the way" become LedgerStoreConflict; everything else is rethrown
// unchanged.
import { LedgerStoreConflict } from '../store';
import { type SqlSession } from './sql-driver';

/** Raised by the ledger_transfer_closed_period trigger (see the ledger_period_close migration). */
export const PERIOD_CLOSED_SQLSTATE = 'LP001';

/**
 * unique_violation, serialization_failure, deadlock_detected, and the ledger's own LP001: a transfer
 * inserted into a closed period (raised by the insert's trigger when a batch was decided without
 * seeing a close that committed meanwhile; decided again, the batch sees it and refuses the items).
 */
const conflictCodes = new Set(['23505', '40001', '40P01', PERIOD_CLOSED_SQLSTATE]);

/** The SQLSTATE of a database error; node-postgres and PGlite both report it as `code`. */
export function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

export function translateSqlError(error: unknown): unknown {
  const state = sqlStateOf(error);
  if (state !== undefined && conflictCodes.has(state)) {
    return new LedgerStoreConflict(`Concurrent change (SQLSTATE ${state})`, { cause: error, sqlState: state });
  }
  return error;
}

export class SqlExecutor {
  constructor(private readonly session: SqlSession) {}

  async query<Row>(sql: string, ...values: unknown[]): Promise<Row[]> {
    try {
      return (await this.session.run<Row>(sql, values)).rows;
    } catch (error) {
      throw translateSqlError(error);
    }
  }

  async execute(sql: string, ...values: unknown[]): Promise<number> {
    try {
      return (await this.session.run(sql, values)).affectedRows;
    } catch (error) {
      throw translateSqlError(error);
    }
  }
}
