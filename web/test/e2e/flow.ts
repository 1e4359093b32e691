// The harness of the browser flows that a vote decides: one app on a data folder of the test file's own,
// which the test stops and starts again, e.g. so that a vote's deadline passes while the server is
// down. With E2E_DATABASE_URL (an empty PostgreSQL database) and E2E_REDIS_URL a flow runs in services
// mode: PostgreSQL, BullMQ on Redis, the workers in the server process.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  type DatabaseQuery,
  type Language,
  launchBrowser,
  logIn,
  migrateServicesDatabase,
  onStoppedDatabase,
  type RunningApp,
  servicesFromEnvironment,
  startApp,
  switchLanguage,
} from './support';

export interface FlowInBrowser {
  /** The data folder, kept across restarts and deleted after the file's tests. */
  readonly dataDir: string;
  /** The running server, a new one after each restart. */
  readonly app: RunningApp;
  /** What scripts threw on the pages opened so far. */
  readonly pageErrors: string[];
  /**
   * A page in a fresh browser context on Berlin time, German and 1280 px wide unless told: logged in
   * when given an e-mail address, else on the home page in the language.
   */
  openPage(options?: { language?: Language; width?: number; email?: string }): Promise<Page>;
  /** Closes every page opened so far. */
  closeContexts(): Promise<void>;
  /** Closes the pages, stops the server, runs `work` on its database and starts it again on the same data. */
  whileStopped<T>(work: (query: DatabaseQuery) => Promise<T>): Promise<T>;
  /** Reloads a proposal's page until its vote has a result, e.g. once the sweep closed it after a restart. */
  waitForResult(page: Page, proposalPath: string, timeoutMs: number): Promise<void>;
}

/** Starts the app on a new data folder and a browser before the file's tests; ends both after them. */
export function useFlowInBrowser(name: string): FlowInBrowser {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `allmende-e2e-${name}-`));
  const services = servicesFromEnvironment();
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  const running = () => {
    if (!app || !browser) throw new Error('The app is not running');
    return { app, browser };
  };
  const closeContexts = async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  };

  beforeAll(async () => {
    if (services) migrateServicesDatabase(services);
    app = await startApp({ dataDir, services });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await closeContexts();
    await browser?.close();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    dataDir,
    get app() {
      return running().app;
    },
    pageErrors,
    async openPage({ language = 'de', width = 1280, email } = {}) {
      const context = await running().browser.newContext({
        baseURL: running().app.url,
        locale: language === 'de' ? 'de-DE' : 'en-GB',
        timezoneId: 'Europe/Berlin',
        viewport: { width, height: 900 },
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      if (email) await logIn(page, email, undefined, language);
      else if (language !== 'de') {
        await page.goto('/');
        await switchLanguage(page, language);
      }
      return page;
    },
    closeContexts,
    async whileStopped(work) {
      await closeContexts();
      await running().app.stop();
      const result = await onStoppedDatabase({ dataDir, services }, work);
      app = await startApp({ dataDir, services });
      return result;
    },
    async waitForResult(page, proposalPath, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      await page.goto(proposalPath);
      while ((await page.getByTestId('proposal-result').count()) === 0) {
        if (Date.now() > deadline) throw new Error(`The vote was not closed within ${timeoutMs} ms:\n${running().app.output()}`);
        await page.waitForTimeout(1_000);
        await page.reload();
        await page.getByRole('heading', { level: 1 }).waitFor();
      }
    },
  };
}

/** Moves an open vote's window back by its days, so that its deadline has passed while the server is down. */
export async function passVotingDeadline(query: DatabaseQuery, proposalRowId: string, days: number): Promise<void> {
  const moved = await query(
    `UPDATE "Proposal" SET "votingOpensAt" = "votingOpensAt" - make_interval(days => $2), "votingClosesAt" = "votingClosesAt" - make_interval(days => $2)
     WHERE "id" = $1 AND "status" = 'voting'`,
    [proposalRowId, days],
  );
  expect(moved.rowCount).toBe(1);
}
