import { Client } from 'pg';
import { rmSync } from 'node:fs';
import { pgliteTemplatePath, testDatabasePrefix, withDatabaseName } from './template';

export default async function globalTeardown(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    rmSync(pgliteTemplatePath(), { force: true });
    return;
  }
  const admin = new Client({ connectionString: withDatabaseName(databaseUrl, 'postgres') });
  await admin.connect();
  try {
    // Test files drop their own databases; this also catches any left by a crashed worker, and the template.
    const prefix = testDatabasePrefix(databaseUrl);
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
