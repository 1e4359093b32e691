// Creates the Prisma client on the configured database: PostgreSQL through @prisma/adapter-pg when
// DATABASE_URL is set, otherwise PGlite (PostgreSQL compiled to WebAssembly) in a folder under DATA_DIR.
// The ledger runs its own SQL on the same pool or PGlite instance, without Prisma's query path.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { type SqlDriver, pgPoolSqlDriver, pgliteSqlDriver } from '@allmende/ledger';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient, type Prisma } from '../../../prisma/generated/client/client';

export type { PrismaClient };

export interface DatabaseOptions {
  /** PostgreSQL URL; without it PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; `memory://` keeps it in memory. Ignored with databaseUrl. */
  pgliteDataDir?: string;
  /** A PGlite data dump (from dumpDataDir) to start from, used by tests. */
  pgliteLoadDataDir?: Blob | File;
  poolSize?: number;
  /** Called when an idle PostgreSQL connection fails; defaults to a line on stderr. */
  onIdleConnectionError?: (error: Error) => void;
  /**
   * False runs every statement without parallel workers (max_parallel_workers_per_gather = 0), for
   * processes that serve requests: under concurrent requests on a small server the workers' start-up
   * and their share of the cores cost more than they save. Defaults to the server's setting.
   */
  parallelWorkers?: boolean;
  /**
   * False runs every statement without JIT compilation (jit = off), for processes that serve
   * requests: a search over many matches (or a plan that merely estimates many) passes the server's
   * jit_above_cost, and compiling its expressions took 70-300 ms of a statement that runs in 5-50 ms.
   * Defaults to the server's setting.
   */
  jit?: boolean;
}

function defaultIdleConnectionError(error: Error): void {
  console.error(`PostgreSQL connection lost while idle: ${error.message}`);
}

export interface Database {
  prisma: PrismaClient;
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  kind: 'postgresql' | 'pglite';
  /** The same connections for the ledger's store (createSqlLedgerStore). */
  sqlDriver: SqlDriver;
  /**
   * Runs a hot read statement on the same connections without Prisma's query path (which cost about
   * 0.2 ms of CPU per raw statement against 0.1 ms through node-postgres directly). Rows come as
   * node-postgres parses them: timestamps as Date, numeric and bigint as strings. On PGlite the
   * statement goes through Prisma.
   */
  readQuery: ReadQuery;
  /** The PGlite instance in embedded mode (for dumps and direct SQL in tests). */
  pglite?: PGlite;
  close(): Promise<void>;
}

/**
 * How many of Prisma's statement texts a process prepares. Every connection keeps each statement it
 * prepared (node-postgres has no way to drop one), and Prisma writes a new text for every length of
 * an IN list, so the count is bounded; texts beyond it run unprepared as before.
 */
export const preparedStatementTextsMax = 500;

/**
 * Names Prisma's statements after their text, so that each connection parses a statement once and
 * PostgreSQL may keep a generic plan for it (its default for prepared statements, which JDBC drivers
 * use for every statement run a few times). A listing's offers with their images and producer is one
 * statement of LATERAL joins; preparing it took a tenth of the server's CPU time per uncached search.
 * The marketplace ranking, whose plan depends on how common a search term is, does not go through
 * Prisma (see Database.readQuery) and keeps a plan for its parameters.
 */
export function preparedStatementNames(maximum: number): (query: { sql: string }) => string {
  const names = new Map<string, string>();
  return ({ sql }) => {
    let name = names.get(sql);
    if (name === undefined && names.size < maximum) {
      name = `prisma_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
      names.set(sql, name);
    }
    // An unnamed statement: node-postgres sends it without preparing it for later.
    return name as string;
  };
}

/**
 * Runs one read statement built with Prisma.sql and returns its rows. A statement given a name is
 * prepared once per connection under it, so PostgreSQL parses it once and may keep a generic plan:
 * for a statement whose text never changes and whose plan does not depend on its parameters (a
 * lookup by key), which would otherwise be planned again on every call. Without a name, it is
 * planned for its parameters each time.
 */
export type ReadQuery = <Row>(statement: Prisma.Sql, options?: { name?: string }) => Promise<Row[]>;

export const pgliteExtensions = { pg_trgm, cube, earthdistance, btree_gin };

export function pgliteDataDirFor(dataDir: string): string {
  return path.join(dataDir, 'pglite');
}

export async function openPGlite(options: { dataDir?: string; loadDataDir?: Blob | File }): Promise<PGlite> {
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  return PGlite.create({
    dataDir,
    extensions: pgliteExtensions,
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const settings = [...(options.parallelWorkers === false ? ['-c max_parallel_workers_per_gather=0'] : []), ...(options.jit === false ? ['-c jit=off'] : [])];
    // One pool owned here, shared by the client and the migration engine, so close() ends every connection.
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      ...(settings.length ? { options: settings.join(' ') } : {}),
    });
    // An idle connection that the server ends (restart, admin command) emits an error on the pool;
    // the pool replaces it with a new connection, so the error must not crash the process.
    pool.on('error', (error) => (options.onIdleConnectionError ?? defaultIdleConnectionError)(error));
    const adapterFactory = new PrismaPg(pool, { statementNameGenerator: preparedStatementNames(preparedStatementTextsMax) });
    const prisma = new PrismaClient({ adapter: adapterFactory });
    return {
      prisma,
      adapterFactory,
      kind: 'postgresql',
      sqlDriver: pgPoolSqlDriver(pool),
      readQuery: async <Row>(statement: Prisma.Sql, readOptions?: { name?: string }) =>
        (await pool.query({ text: statement.text, values: statement.values as unknown[], name: readOptions?.name })).rows as Row[],
      close: async () => {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }
  const pglite = await openPGlite({
    ...(options.pgliteDataDir ? { dataDir: options.pgliteDataDir } : {}),
    ...(options.pgliteLoadDataDir ? { loadDataDir: options.pgliteLoadDataDir } : {}),
  });
  const adapterFactory = new PrismaPGlite(pglite);
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    prisma,
    adapterFactory,
    kind: 'pglite',
    sqlDriver: pgliteSqlDriver(pglite),
    readQuery: <Row>(statement: Prisma.Sql) => prisma.$queryRaw<Row[]>(statement),
    pglite,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
