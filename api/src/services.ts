// The composition root. Every process (the API, the worker, a test) builds its services here, once,
// on a database it opened, and passes them explicitly: into the GraphQL context of each request and
// into the context of each job. Nothing is looked up from a registry keyed by another object, so a
// process holds exactly one ledger (one coalescer, one set of lock turns), drained when it stops.
import { createLedger, createSqlLedgerStore, type Ledger } from '@allmende/ledger';
import type { Config } from './config';
import type { Database, PrismaClient, ReadQuery } from './db/client';
import { createJobQueue, jobDefinitions, type JobDefinition, type JobQueue } from './jobs';
import type { Logger } from './logger';
import { createMailer, type Mailer } from './mail/mailer';
import { createOfferSearch, type OfferSearch } from './marketplace/search';
import { createCheckoutCoalescer, type CheckoutCoalescer } from './orders/checkout';
import { createRunningDistribution, type RunningDistribution } from './surplus/running-distribution';

export interface Services {
  config: Config;
  logger: Logger;
  database: Database;
  prisma: PrismaClient;
  readQuery: ReadQuery;
  /** The one ledger of this process, so its currency cache and transfer coalescing are shared. */
  ledger: Ledger;
  mailer: Mailer;
  jobs: JobQueue;
  search: OfferSearch;
  /** The running period's surplus distribution, shared by the wallets of all members for a minute. */
  runningDistribution: RunningDistribution;
  /** This process's checkouts, those sent together run in one transaction. */
  checkouts: CheckoutCoalescer;
  /** Stops the job workers (running jobs get `jobsTimeoutMs`), drains the ledger, closes the database. */
  close(options?: { jobsTimeoutMs?: number }): Promise<void>;
}

/** What a job may use: every service but the queue that runs it. */
export type JobServices = Omit<Services, 'jobs' | 'close'>;

export interface ServicesOptions {
  logger: Logger;
  /** The jobs this process may add and run; all of them unless a test gives its own. */
  jobDefinitions?: JobDefinition<unknown>[];
}

export function createServices(config: Config, database: Database, options: ServicesOptions): Services {
  const { logger } = options;
  const ledger = createLedger({ store: createSqlLedgerStore(database.sqlDriver) });
  const jobServices: JobServices = {
    config,
    logger,
    database,
    prisma: database.prisma,
    readQuery: database.readQuery,
    ledger,
    mailer: createMailer(config.mail),
    search: createOfferSearch({ prisma: database.prisma, readQuery: database.readQuery, listingCacheSeconds: config.offerListCacheSeconds }),
    runningDistribution: createRunningDistribution({ prisma: database.prisma, ledger }),
    checkouts: createCheckoutCoalescer({ prisma: database.prisma, ledger }),
  };
  const jobs = createJobQueue({ redisUrl: config.redisUrl, services: jobServices, logger, definitions: options.jobDefinitions ?? jobDefinitions });
  let closing: Promise<void> | undefined;
  return {
    ...jobServices,
    jobs,
    close(closeOptions = {}) {
      closing ??= (async () => {
        await jobs.close(closeOptions.jobsTimeoutMs);
        await jobServices.checkouts.drain();
        await ledger.drain();
        await database.close();
      })();
      return closing;
    },
  };
}
