import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { openDatabase, openPGlite } from '../../api/src/db/client';
import { applyMigrations } from '../../api/src/db/migrations';
import { pgliteTemplatePath, postgresTemplateName, withDatabaseName } from './template';

export default async function globalSetup(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  process.env.ALLMENDE_TEST_RUN ??= `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
  if (databaseUrl) {
    const template = postgresTemplateName(databaseUrl);
    const admin = new Client({ connectionString: withDatabaseName(databaseUrl, 'postgres') });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${template}"`);
    } finally {
      await admin.end();
    }
    const database = await openDatabase({ databaseUrl: withDatabaseName(databaseUrl, template), poolSize: 1 });
    try {
      await applyMigrations(database.adapterFactory);
    } finally {
      await database.close();
    }
    return;
  }
  const pglite = await openPGlite({});
  try {
    await applyMigrations(new PrismaPGlite(pglite));
    const dump = await pglite.dumpDataDir('none');
    mkdirSync(path.dirname(pgliteTemplatePath()), { recursive: true });
    writeFileSync(pgliteTemplatePath(), Buffer.from(await dump.arrayBuffer()));
  } finally {
    await pglite.close();
  }
}
