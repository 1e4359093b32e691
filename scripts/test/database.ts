// A fresh, migrated database for one test file: a copy of the PGlite template in memory, or a new
// PostgreSQL database created from the template database when DATABASE_URL is set.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { openDatabase, type Database } from '../../api/src/db/client';
import { pgliteTemplatePath, postgresTemplateName, testDatabasePrefix, withDatabaseName } from './template';

export interface TestDatabase extends Database {
  /** PostgreSQL URL of this test database (undefined on PGlite). */
  url: string | undefined;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const database = await openDatabase({ pgliteLoadDataDir: new Blob([readFileSync(pgliteTemplatePath())]) });
    return { ...database, url: undefined };
  }
  const name = `${testDatabasePrefix(databaseUrl)}${randomBytes(6).toString('hex')}`;
  await adminQuery(databaseUrl, `CREATE DATABASE "${name}" TEMPLATE "${postgresTemplateName(databaseUrl)}"`);
  const url = withDatabaseName(databaseUrl, name);
  // Dropping the database WITH (FORCE) ends connections the closed pool is still shutting down.
  let closing = false;
  const database = await openDatabase({
    databaseUrl: url,
    poolSize: 20,
    onIdleConnectionError: (error) => {
      if (!closing) throw error;
    },
  });
  return {
    ...database,
    url,
    close: async () => {
      closing = true;
      await database.close();
      await adminQuery(databaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

async function adminQuery(databaseUrl: string, sql: string): Promise<void> {
  const admin = new Client({ connectionString: withDatabaseName(databaseUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
