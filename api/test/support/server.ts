// A running API process on a free port for tests that go over HTTP: its own data folder, and a fresh
// PostgreSQL database when DATABASE_URL is set (else the embedded PGlite in the data folder).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../src/main';
import { createTestDatabase, type TestDatabase } from '../../../scripts/test/database';
import { testConfig } from './services';

export interface TestServer {
  app: RunningApp;
  dataDir: string;
  stop(): Promise<void>;
}

/** `environment(dataDir)` adds settings that name paths inside the server's data folder. */
export async function startTestServer(name: string, environment: (dataDir: string) => NodeJS.ProcessEnv = () => ({})): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `allmende-${name}-`));
  const postgres: TestDatabase | undefined = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
  const app = await startApp(
    testConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      ...(postgres?.url ? { DATABASE_URL: postgres.url } : {}),
      ...environment(dataDir),
    }),
  );
  return {
    app,
    dataDir,
    stop: async () => {
      await app.stop();
      await postgres?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
