// Sharing the surplus in the browser: Lena buys from Martin and confirms, so the contribution fills the
// fund; the orders are moved into a month that ended before the last one (which the scheduled run has
// already distributed) and a surplus rule is in force for it, as a vote would have left it; the board
// sees the dry run of that month with Lena's share and the check that the shares add up, runs it with a
// confirmation and watches it being booked; Lena sees the share in her wallet and how it was computed.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openPGlite, pgliteDataDirFor } from '../../../api/src/db/client';
import { graphqlInPage, type Language, launchBrowser, logIn, type RunningApp, screenshot, startApp } from './support';

const lena = 'lena@demo.allmende.coop';
const martin = 'martin@demo.allmende.coop';
const board = 'jonas@demo.allmende.coop';

jest.setTimeout(300_000);

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'allmende-e2e-surplus-'));
let app: RunningApp | undefined;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];

/** The month before the last ended one ("2026-10" on 7 December 2026), its middle, and a day in the month before it. */
function monthsBack(): { period: string; closedAt: string; ruleEnactedAt: string } {
  const now = new Date();
  const start = (monthsAgo: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 1));
  const target = start(2);
  const period = `${target.getUTCFullYear()}-${String(target.getUTCMonth() + 1).padStart(2, '0')}`;
  return { period, closedAt: new Date(target.getTime() + 14 * 86_400_000).toISOString(), ruleEnactedAt: start(3).toISOString() };
}

beforeAll(async () => {
  app = await startApp({ dataDir });
  browser = await launchBrowser();
});

