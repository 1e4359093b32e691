// The job worker process (`npm run worker`): runs the jobs the API process adds, from BullMQ when
// REDIS_URL is set, otherwise from the Job table in PostgreSQL (which several processes can share).
// In embedded mode there is no worker process: the API process runs the jobs itself.
import { loadConfig } from './config';
import { openConfiguredDatabase } from './db/open';
import { jobDefinitions, scheduleRepeatingJobs } from './jobs';
import { createLogger } from './logger';
import { createServices } from './services';

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
  const services = createServices(config, await openConfiguredDatabase(config), { logger });
  await scheduleRepeatingJobs(services.jobs, { orderAutoConfirmDays: config.orderAutoConfirmDays });
  await services.jobs.startWorkers();
  logger.info({ backend: services.jobs.backend, jobs: jobDefinitions.map((job) => job.name) }, 'worker started');

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
        await services.close({ jobsTimeoutMs: shutdownTimeoutMs });
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
