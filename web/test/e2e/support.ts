// Starting the app as a user would and a browser to look at it, for end-to-end tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const repositoryRoot = path.resolve(__dirname, '../../..');
export const artifactsDir = path.join(repositoryRoot, 'test-artifacts', 'e2e');

const healthTimeoutMs = 200_000;
const stopTimeoutMs = 10_000;
/** Server output kept for the failure message; older output is dropped. */
const outputCharsMax = 20_000;

export interface RunningApp {
  url: string;
  /** The data folder: PGlite's files are in `pgliteDataDirFor(dataDir)`. */
  dataDir: string;
  output: () => string;
  /** Ends the server; its data folder is deleted unless kept or given to startApp by the caller. */
  stop: (options?: { keepData?: boolean }) => Promise<void>;
}

export interface StartAppOptions {
  /**
   * An existing data folder to start on, e.g. the one of a server stopped with `keepData`: the demo
   * is not seeded again. The caller owns it, so stopping never deletes it.
   */
  dataDir?: string;
  /**
   * Runs the server in services mode on this PostgreSQL database (migrated by the caller) and Redis,
   * with the job workers in the server process and the demo seeded into the empty database.
   */
  services?: { databaseUrl: string; redisUrl: string };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** Resolves once no process of the child's group is left (the stop timer kills what remains). */
async function groupEnded(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  for (;;) {
    try {
      process.kill(-child.pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    // The server runs in its own process group (npx, tsx and node): end all of them.
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

/**
 * Starts `npx tsx scripts/start.ts` on a free port with a fresh data folder (or the given one) and no
 * external services, so it runs in the embedded mode and seeds the demo cooperative on a fresh
 * folder, and waits for /healthz.
 */
export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  const port = await freePort();
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'allmende-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  if (options.services) {
    Object.assign(env, {
      DATABASE_URL: options.services.databaseUrl,
      REDIS_URL: options.services.redisUrl,
      RUN_WORKERS_IN_PROCESS: 'true',
      SEED_DEMO: 'true',
      SESSION_SECRET: 'e2e-services-secret-e2e-services-secret',
    });
  }

  const child = spawn('npx', ['tsx', 'scripts/start.ts'], {
    cwd: repositoryRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-outputCharsMax);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const stop = async ({ keepData = false }: { keepData?: boolean } = {}) => {
    signalGroup(child, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), stopTimeoutMs);
    await exited(child);
    // npx may end before the server it started has closed its database: the data folder is removed
    // once nothing of the group is left.
    await groupEnded(child);
    clearTimeout(timer);
    if (ownsDataDir && !keepData) rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + healthTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The server exited with code ${child.exitCode} before it was healthy:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return { url, dataDir, output: () => output, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`The server was not healthy after ${healthTimeoutMs} ms:\n${output}`);
}

export type ServicesDatabase = NonNullable<StartAppOptions['services']>;

/**
 * Services mode for a test file that supports it: E2E_DATABASE_URL (an empty PostgreSQL database) and
 * E2E_REDIS_URL, or undefined for the embedded mode.
 */
export function servicesFromEnvironment(): ServicesDatabase | undefined {
  const databaseUrl = process.env.E2E_DATABASE_URL;
  const redisUrl = process.env.E2E_REDIS_URL;
  return databaseUrl && redisUrl ? { databaseUrl, redisUrl } : undefined;
}

/** Applies the migrations to the services database before the first start, as `npm run db:migrate` does. */
export function migrateServicesDatabase(services: ServicesDatabase): void {
  const migrated = spawnSync('npx', ['tsx', 'scripts/migrate.ts'], { cwd: repositoryRoot, env: { ...process.env, DATABASE_URL: services.databaseUrl }, encoding: 'utf8' });
  if (migrated.status !== 0) throw new Error(`Migrating the services database failed:\n${migrated.stdout}${migrated.stderr}`);
}

/** Runs one SQL statement and answers the rows it returned and how many rows it changed. */
export type DatabaseQuery = (sql: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[]; rowCount: number }>;

/**
 * Runs SQL on the database of a stopped app, e.g. to let time pass: PostgreSQL in services mode, else
 * the PGlite files in its data folder (which only one process may open, hence stopped).
 */
export async function onStoppedDatabase<T>(target: { dataDir: string; services?: ServicesDatabase }, work: (query: DatabaseQuery) => Promise<T>): Promise<T> {
  // Loaded here, so that test files which never edit a database do not load the drivers.
  if (target.services) {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: target.services.databaseUrl });
    await client.connect();
    try {
      return await work(async (sql, values = []) => {
        const result = await client.query(sql, values);
        return { rows: result.rows as Record<string, unknown>[], rowCount: result.rowCount ?? 0 };
      });
    } finally {
      await client.end();
    }
  }
  const { openPGlite, pgliteDataDirFor } = await import('../../../api/src/db/client');
  const database = await openPGlite({ dataDir: pgliteDataDirFor(target.dataDir) });
  try {
    return await work(async (sql, values = []) => {
      const result = await database.query<Record<string, unknown>>(sql, values);
      return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
    });
  } finally {
    await database.close();
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface AppInBrowser {
  /**
   * A page in a fresh browser context: no cookies, storage or language choice carry over. Given an
   * e-mail address, the member is logged in through the login form in the language.
   */
  newPage(options?: { width?: number; height?: number; language?: Language; email?: string }): Promise<Page>;
  /** The running app's data folder, e.g. to read the e-mails in its outbox. */
  dataDir(): string;
}

/**
 * Starts the app and a browser for a test file. After each test its pages are closed, and the test
 * fails when a script on one of them threw.
 */
export function useAppInBrowser(): AppInBrowser {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  let pageErrors: string[] = [];

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  beforeEach(() => {
    pageErrors = [];
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    expect(pageErrors).toEqual([]);
  });

  return {
    dataDir() {
      if (!app) throw new Error('The app is not running');
      return app.dataDir;
    },
    async newPage({ width = 1200, height = 900, language = 'de', email } = {}) {
      if (!app || !browser) throw new Error('The app is not running');
      const locale = language === 'de' ? 'de-DE' : 'en-GB';
      const context = await browser.newContext({ baseURL: app.url, locale, viewport: { width, height } });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      if (email) await logIn(page, email, undefined, language);
      return page;
    },
  };
}

/** A GraphQL request with the page's session cookie, as the web app sends it. */
export async function graphqlInPage<Data = any>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const response = await page.request.post('/graphql', {
    headers: { 'content-type': 'application/json', 'x-allmende-csrf': '1' },
    data: { query, variables },
  });
  const body = (await response.json()) as { data: Data; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
}

/** Every demo member's password (see api/src/seed/demo-data.ts). */
export const demoPassword = 'allmende-demo-2026';

/** Labels of the login form in each interface language. */
const loginLabels = {
  de: { email: 'E-Mail-Adresse', password: 'Passwort', submit: 'Anmelden' },
  en: { email: 'E-mail address', password: 'Password', submit: 'Log in' },
} as const;

export type Language = keyof typeof loginLabels;

/** Switches the interface language with the header's language buttons; the choice is remembered. */
export async function switchLanguage(page: Page, language: Language): Promise<void> {
  const name = language === 'en' ? 'English' : 'Deutsch';
  // Already in that language (e.g. the browser's or the account's): clicking would only fold the menu.
  if ((await page.locator('html').getAttribute('lang')) === language) return;
  // On a narrow screen the language switcher is in the header's menu.
  const menu = page.getByTestId('menu-button');
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  await page.getByRole('button', { name, exact: true }).click();
  await page.locator(`html[lang="${language}"]`).waitFor();
}

/**
 * Logs in through the login form in the given interface language (German unless told) and waits
 * until the header has the member. For English it first switches the language in the header.
 */
export async function logIn(page: Page, email: string, password = demoPassword, language: Language = 'de'): Promise<void> {
  await page.goto('/login');
  if (language !== 'de') await switchLanguage(page, language);
  const labels = loginLabels[language];
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password).fill(password);
  await page.getByRole('button', { name: labels.submit }).click();
  // On a narrow screen the member's name is in the closed menu: present, not visible.
  await page.getByTestId('current-member').waitFor({ state: 'attached' });
}

/** An amount as the API writes it ("-12.5", "3.10") in cents. */
export function cents(amount: string): bigint {
  const [integer = '0', fraction = ''] = amount.replace('-', '').split('.');
  const value = BigInt(integer) * 100n + BigInt(fraction.padEnd(2, '0'));
  return amount.startsWith('-') ? -value : value;
}

/** The balance of the logged-in member's account, in cents. */
export async function accountBalance(page: Page): Promise<bigint> {
  const data = await graphqlInPage<{ myAccount: { balance: string } }>(page, '{ myAccount { balance } }');
  return cents(data.myAccount.balance);
}