afterAll(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  await browser?.close();
  await app?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function openPage({ language = 'de', width = 1280, email }: { language?: Language; width?: number; email: string }): Promise<Page> {
  if (!app || !browser) throw new Error('The app is not running');
  const context = await browser.newContext({ baseURL: app.url, locale: language === 'de' ? 'de-DE' : 'en-GB', timezoneId: 'Europe/Berlin', viewport: { width, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await logIn(page, email, undefined, language);
  return page;
}

/** An order of a new offer of Martin's, bought by Lena, accepted, fulfilled and confirmed through the API. */
async function confirmedOrder(lenaPage: Page, martinPage: Page, title: string, price: string): Promise<void> {
  const created = await graphqlInPage(
    martinPage,
    `mutation($input: OfferInput!) { createOffer(input: $input, publish: true) { ... on MutationCreateOfferSuccess { data { id } } } }`,
    { input: { title, description: 'Für die Verteilung des Überschusses.', categoryCode: 'food.dairy', kind: 'good', price, unit: 'Stück', stock: 5 } },
  );
  const offerId = created.createOffer.data.id as string;
  await graphqlInPage(lenaPage, `mutation($input: CartItemInput!) { addToCart(input: $input) { __typename } }`, { input: { offerId, quantity: 1 } });
  const checkedOut = await graphqlInPage(
    lenaPage,
    `mutation($input: CheckoutInput!) { checkout(input: $input) { __typename ... on MutationCheckoutSuccess { data { orders { id } } } } }`,
    { input: { idempotencyKey: `surplus-e2e-${price.replace('.', '-')}`, expectedPrices: [{ offerId, price }] } },
  );
  expect(checkedOut.checkout.__typename).toBe('MutationCheckoutSuccess');
  const id = checkedOut.checkout.data.orders[0].id as string;
  for (const [page, mutation] of [[martinPage, 'acceptOrder'], [martinPage, 'fulfilOrder'], [lenaPage, 'confirmOrder']] as const) {
    const moved = await graphqlInPage(page, `mutation($id: ID!) { ${mutation}(id: $id) { __typename } }`, { id });
    expect(moved[mutation].__typename).toMatch(/Success$/);
  }
}

it('the board runs a dry run and the distribution, and a member sees the share', async () => {
  const { period, closedAt, ruleEnactedAt } = monthsBack();
  const buyerPage = await openPage({ email: lena });
  const martinPage = await openPage({ email: martin });
  await confirmedOrder(buyerPage, martinPage, 'Bergkäse am Stück', '12.00');
  await confirmedOrder(buyerPage, martinPage, 'Frischmilch im Glas', '8.00');

  // The orders closed in the target month, under a rule the members voted before it.
  await app!.stop({ keepData: true });
  const database = await openPGlite({ dataDir: pgliteDataDirFor(dataDir) });
  try {
    await database.query(`UPDATE "Order" SET "closedAt" = $1::timestamptz WHERE status = 'confirmed'`, [closedAt]);
    const rule = { period: 'monthly', reserve: { kind: 'amount', amount: '0' }, mix: { purchases: 50, sales: 30, equal: 20, accounts: [] } };
    await database.query(
      `INSERT INTO "PolicyVersion" ("id", "kind", "version", "payload", "enactedAt", "appliedAt")
       SELECT gen_random_uuid(), 'surplus', max(version) + 1, $1::jsonb, $2::timestamptz, $2::timestamptz FROM "PolicyVersion" WHERE kind = 'surplus'`,
      [JSON.stringify(rule), ruleEnactedAt],
    );
  } finally {
    await database.close();
  }
  app = await startApp({ dataDir });

  // The board's dry run of the month: Lena's share, the totals and the check.
  const boardPage = await openPage({ email: board });
  await boardPage.goto('/board/surplus');
  await boardPage.getByTestId('surplus-period').fill(period);
  await boardPage.getByRole('button', { name: 'Probeberechnung zeigen' }).click();
  await boardPage.getByTestId('surplus-check').filter({ hasText: 'genau' }).waitFor();
  const rows = boardPage.getByTestId('surplus-shares').locator('tbody tr');
  await rows.filter({ hasText: 'Hof Sonnenwiese' }).waitFor();
  // The search narrows the table to Lena.
  await boardPage.getByTestId('surplus-search').fill('Lena');
  await rows.filter({ hasText: 'Hof Sonnenwiese' }).waitFor({ state: 'detached' });
  const lenaRow = rows.filter({ hasText: 'Lena Fischer' });
  await lenaRow.waitFor();
  expect(await rows.count()).toBe(1);
  const lenaShare = (await lenaRow.locator('td').last().innerText()).trim();
  await boardPage.getByTestId('surplus-search').fill('');
  await rows.filter({ hasText: 'Hof Sonnenwiese' }).waitFor();
  await screenshot(boardPage, 'surplus-1-dry-run');
  await boardPage.setViewportSize({ width: 390, height: 900 });
  await screenshot(boardPage, 'surplus-1-dry-run-390');
  await boardPage.setViewportSize({ width: 1280, height: 900 });

  // The run, confirmed, booked while the board watches.
  await boardPage.getByTestId('surplus-run').click();
  await boardPage.getByTestId('confirm-dialog-submit').click();
  await boardPage.getByTestId('surplus-progress').filter({ hasText: 'Gebucht' }).waitFor({ timeout: 60_000 });
  await boardPage.getByTestId(`surplus-run-${period}`).waitFor();
  await screenshot(boardPage, 'surplus-2-booked');

  // Lena sees the share received, and in her statement the link to how it was computed (on the
  // restarted server, so in a new page).
  const lenaPage = await openPage({ email: lena, width: 390 });
  await lenaPage.goto('/wallet');
  const received = lenaPage.getByTestId('surplus-received').filter({ hasText: period });
  await received.waitFor();
  expect(await received.innerText()).toContain(lenaShare);
  await lenaPage.getByTestId('statement-surplus').first().waitFor();
  await screenshot(lenaPage, 'surplus-3-wallet-390');
  await received.getByRole('link').click();
  await lenaPage.getByTestId('surplus-explanation').waitFor();
  expect(await lenaPage.getByTestId('surplus-share-total').innerText()).toContain(lenaShare);
  expect(await lenaPage.getByTestId('surplus-line-purchases').innerText()).toContain('20,00');
  await screenshot(lenaPage, 'surplus-4-explanation-390');

  // The transparency page lists the distribution with its totals, for everyone.
  await lenaPage.goto('/transparency');
  await lenaPage.getByTestId(`surplus-run-${period}`).waitFor();
  await screenshot(lenaPage, 'surplus-5-transparency-390');
  await lenaPage.setViewportSize({ width: 1280, height: 900 });
  await lenaPage.goto('/wallet');
  await lenaPage.getByTestId('surplus-received').first().waitFor();
  await screenshot(lenaPage, 'surplus-6-wallet');
});

it('a member drafts a surplus rule in the proposal form, the parts adding up to 100 %', async () => {
  const page = await openPage({ email: lena, width: 390 });
  await page.goto('/proposals/new');
  const form = page.getByTestId('proposal-form');
  await form.locator('#proposal-kind').selectOption('surplus');
  await form.getByLabel('Titel').fill('Überschuss zurückgeben');
  await form.getByLabel('Begründung').fill('Wer bei uns einkauft und verkauft, soll etwas vom Überschuss zurückbekommen.');
  // The rule in force (the one of the first test) fills the form: no reserve, half by purchases.
  expect(await form.locator('#proposal-surplusReserve').inputValue()).toBe('0');
  expect(await form.locator('#proposal-surplusMix').inputValue()).toBe('50');
  await form.getByLabel('Anteil des Fonds (%)').check();
  await form.locator('#proposal-surplusReserve').fill('20');
  await form.locator('#proposal-surplusMix').fill('60');
  await form.locator('#proposal-surplus-sales').fill('10');
  await form.locator('#proposal-surplus-equal').fill('30');
  await form.getByRole('button', { name: 'Konto hinzufügen' }).click();
  await form.locator('#proposal-surplusAccounts').fill('solidaritaet');
  await form.locator('#proposal-surplus-account-0-name').fill('Solidaritätsfonds');
  await form.locator('#proposal-surplus-account-0-percent').fill('10');
  await form.getByTestId('surplus-sum').getByText('Zusammen: 110 %').waitFor();
  await form.getByTestId('save-proposal').click();
  await form.getByText('Die Anteile müssen ganze Zahlen von 0 bis 100 sein und zusammen 100 % ergeben.').waitFor();
  await form.locator('#proposal-surplus-equal').fill('20');
  await form.getByTestId('surplus-sum').getByText('Zusammen: 100 %').waitFor();
  await screenshot(page, 'surplus-7-proposal-form-390');
  await form.getByTestId('save-proposal').click();
  await page.getByRole('heading', { level: 1, name: 'Überschuss zurückgeben' }).waitFor();
  // The comparison in words, line by line.
  await page.getByText('Nach Einkäufen').first().waitFor();
  await page.getByText('An „Solidaritätsfonds“').first().waitFor();
  await screenshot(page, 'surplus-8-proposal-390');
});
