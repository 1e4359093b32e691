// The one place that reads the environment. Every setting is validated here; an invalid value stops
// the process with a message naming the variable. Other modules receive a typed Config.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

/** The environment variables Allmende reads, with their defaults. docker-compose.yml is checked against it. */
export const orderAutoConfirmDaysDefault = 14;
export const uploadBytesMaxDefault = 8 * 1024 * 1024;
export const myDataExportTtlHoursDefault = 48;
export const uploadPixelsMaxDefault = 40_000_000;
/**
 * Limits on GraphQL documents (see query-limits.ts). The web app's largest documents, with the
 * `__typename` fields its client adds: 96 tokens, depth 6, no aliases, cost about 10,000 (50 orders
 * with their items and reviews), one directive. api/test/query-limits.test.ts checks every one of them.
 */
export const queryLimitsDefault = {
  tokensMax: 2_000,
  depthMax: 12,
  aliasesMax: 20,
  costMax: 50_000,
  directivesMax: 10,
} as const;

export const environmentSchema = z.object({
  /** 0 picks a free port. */
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.preprocess(emptyToUndefined, z.string().min(1).default('0.0.0.0')),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
  ),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./.data')),
  SESSION_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Days after fulfilment when an order the buyer neither confirmed nor disputed is confirmed. */
  ORDER_AUTO_CONFIRM_DAYS: z.coerce.number().int().min(1).max(365).default(orderAutoConfirmDaysDefault),
  /** Where notification e-mails go. Unset: each e-mail is written as an .eml file to MAIL_OUTBOX_DIR. */
  SMTP_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
  ),
  /** Sender of notification e-mails, an address or "Name <address>". */
  MAIL_FROM: z.preprocess(emptyToUndefined, z.string().min(3).max(200).default('Allmende <no-reply@localhost>')),
  /** Folder for .eml files when SMTP_URL is unset; defaults to DATA_DIR/outbox. */
  MAIL_OUTBOX_DIR: z.preprocess(emptyToUndefined, z.string().optional()),
  /** The web app's address as members reach it, for links in e-mails. Defaults to http://localhost:PORT. */
  PUBLIC_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^https?:\/\/[^/]+(\/.*)?$/, 'must be an http:// or https:// URL')
      .optional(),
  ),
  /** Where uploaded images are kept after processing; defaults to DATA_DIR/media. */
  MEDIA_DIR: z.preprocess(emptyToUndefined, z.string().optional()),
  /** Where the accountants' ledger exports are written; defaults to DATA_DIR/exports. */
  EXPORTS_DIR: z.preprocess(emptyToUndefined, z.string().optional()),
  /** How long a member's data export can be downloaded, in hours. */
  MY_DATA_EXPORT_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(myDataExportTtlHoursDefault),
  /** Days a notification is kept; older ones are deleted by the data-retention job. */
  NOTIFICATION_RETENTION_DAYS: z.coerce.number().int().min(7).max(3650).default(180),
  /** Days an e-mail written to MAIL_OUTBOX_DIR is kept (embedded mode without SMTP). */
  MAIL_OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Largest accepted image upload in bytes (8 MB by default). */
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(10_000).max(100_000_000).default(uploadBytesMaxDefault),
  /** Largest accepted image in pixels (width times height), against decompression bombs. */
  UPLOAD_MAX_PIXELS: z.coerce.number().int().min(10_000).max(500_000_000).default(uploadPixelsMaxDefault),
  /** How long marketplace listings are served from memory; 0 turns the cache off. */
  OFFER_LIST_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
  /** Most lexical tokens (names, punctuation, values) in one GraphQL document. */
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).max(100_000).default(queryLimitsDefault.tokensMax),
  /** Deepest nesting of fields in one operation. */
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(queryLimitsDefault.depthMax),
  /** Most aliases in one operation (`__typename` aliases are free). */
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).max(1_000).default(queryLimitsDefault.aliasesMax),
  /** Highest cost of one operation: fields weighted by depth and multiplied by literal `first`/`last`. */
  GRAPHQL_MAX_COST: z.coerce.number().int().min(100).max(100_000_000).default(queryLimitsDefault.costMax),
  /** Most directives in one operation. */
  GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().min(0).max(1_000).default(queryLimitsDefault.directivesMax),
  /** Set when a TLS-terminating proxy sits in front: cookies become Secure. */
  TRUST_PROXY: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('false')).transform((v) => v === 'true'),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(logLevels).default('info')),
  /** Where the built web app is served from. */
  WEB_DIST_DIR: z.preprocess(emptyToUndefined, z.string().default('web/dist')),
  /** Seed the demo cooperative on first start when the database is empty. */
  SEED_DEMO: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).optional()),
  /** Run job workers inside the API process (always true without REDIS_URL). */
  RUN_WORKERS_IN_PROCESS: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).optional()),
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
});

