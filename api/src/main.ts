// Starts the API process: database (migrated and seeded in embedded mode), HTTP server, and, when
// configured, the job workers. Stops gracefully on SIGTERM and SIGINT.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLedger, createSqlLedgerStore } from '@allmende/ledger';
import type { Config } from './config';
import { openConfiguredDatabase } from './db/open';
import { applyMigrations } from './db/migrations';
import { createJobQueue, jobDefinitions, scheduleRepeatingJobs, type JobQueue } from './jobs';
import { createLogger } from './logger';
import { createMailer } from './mail/mailer';
import { registerMailer } from './mail/mailer-registry';
import { ensureCooperativeLedger } from './money/ensure-cooperative-ledger';
import { createHttpServer } from './server';
import { seedDemoCooperative } from './seed/seed-demo-cooperative';

export interface RunningApp {
  server: Server;
  jobs: JobQueue;
  url: string;
  /** True when this start wrote the demo cooperative. */
  seeded: boolean;
  stop(): Promise<void>;
}

/** Running jobs get this long to finish on shutdown before they return to the queue. */
const shutdownJobsTimeoutMs = 8_000;

export async function startApp(config: Config): Promise<RunningApp> {
  const logger = createLogger(config.logLevel);
  // Requests run side by side; parallel workers for one of them would take cores from the others.
  const database = await openConfiguredDatabase(config, { parallelWorkers: false });
  if (config.embedded) {
    const applied = await applyMigrations(database.adapterFactory);
    if (applied.length) logger.info({ migrations: applied }, 'applied migrations');
  }
  const ledger = createLedger({ store: createSqlLedgerStore(database.sqlDriver) });
  await ensureCooperativeLedger(ledger);
  const seeded = config.seedDemo ? await seedDemoCooperative(database.prisma) : false;
  if (seeded) logger.info('seeded the demo cooperative');

  registerMailer(database.prisma, createMailer(config.mail));
  const jobs = createJobQueue({ redisUrl: config.redisUrl, prisma: database.prisma, logger, definitions: jobDefinitions });
  if (config.runWorkersInProcess) {
    await scheduleRepeatingJobs(jobs, { orderAutoConfirmDays: config.orderAutoConfirmDays });
    await jobs.startWorkers();
  }

  const services = { prisma: database.prisma, config, logger, jobs, ledger };
  const server = createHttpServer(services);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  logger.info({ url, database: database.kind }, 'listening');

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await jobs.close(shutdownJobsTimeoutMs);
      await ledger.drain();
      await database.close();
      logger.info('stopped');
    })();
    return stopping;
  };
  return { server, jobs, url, seeded, stop };
}

/** Stops the app on SIGTERM/SIGINT, forcing exit if shutdown hangs. */
export function stopOnSignals(app: RunningApp, shutdownTimeoutMs = 15_000): void {
  const onSignal = () => {
    setTimeout(() => process.exit(1), shutdownTimeoutMs).unref();
    void app.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
