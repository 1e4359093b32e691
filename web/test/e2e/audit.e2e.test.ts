// The accountants' workspace in the browser: the demo's outside auditor finds an order's transfers in
// the journal and opens one, checks the trial balance, opens the holds list and a statement, reads
// the monthly figures, and can reach nothing a member does. Every page at 1280 and 390 px.
import type { Page } from 'playwright-core';
import { graphqlInPage, screenshot, useAppInBrowser } from './support';

const lena = { email: 'lena@demo.allmende.coop' };
const martin = { email: 'martin@demo.allmende.coop' };
const sabine = { email: 'sabine@demo.allmende.coop' };

const { newPage } = useAppInBrowser();

/** Lena orders a new offer of Martin's through the API; returns the order's global id and number. */
async function order(buyerPage: Page, producerPage: Page, title: string, price: string): Promise<{ id: string; number: number }> {
  const created = await graphqlInPage(
    producerPage,
    `mutation($input: OfferInput!) { createOffer(input: $input, publish: true) { ... on MutationCreateOfferSuccess { data { id } } } }`,
    { input: { title, description: 'Für die Prüfung.', categoryCode: 'food.dairy', kind: 'good', price, unit: 'Stück', stock: 5 } },
  );
  const offerId = created.createOffer.data.id as string;
  await graphqlInPage(buyerPage, `mutation($input: CartItemInput!) { addToCart(input: $input) { __typename } }`, { input: { offerId, quantity: 1 } });
  const checkedOut = await graphqlInPage(
    buyerPage,
    `mutation($input: CheckoutInput!) { checkout(input: $input) { __typename ... on MutationCheckoutSuccess { data { orders { id number } } } } }`,
    { input: { idempotencyKey: `audit-e2e-${price.replace('.', '-')}`, expectedPrices: [{ offerId, price }] } },
  );
  expect(checkedOut.checkout.__typename).toBe('MutationCheckoutSuccess');
  return checkedOut.checkout.data.orders[0] as { id: string; number: number };
}

async function move(page: Page, mutation: string, id: string): Promise<void> {
  const result = await graphqlInPage(page, `mutation($id: ID!) { ${mutation}(id: $id) { __typename } }`, { id });
  expect(result[mutation].__typename).toMatch(/Success$/);
}

