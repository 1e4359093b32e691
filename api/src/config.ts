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
  /** How long marketplace listings are served from memory; 0 turns the cache off. */
  OFFER_LIST_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
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
  offerListCacheSeconds: number;
  trustProxy: boolean;
  logLevel: Environment['LOG_LEVEL'];
  webDistDir: string;
  seedDemo: boolean;
  runWorkersInProcess: boolean;
  nodeEnv: Environment['NODE_ENV'];
  /** Embedded mode: PGlite under DATA_DIR, no separate services. */
  embedded: boolean;
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
    offerListCacheSeconds: env.OFFER_LIST_CACHE_SECONDS,
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
