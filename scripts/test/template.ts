// Where the migrated template database for a test run lives. The global setup migrates once; every
// test file then starts from a copy, so files never share state and never depend on order.
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';

const runKey = createHash('sha256').update(path.resolve(__dirname, '../..')).digest('hex').slice(0, 12);

/** PGlite: a dumpDataDir tarball of a migrated database. */
export const pgliteTemplatePath = path.join(tmpdir(), `allmende-test-${runKey}`, 'pglite-template.tar');

/** PostgreSQL: the migrated template database every test database is created from. */
export function postgresTemplateName(databaseUrl: string): string {
  return `${databaseNameOf(databaseUrl)}_template`;
}

export function databaseNameOf(databaseUrl: string): string {
  const name = new URL(databaseUrl).pathname.replace(/^\//, '');
  return name || 'postgres';
}

export function withDatabaseName(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
