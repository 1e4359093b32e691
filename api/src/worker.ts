// The job worker process (`npm run worker`): runs the jobs the API process adds, from BullMQ when
// REDIS_URL is set, otherwise from the Job table in PostgreSQL (which several processes can share).
// In embedded mode there is no worker process: the API process runs the jobs itself.
import { loadConfig } from './config';
import { openConfiguredDatabase } from './db/open';
import { createJobQueue, jobDefinitions, scheduleRepeatingJobs } from './jobs';
import { createLogger } from './logger';
import { createMailer } from './mail/mailer';
import { registerMailer } from './mail/mailer-registry';

/** Below Docker's default stop grace period of 10 s, so the process exits before it is killed. */
const shutdownTimeoutMs = 8_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'worker');
  if (config.embedded) {
    // The embedded database (PGlite) can be opened by one process only: the API process.
    logger.fatal('DATABASE_URL is not set: in embedded mode jobs run inside the API process, not in a worker');
    process.exit(1);
  }
  const database = await openConfiguredDatabase(config);
  registerMailer(database.prisma, createMailer(config.mail));
  const queue = createJobQueue({ redisUrl: config.redisUrl, prisma: database.prisma, logger, definitions: jobDefinitions });
  await scheduleRepeatingJobs(queue, { orderAutoConfirmDays: config.orderAutoConfirmDays });
  await queue.startWorkers();
  logger.info({ backend: queue.backend, jobs: jobDefinitions.map((job) => job.name) }, 'worker started');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'worker stopping');
    void (async () => {
      try {
        await queue.close(shutdownTimeoutMs);
        await database.close();
        logger.info('worker stopped');
        process.exit(0);
      } catch (error) {
        logger.error({ err: error }, 'worker did not stop cleanly');
        process.exit(1);
      }
    })();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
