// The database a benchmark runs on: the one DATABASE_URL names, or else a fresh database created on
// the local PostgreSQL server and dropped afterwards.
import { Client } from 'pg';
import { openDatabase, type Database } from '../../api/src/db/client';
import { applyMigrations } from '../../api/src/db/migrations';

export const localServerUrl = 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  url: string;
  database: Database;
  /** Whether this run created the database (and drops it on close). */
  created: boolean;
  close(): Promise<void>;
}

export async function openBenchDatabase(options: { name: string; poolSize: number }): Promise<BenchDatabase> {
  const given = process.env.DATABASE_URL;
  if (given && !given.startsWith('postgres')) throw new Error('DATABASE_URL must be a postgresql:// URL: the benchmarks need PostgreSQL');
  const url = given ?? withDatabaseName(localServerUrl, options.name);
  if (!given) {
    await adminQuery(`DROP DATABASE IF EXISTS "${options.name}" WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE "${options.name}"`);
  }
  const database = await openDatabase({ databaseUrl: url, poolSize: options.poolSize });
  await applyMigrations(database.adapterFactory);
  return {
    url,
    database,
    created: !given,
    close: async () => {
      await database.close();
      if (!given) await adminQuery(`DROP DATABASE IF EXISTS "${options.name}" WITH (FORCE)`);
    },
  };
}

/**
 * Drops and creates the database a URL names, through the same server's `postgres` database. Only for
 * databases whose name says they are for benchmarks, so a mistyped URL cannot wipe real data.
 */
export async function recreateDatabase(databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!/bench/i.test(name)) throw new Error(`Refusing to drop and recreate "${name}": the benchmark's database name must contain "bench"`);
  const admin = new Client({ connectionString: withDatabaseName(databaseUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name.replaceAll('"', '""')}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
}

export function withDatabaseName(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new Client({ connectionString: localServerUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`Cannot reach PostgreSQL at 127.0.0.1:5432 (set DATABASE_URL to use another server): ${String(error)}`);
  }
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
