// Deletes members' data exports whose download time has passed, file and row, and exports that
// failed or never finished a day after they were asked for. The download checks the expiry itself,
// so this job only frees the space and removes the data once its purpose has ended.
import { expireDataExports } from '../my-data/expire-data-exports';
import { defineJob } from './definition';

export type MyDataExportsExpirePayload = Record<string, never>;

export const myDataExportsExpireEveryMs = 15 * 60_000;

export const myDataExportsExpire = defineJob<MyDataExportsExpirePayload>({
  name: 'my-data-exports-expire',
  attempts: 3,
  backoffMs: 60_000,
  timeoutMs: 5 * 60_000,
  async handle(_payload, { prisma, config, logger, signal }) {
    const deleted = await expireDataExports(prisma, config.myDataExport.directory, { signal });
    if (deleted > 0) logger.info({ deleted }, 'deleted expired member data exports');
  },
});
