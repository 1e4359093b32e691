import type { Page } from 'playwright-core';
import { graphqlInPage, logIn, screenshot, useAppInBrowser } from './support';

const lena = { email: 'lena@demo.allmende.coop', displayName: 'Lena Fischer' };
const martin = { email: 'martin@demo.allmende.coop' };
const sabine = { email: 'sabine@demo.allmende.coop', displayName: 'Sabine Krüger' };

const { newPage } = useAppInBrowser();

/** An order of one unit of a new offer of Martin's, checked out by Lena through the API; its row id. */
async function orderFromMartin(buyerPage: Page, producerPage: Page, title: string, price: string): Promise<string> {
  const created = await graphqlInPage(
    producerPage,
    `mutation($input: OfferInput!) { createOffer(input: $input, publish: true) { ... on MutationCreateOfferSuccess { data { id } } } }`,
    { input: { title, description: 'Für den Kontoauszug.', categoryCode: 'food.dairy', kind: 'good', price, unit: 'Stück', stock: 5 } },
  );
  const offerId = created.createOffer.data.id as string;
  await graphqlInPage(buyerPage, `mutation($input: CartItemInput!) { addToCart(input: $input) { __typename } }`, { input: { offerId, quantity: 1 } });
  const checkedOut = await graphqlInPage(
    buyerPage,
    `mutation($input: CheckoutInput!) { checkout(input: $input) { __typename ... on MutationCheckoutSuccess { data { orders { id } } } } }`,
    { input: { idempotencyKey: `wallet-e2e-${price.replace(".", "-")}`, expectedPrices: [{ offerId, price }] } },
  );
  expect(checkedOut.checkout.__typename).toBe('MutationCheckoutSuccess');
  const globalId = checkedOut.checkout.data.orders[0].id as string;
  return Buffer.from(globalId, 'base64').toString('utf8').replace(/^Order:/, '');
}

async function move(page: Page, mutation: string, orderRowId: string): Promise<void> {
  const result = await graphqlInPage(page, `mutation($id: ID!) { ${mutation}(id: $id) { __typename } }`, { id: Buffer.from(`Order:${orderRowId}`).toString('base64') });
  expect(result[mutation].__typename).toMatch(/Success$/);
}

/** The statement's entries of one order, by the link to its page. */
function entriesOfOrder(page: Page, orderRowId: string) {
  return page.getByTestId('statement-entry').filter({ has: page.locator(`a[href="/orders/${orderRowId}"]`) });
}
let page: Page;

// Every test gets its own browser context: no cookies, storage or language choice carry over.
beforeEach(async () => {
  page = await newPage();
});

function logInAs(email: string): Promise<void> {
  return logIn(page, email);
}

/** "-12,50 Taler" → cents as a bigint, so the test compares amounts without floats. */
function cents(text: string): bigint {
  const match = /(-?)([\d.]+),(\d{2})/.exec(text.replace(/\u2212/g, '-'));
  if (!match) throw new Error(`No amount in "${text}"`);
  const [, sign, integer = '0', fraction = '00'] = match;
  const value = BigInt(integer.replace(/\./g, '')) * 100n + BigInt(fraction);
  return sign === '-' ? -value : value;
}

/** Cents as the German amount text the page shows, e.g. -1250n → "-12,50" (below 1,000 only). */
function germanAmount(value: bigint): string {
  const absolute = value < 0n ? -value : value;
  return `${value < 0n ? '-' : ''}${absolute / 100n},${(absolute % 100n).toString().padStart(2, '0')}`;
}