export type Environment = z.infer<typeof environmentSchema>;

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  redisUrl: string | undefined;
  dataDir: string;
  sessionSecret: string;
  sessionTtlDays: number;
  orderAutoConfirmDays: number;
  mail: MailConfig;
  /** Folder of processed images, served read-only at /media/. */
  mediaDir: string;
  /** Folder of ledger exports, downloaded by accountants only (api/src/audit/exports-download.ts). */
  exportsDir: string;
  /** Members' data exports: where the files are and how long each can be downloaded. */
  myDataExport: MyDataExportConfig;
  /** How long notifications and outbox e-mails are kept before the data-retention job deletes them. */
  notificationRetentionDays: number;
  mailOutboxRetentionDays: number;
  uploadBytesMax: number;
  uploadPixelsMax: number;
  offerListCacheSeconds: number;
  queryLimits: QueryLimitsConfig;
  trustProxy: boolean;
  logLevel: Environment['LOG_LEVEL'];
  webDistDir: string;
  seedDemo: boolean;
  runWorkersInProcess: boolean;
  nodeEnv: Environment['NODE_ENV'];
  /** Embedded mode: PGlite under DATA_DIR, no separate services. */
  embedded: boolean;
}

/** What a GraphQL document may contain at most; larger ones are refused before they execute. */
export interface QueryLimitsConfig {
  tokensMax: number;
  depthMax: number;
  aliasesMax: number;
  costMax: number;
  directivesMax: number;
}

export interface MyDataExportConfig {
  /** Every API and worker process must see the same folder (the worker writes, the API serves). */
  directory: string;
  ttlHours: number;
}

export interface MailConfig {
  /** SMTP server URL; undefined writes e-mails to outboxDir instead. */
  smtpUrl: string | undefined;
  from: string;
  outboxDir: string;
  /** Base of links in e-mails, without a trailing slash. */
  publicUrl: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses and validates an environment. Throws ConfigError naming every invalid variable. */
export function parseConfig(environment: NodeJS.ProcessEnv, root = process.cwd()): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const env = parsed.data;
  const dataDir = path.resolve(root, env.DATA_DIR);
  const embedded = env.DATABASE_URL === undefined;
  const exportsDir = env.EXPORTS_DIR === undefined ? path.join(dataDir, 'exports') : path.resolve(root, env.EXPORTS_DIR);
  return {
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    redisUrl: env.REDIS_URL,
    dataDir,
    sessionSecret: env.SESSION_SECRET ?? readOrCreateSecret(dataDir),
    sessionTtlDays: env.SESSION_TTL_DAYS,
    orderAutoConfirmDays: env.ORDER_AUTO_CONFIRM_DAYS,
    mail: {
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
      outboxDir: env.MAIL_OUTBOX_DIR ? path.resolve(root, env.MAIL_OUTBOX_DIR) : path.join(dataDir, 'outbox'),
      publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    },
    mediaDir: env.MEDIA_DIR === undefined ? path.join(dataDir, 'media') : path.resolve(root, env.MEDIA_DIR),
    exportsDir,
    myDataExport: {
      directory: path.join(exportsDir, 'members'),
      ttlHours: env.MY_DATA_EXPORT_TTL_HOURS,
    },
    notificationRetentionDays: env.NOTIFICATION_RETENTION_DAYS,
    mailOutboxRetentionDays: env.MAIL_OUTBOX_RETENTION_DAYS,
    uploadBytesMax: env.UPLOAD_MAX_BYTES,
    uploadPixelsMax: env.UPLOAD_MAX_PIXELS,
    offerListCacheSeconds: env.OFFER_LIST_CACHE_SECONDS,
    queryLimits: {
      tokensMax: env.GRAPHQL_MAX_TOKENS,
      depthMax: env.GRAPHQL_MAX_DEPTH,
      aliasesMax: env.GRAPHQL_MAX_ALIASES,
      costMax: env.GRAPHQL_MAX_COST,
      directivesMax: env.GRAPHQL_MAX_DIRECTIVES,
    },
    trustProxy: env.TRUST_PROXY,
    logLevel: env.LOG_LEVEL,
    webDistDir: path.resolve(root, env.WEB_DIST_DIR),
    seedDemo: env.SEED_DEMO === undefined ? embedded : env.SEED_DEMO === 'true',
    runWorkersInProcess: env.REDIS_URL === undefined || env.RUN_WORKERS_IN_PROCESS === 'true',
    nodeEnv: env.NODE_ENV,
    embedded,
  };
}

/** In embedded mode the session secret is generated once and kept in DATA_DIR. */
function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** Reads the process environment; on invalid values prints them and exits. */
export function loadConfig(): Config {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
