// The composition root. Every process (the API, the worker, a test) builds its services here, once,
// on a database it opened, and passes them explicitly: into the GraphQL context of each request and
// into the context of each job. Nothing is looked up from a registry keyed by another object, so a
// process holds exactly one ledger (one coalescer, one set of lock turns), drained when it stops.
import { createLedger, createSqlLedgerStore, type Ledger } from '@allmende/ledger';
import type { Config } from './config';
import type { Database, PrismaClient, ReadQuery } from './db/client';
import { createJobQueue, jobDefinitions, notificationEmails, notificationEmailsJobKey, type JobDefinition, type JobQueue } from './jobs';
import type { Logger } from './logger';
import { createMailer, type Mailer } from './mail/mailer';
import { createOfferSearch, type OfferSearch } from './marketplace/search';
import { Checkouts } from './orders/checkout';
import { NotificationEmailRequests } from './notifications/email-requests';
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
  checkouts: Checkouts;
  /** Asks for the notification e-mail job after a change that notifies, about once a second at most. */
  notificationEmailRequests: NotificationEmailRequests;
  /** Stops the job workers (running jobs get `jobsTimeoutMs`), drains the ledger, closes the database. */
  close(options?: { jobsTimeoutMs?: number }): Promise<void>;
}

/** What a job may use: every service but the queue that runs it. */
export type JobServices = Omit<Services, 'jobs' | 'notificationEmailRequests' | 'close'>;

/**
 * The e-mail job runs this long after it is first asked for: the requests made while it waits find it
 * queued under its key, so a busy market runs it once per interval instead of once per request.
 */
const notificationEmailsGatherMs = 2_000;

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
    checkouts: new Checkouts({ prisma: database.prisma, ledger }),
  };
  const jobs = createJobQueue({ redisUrl: config.redisUrl, services: jobServices, logger, definitions: options.jobDefinitions ?? jobDefinitions });
  const notificationEmailRequests = new NotificationEmailRequests(
    () => jobs.add(notificationEmails, {}, { jobKey: notificationEmailsJobKey, delayMs: notificationEmailsGatherMs }),
    logger,
  );
  let closing: Promise<void> | undefined;
  return {
    ...jobServices,
    jobs,
    notificationEmailRequests,
    close(closeOptions = {}) {
      closing ??= (async () => {
        await notificationEmailRequests.flush();
        await jobs.close(closeOptions.jobsTimeoutMs);
        await jobServices.checkouts.drain();
        await ledger.drain();
        await database.close();
      })();
      return closing;
    },
  };
}