/** Fails when the page is wider than the window (something forces sideways scrolling). */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('the accountants’ workspace', () => {
  it('finds an order’s transfers, checks the trial balance and the holds, and changes nothing', async () => {
    const buyerPage = await newPage({ width: 1280, email: lena.email });
    const producerPage = await newPage({ width: 1280, email: martin.email });
    const settled = await order(buyerPage, producerPage, 'Ziegenfrischkäse für die Prüfung', '18.40');
    await move(producerPage, 'acceptOrder', settled.id);
    await move(producerPage, 'fulfilOrder', settled.id);
    await move(buyerPage, 'confirmOrder', settled.id);
    const open = await order(buyerPage, producerPage, 'Heumilchkäse für die Prüfung', '9.10');

    const page = await newPage({ width: 1280, email: sabine.email });
    // An outside auditor: the audit link, and no cart, wallet or votes.
    expect(await page.getByTestId('nav-cart').count()).toBe(0);
    expect(await page.getByTestId('nav-wallet').count()).toBe(0);
    expect(await page.getByTestId('nav-proposals').count()).toBe(0);
    await page.getByTestId('nav-audit').click();
    await page.waitForURL(/\/audit$/);
    await page.getByTestId('trial-balance').waitFor();
    expect(await page.getByTestId('trial-balance-status').textContent()).toContain('Soll und Haben stimmen überein.');
    expect(await page.getByTestId('membership-banner').count()).toBe(0);
    await screenshot(page, 'audit-overview');

    // The journal, filtered by the order's number: hold, post, payout and contribution.
    await page.getByTestId('audit-nav-journal').click();
    await page.waitForURL(/\/audit\/journal/);
    await page.getByLabel('Bestellnummer').fill(String(settled.number));
    await page.getByTestId('journal-apply').click();
    await page.waitForURL(new RegExp(`order=${settled.number}`));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="journal-entry"]').length === 4);
    const entries = page.getByTestId('journal-entry');
    expect(await entries.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Verkauf'), expect.stringContaining('Beitrag zum Fonds'), expect.stringContaining('Reservierung')]),
    );
    expect((await entries.allTextContents()).every((text) => text.includes('Lena Fischer') || text.includes('Treuhand'))).toBe(true);
    await screenshot(page, 'audit-journal');

    // A line opens the transfer with both sides, the order and its hash-chain block.
    await entries.filter({ hasText: 'Einlösung' }).getByTestId('journal-open').click();
    await page.waitForURL(/\/audit\/journal\/[0-9a-f-]{36}$/);
    await page.getByTestId('transfer-detail').waitFor();
    expect(await page.getByTestId('transfer-order').textContent()).toContain(`Bestellung ${settled.number}`);
    expect(await page.getByTestId('transfer-amount').textContent()).toContain('18,40');
    await page.getByTestId('transfer-block').waitFor();
    expect(await page.getByTestId('transfer-related').textContent()).toContain('Lena Fischer');
    await screenshot(page, 'audit-transfer');

    // The open holds: the open order, reconciled with escrow.
    await page.getByTestId('audit-nav-holds').click();
    await page.waitForURL(/\/audit\/holds$/);
    await page.getByTestId('holds').waitFor();
    expect(await page.getByTestId('holds').textContent()).toContain(`Bestellung ${open.number}`);
    expect(await page.getByTestId('holds-reconciled').textContent()).toContain('Abgestimmt');
    await screenshot(page, 'audit-holds');

    // The accounts and the escrow account's statement.
    await page.getByTestId('audit-nav-accounts').click();
    await page.waitForURL(/\/audit\/accounts$/);
    await page.getByTestId('audit-accounts').getByRole('link', { name: 'Treuhand' }).click();
    await page.waitForURL(/\/audit\/accounts\/[0-9a-f-]{36}$/);
    await page.getByTestId('statement').waitFor();
    expect(await page.getByTestId('statement-closing').textContent()).toBe('0,00');
    await screenshot(page, 'audit-statement');

    await page.getByTestId('audit-nav-summary').click();
    await page.waitForURL(/\/audit\/summary$/);
    await page.getByTestId('summary-trade-volume').waitFor();
    await page.getByTestId('summary-movements').waitFor();
    await screenshot(page, 'audit-summary');

    // Nothing a member does: the wallet refuses, and a payment through the API is refused.
    const refused = await page.request.post('/graphql', {
      headers: { 'content-type': 'application/json', 'x-allmende-csrf': '1' },
      data: { query: 'mutation { addToCart(input: { offerId: "x", quantity: 1 }) { __typename } }' },
    });
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('FORBIDDEN');
  });

  it('fits a phone', async () => {
    const page = await newPage({ width: 390, email: sabine.email });
    for (const [path, testId, name] of [
      ['/audit', 'trial-balance', 'audit-overview-phone'],
      ['/audit/journal', 'journal', 'audit-journal-phone'],
      ['/audit/holds', 'holds-totals', 'audit-holds-phone'],
      ['/audit/accounts', 'audit-accounts', 'audit-accounts-phone'],
      ['/audit/summary', 'summary-trade-volume', 'audit-summary-phone'],
    ] as const) {
      await page.goto(path);
      await page.getByTestId(testId).waitFor();
      await expectNoSidewaysScroll(page);
      await screenshot(page, name);
    }
    await page.goto('/audit/journal');
    await page.getByTestId('journal-open').first().click();
    await page.getByTestId('transfer-detail').waitFor();
    await expectNoSidewaysScroll(page);
    await screenshot(page, 'audit-transfer-phone');
  });
});
