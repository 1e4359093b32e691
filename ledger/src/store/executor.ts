// The one place where the ledger talks to Prisma: raw SQL with positional parameters, on the client
// or inside an interactive transaction. Database errors that mean "a concurrent transaction got in
// the way" become LedgerStoreConflict; everything else is rethrown unchanged.
import { type PrismaClient } from '../../../prisma/generated/client/client';
import { LedgerStoreConflict } from '../store';

/** The raw-SQL surface shared by PrismaClient and its interactive transaction client. */
export type SqlClient = Pick<PrismaClient, '$queryRawUnsafe' | '$executeRawUnsafe'>;

/** unique_violation, serialization_failure, deadlock_detected. */
const conflictCodes = new Set(['23505', '40001', '40P01']);

/** The SQLSTATE of a database error as the driver adapters report it. */
export function sqlStateOf(error: unknown): string | undefined {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } } } | null)?.meta;
  const cause = meta?.driverAdapterError?.cause;
  const code = cause?.originalCode ?? cause?.code;
  return typeof code === 'string' ? code : undefined;
}

export class SqlExecutor {
  constructor(private readonly client: SqlClient) {}

  async query<Row>(sql: string, ...values: unknown[]): Promise<Row[]> {
    try {
      return await this.client.$queryRawUnsafe<Row[]>(sql, ...values);
    } catch (error) {
      throw translate(error);
    }
  }

  async execute(sql: string, ...values: unknown[]): Promise<number> {
    try {
      return await this.client.$executeRawUnsafe(sql, ...values);
    } catch (error) {
      throw translate(error);
    }
  }
}

function translate(error: unknown): unknown {
  const state = sqlStateOf(error);
  if (state !== undefined && conflictCodes.has(state)) {
    return new LedgerStoreConflict(`Concurrent change (SQLSTATE ${state})`, { cause: error, sqlState: state });
  }
  return error;
}
