// Where the migrated template database for a test run lives. The global setup migrates once; every
// test file then starts from a copy, so files never share state and never depend on order.
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';

const runKey = createHash('sha256').update(path.resolve(__dirname, '../..')).digest('hex').slice(0, 12);

/** PGlite: a dumpDataDir tarball of a migrated database, one per test run. */
export function pgliteTemplatePath(): string {
  return path.join(tmpdir(), `allmende-test-${runKey}`, `pglite-template-${process.env.ALLMENDE_TEST_RUN ?? 'run'}.tar`);
}

/** PostgreSQL: the migrated template database every test database is created from. */
export function postgresTemplateName(databaseUrl: string): string {
  return `${testDatabasePrefix(databaseUrl)}template`;
}

/**
 * Test databases of one run share this prefix, so a run's teardown drops only its own even when
 * several runs use the same PostgreSQL server. The global setup sets ALLMENDE_TEST_RUN for the workers.
 */
export function testDatabasePrefix(databaseUrl: string): string {
  const run = process.env.ALLMENDE_TEST_RUN ?? 'run';
  return `${databaseNameOf(databaseUrl)}_t_${run}_`;
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
