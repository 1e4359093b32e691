import type { Config } from '../config';
import { openDatabase, pgliteDataDirFor, type Database } from './client';

/** Opens the database the configuration names (see DatabaseOptions for `parallelWorkers` and `jit`). */
export function openConfiguredDatabase(config: Config, options: { parallelWorkers?: boolean; jit?: boolean } = {}): Promise<Database> {
  return openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDataDir: pgliteDataDirFor(config.dataDir),
    poolSize: config.databasePoolSize,
    ...options,
  });
}
