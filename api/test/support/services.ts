// The services of a test process, built by the same composition root as the API and the worker, on a
// fresh test database. Jobs are recorded but not run unless a test starts the workers.
import { parseConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/logger';
import type { JobDefinition } from '../../src/jobs';
import { createServices, type Services } from '../../src/services';
import { ensureCooperativeLedger } from '../../src/wallet/ensure-cooperative-ledger';
import { createTestDatabase, type TestDatabase } from '../../../scripts/test/database';

export interface TestServices extends Services {
  database: TestDatabase;
}

export function testConfig(overrides: NodeJS.ProcessEnv = {}): Config {
  return parseConfig({ SESSION_SECRET: 'test-secret-test-secret-test-secret-123', LOG_LEVEL: 'silent', NODE_ENV: 'test', ...overrides });
}

/**
 * Listings are not cached unless a test asks for it (`OFFER_LIST_CACHE_SECONDS`), so tests that
 * write offers straight to the database see them in the next listing.
 */
export async function createTestServices(
  environment: NodeJS.ProcessEnv = {},
  options: { jobDefinitions?: JobDefinition<unknown>[] } = {},
): Promise<TestServices> {
  const database = await createTestDatabase();
  const config = testConfig({ OFFER_LIST_CACHE_SECONDS: '0', ...environment });
  const services = createServices(config, database, { logger: createLogger('silent'), ...options });
  await ensureCooperativeLedger(services.ledger);
  return { ...services, database };
}