describe('the wallet in the browser', () => {
  it('sends taler to another member, shows the new balance and the entry, and refuses too much', async () => {
    await logInAs(lena.email);
    await page.getByTestId('nav-wallet').click();
    await page.waitForURL(/\/wallet$/);
    await page.getByRole('heading', { level: 1, name: 'Geldbörse' }).waitFor();
    await page.getByTestId('statement-entry').first().waitFor();
    await page.getByRole('img', { name: /Kontostand der letzten 60 Tage/ }).waitFor();
    // The chart's figures as a table too.
    const chart = page.getByTestId('balance-chart');
    await chart.locator('summary').click();
    expect(await chart.locator('table caption').textContent()).toContain('Kontostand der letzten 60 Tage');
    expect(await chart.locator('tbody tr').count()).toBeGreaterThan(1);
    expect(await page.getByTestId('wallet-credit-limit').textContent()).toContain('100,00');
    const balanceBefore = cents((await page.getByTestId('wallet-balance').textContent()) ?? '');
    const availableBefore = cents((await page.getByTestId('wallet-available').textContent()) ?? '');
    expect(availableBefore).toBeGreaterThan(500n);
    await screenshot(page, 'wallet');

    // Pick the recipient from the combobox with the keyboard.
    const recipient = page.getByRole('combobox', { name: 'Empfänger' });
    await recipient.fill('Bäck');
    await page.getByRole('option', { name: /Bäckerei Korn/ }).waitFor();
    await recipient.press('ArrowDown');
    await recipient.press('ArrowUp');
    await recipient.press('Enter');
    expect(await recipient.inputValue()).toBe('Bäckerei Korn (Aylin Demir)');
    await page.getByLabel('Betrag (Taler)').fill('3,75');
    await page.getByLabel('Verwendungszweck (optional)').fill('Zwei Zimtschnecken und ein Kaffee');
    await screenshot(page, 'wallet-send-filled');
    await page.getByTestId('send-submit').click();

    const success = page.getByTestId('send-success');
    await success.waitFor();
    expect(await success.textContent()).toContain('3,75 Taler an Bäckerei Korn (Aylin Demir) gesendet');
    const expectedBalance = balanceBefore - 375n;
    await page.waitForFunction(
      (expected) => document.querySelector('[data-testid="wallet-balance"]')?.textContent?.includes(expected),
      germanAmount(expectedBalance),
    );
    const firstEntry = page.getByTestId('statement-entry').first();
    await firstEntry.getByText('Zwei Zimtschnecken und ein Kaffee').waitFor();
    expect(await firstEntry.textContent()).toContain('Bäckerei Korn (Aylin Demir)');
    expect(await firstEntry.textContent()).toMatch(/-3,75/);
    await screenshot(page, 'wallet-sent');

    // More than is available: a clear message with what can be sent.
    const available = cents((await page.getByTestId('wallet-available').textContent()) ?? '');
    expect(available).toBe(availableBefore - 375n);
    await recipient.fill('Bäck');
    await page.getByRole('option', { name: /Bäckerei Korn/ }).click();
    await page.getByLabel('Betrag (Taler)').fill('5000');
    await page.getByTestId('send-submit').click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Dafür reicht dein Kreditrahmen nicht. Du kannst höchstens');
    expect(cents((await alert.textContent()) ?? '')).toBe(available);
    await screenshot(page, 'wallet-insufficient-credit');
    expect(cents((await page.getByTestId('wallet-balance').textContent()) ?? '')).toBe(expectedBalance);
  });

  it('pages through the statement and checks the form before sending', async () => {
    await logInAs(lena.email);
    await page.goto('/wallet');
    await page.getByTestId('statement-entry').first().waitFor();
    const before = await page.getByTestId('statement-entry').count();
    const loadMore = page.getByTestId('statement-load-more');
    if (await loadMore.isVisible()) {
      await loadMore.click();
      await page.waitForFunction((count) => document.querySelectorAll('[data-testid="statement-entry"]').length > count, before);
    }
    await page.getByTestId('send-submit').click();
    await page.getByText('Bitte wähle ein Mitglied aus der Liste.').waitFor();
    await page.getByText('Bitte gib einen Betrag wie 12,50 ein.').waitFor();
    await page.getByLabel('Betrag (Taler)').fill('1,234');
    await page.getByTestId('send-submit').click();
    await page.getByText('Höchstens zwei Nachkommastellen.').waitFor();
    await screenshot(page, 'wallet-form-errors');
  });

  it('speaks English too, including the credit error', async () => {
    await logInAs(lena.email);
    await page.goto('/wallet');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Wallet' }).waitFor();
    await page.getByTestId('statement-entry').first().waitFor();
    const recipient = page.getByRole('combobox', { name: 'Recipient' });
    await recipient.fill('Imker');
    await page.getByRole('option', { name: /Imkerei Summ/ }).click();
    await page.getByLabel('Amount (taler)').fill('1000.00');
    await page.getByTestId('send-submit').click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Your credit limit does not cover this\. You can send at most [\d,.]+ taler\./);
    await screenshot(page, 'wallet-english');
  });

  it('shows a reservation as pending, a settled order as one payment with its number, a cancelled one as released, and the producer the buyer', async () => {
    await logInAs(lena.email);
    const producerPage = await newPage({ email: martin.email });
    const settled = await orderFromMartin(page, producerPage, 'Kontoauszug-Käse', '4.20');
    const cancelled = await orderFromMartin(page, producerPage, 'Kontoauszug-Butter', '2.10');

    await page.goto('/wallet');
    const reserved = entriesOfOrder(page, settled);
    await reserved.waitFor();
    expect(await reserved.getAttribute('data-purpose')).toBe('ORDER_RESERVED');
    expect(await reserved.getByTestId('statement-state').textContent()).toContain('vorgemerkt');
    expect(await reserved.textContent()).toContain('Hof Sonnenwiese');
    expect(await reserved.textContent()).not.toContain('Treuhand');
    expect(await reserved.getByTestId('statement-order').textContent()).toMatch(/^Bestellung Nr\. \d+$/);
    await screenshot(page, 'wallet-statement-reserved');

    await move(producerPage, 'acceptOrder', settled);
    await move(producerPage, 'fulfilOrder', settled);
    await move(page, 'confirmOrder', settled);
    await move(page, 'cancelOrder', cancelled);
    await page.reload();
    await page.getByTestId('statement-entry').first().waitFor();
    const paid = entriesOfOrder(page, settled);
    expect(await paid.count()).toBe(1);
    expect(await paid.getAttribute('data-purpose')).toBe('ORDER_PAID');
    expect(cents((await paid.getByTestId('statement-amount').textContent()) ?? '')).toBe(-420n);
    const released = entriesOfOrder(page, cancelled);
    expect(await released.count()).toBe(1);
    expect(await released.getByTestId('statement-state').textContent()).toContain('freigegeben');
    expect(await released.getByTestId('statement-amount').textContent()).not.toMatch(/[-+−]/);
    await screenshot(page, 'wallet-statement-settled');

    // The order number leads to the order's page.
    await paid.getByTestId('statement-order').click();
    await page.waitForURL(new RegExp(`/orders/${settled}$`));

    // The producer's sales chart, with its table, drawn without breaking the page's policy.
    const refusedByPolicy: string[] = [];
    producerPage.on('console', (message) => {
      if (message.type() === 'error') refusedByPolicy.push(message.text());
    });
    await producerPage.goto('/dashboard');
    const salesChart = producerPage.getByTestId('sales-chart');
    await salesChart.getByRole('img', { name: /Erhaltene Taler je Woche/ }).waitFor();
    await salesChart.locator('summary').click();
    expect(await salesChart.locator('table caption').textContent()).toContain('Erhaltene Taler je Woche');
    expect(await salesChart.locator('tbody tr').count()).toBe(12);
    await screenshot(producerPage, 'dashboard-sales-chart');
    expect(refusedByPolicy).toEqual([]);

    await producerPage.goto('/wallet');
    const sale = entriesOfOrder(producerPage, settled);
    await sale.waitFor();
    expect(await sale.getAttribute('data-purpose')).toBe('ORDER_SALE');
    expect(await sale.textContent()).toContain(lena.displayName);
    expect(await sale.textContent()).toContain('Genossenschaftsbeitrag an den Gemeinschaftsfonds');
    await screenshot(producerPage, 'wallet-statement-sale');

    // The producer was told of the money with the amount and who paid.
    const paidOut = (await sale.getByTestId('statement-amount').textContent())!.trim().replace(/^\+/, '');
    await producerPage.goto('/notifications');
    await producerPage.getByText(`Lena Fischer hat dir ${paidOut} gezahlt.`).first().waitFor();
    await screenshot(producerPage, 'notifications-credits-received');
  });

  it('wraps a long note without a space and keeps amount and balance in view on a phone', async () => {
    page = await newPage({ width: 390, height: 844 });
    await logInAs(lena.email);
    const recipients = await graphqlInPage(page, `query { recipients(search: "Sonnenwiese") { id } }`);
    const note = 'x'.repeat(200);
    await graphqlInPage(page, `mutation($input: SendCreditsInput!) { sendCredits(input: $input) { __typename } }`, {
      input: { recipientId: recipients.recipients[0].id, amount: '0.01', memo: note, idempotencyKey: 'wallet-e2e-long-note' },
    });
    await page.goto('/wallet');
    const entry = page.getByTestId('statement-entry').filter({ hasText: note });
    await entry.waitFor();
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    const amountBox = await entry.getByTestId('statement-amount').boundingBox();
    expect(amountBox).not.toBeNull();
    expect(amountBox!.x + amountBox!.width).toBeLessThanOrEqual(390);
    await screenshot(page, 'wallet-long-note-phone');
  });

  it('shows accountants the trial balance and money supply, and members no audit link', async () => {
    await logInAs(lena.email);
    expect(await page.getByTestId('nav-audit').count()).toBe(0);
    await page.context().clearCookies();

    await logInAs(sabine.email);
    await page.getByTestId('nav-audit').click();
    await page.waitForURL(/\/audit$/);
    await page.getByTestId('trial-balance').waitFor();
    expect(await page.getByTestId('trial-balance-status').textContent()).toContain('Soll und Haben stimmen überein.');
    expect(await page.getByTestId('trial-balance').textContent()).toContain('Lena Fischer');
    expect(cents((await page.getByTestId('money-supply').textContent()) ?? '')).toBeGreaterThan(0n);
    await screenshot(page, 'audit');

    await page.getByLabel('Stichtag').fill('2020-01-01');
    await page.getByTestId('audit-show').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="trial-balance-debits"]')?.textContent?.trim() === '0,00');
  });
});
