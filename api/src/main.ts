// Starts the API process: database (migrated and seeded in embedded mode), HTTP server, and, when
// configured, the job workers. Stops gracefully on SIGTERM and SIGINT.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config';
import { openConfiguredDatabase } from './db/open';
import { applyMigrations } from './db/migrations';
import { scheduleRepeatingJobs } from './jobs';
import { createLogger } from './logger';
import { ensureCooperativeLedger } from './wallet/ensure-cooperative-ledger';
import { createHttpServer } from './server';
import { seedDemoCooperative } from './seed/seed-demo-cooperative';
import { createServices, type Services } from './services';

export interface RunningApp {
  server: Server;
  services: Services;
  url: string;
  /** True when this start wrote the demo cooperative. */
  seeded: boolean;
  stop(): Promise<void>;
}

/** Running jobs get this long to finish on shutdown before they return to the queue. */
const shutdownJobsTimeoutMs = 8_000;

export async function startApp(config: Config): Promise<RunningApp> {
  const logger = createLogger(config.logLevel);
  // Requests run side by side; parallel workers for one of them would take cores from the others, and
  // compiling a statement's expressions costs more than the short statements of a request save.
  const database = await openConfiguredDatabase(config, { parallelWorkers: false, jit: false });
  if (config.embedded) {
    const applied = await applyMigrations(database.adapterFactory);
    if (applied.length) logger.info({ migrations: applied }, 'applied migrations');
  }
  const services = createServices(config, database, { logger });
  await ensureCooperativeLedger(services.ledger);
  const seeded = config.seedDemo ? await seedDemoCooperative(database, config) : false;
  if (seeded) logger.info('seeded the demo cooperative');

  if (config.runWorkersInProcess) {
    await scheduleRepeatingJobs(services.jobs, { orderAutoConfirmDays: config.orderAutoConfirmDays });
    await services.jobs.startWorkers();
  }

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
      await services.close({ jobsTimeoutMs: shutdownJobsTimeoutMs });
      logger.info('stopped');
    })();
    return stopping;
  };
  return { server, services, url, seeded, stop };
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
