// The order page, where every notification and e-mail about an order leads: each party sees the
// moves open to them there, and every move of the escrowed credits asks first, naming the amount.
import type { Page } from 'playwright-core';
import { accountBalance as balance, demoPassword, graphqlInPage, type Language, screenshot, useAppInBrowser } from './support';

const buyer = { email: 'lena@demo.allmende.coop', name: 'Lena Fischer' };
const producer = { email: 'martin@demo.allmende.coop', name: 'Hof Sonnenwiese (Martin Hofmann)' };
const admin = { email: 'jonas@demo.allmende.coop' };

const { newPage } = useAppInBrowser();

async function openLoggedIn(email: string, language: Language = 'de', width = 1200): Promise<Page> {
  const page = await newPage({ language, width });
  await page.goto('/');
  const data = await graphqlInPage(page, 'mutation($input: LoginInput!) { login(input: $input) { __typename } }', {
    input: { email, password: demoPassword },
  });
  expect(data.login.__typename).toBe('MutationLoginSuccess');
  return page;
}

/** Decimal text to cents, so amounts compare without floats. */
/** Orders of 2 × 12.50 from the buyer at the producer, newest last, as order page paths. */
async function placeOrders(buyerPage: Page, producerPage: Page, count: number): Promise<string[]> {
  const created = await graphqlInPage(
    producerPage,
    `mutation($input: OfferInput!) { createOffer(input: $input, publish: true) { __typename ... on MutationCreateOfferSuccess { data { id } } } }`,
    { input: { title: 'Gemüsekiste klein', description: 'Saisonal.', categoryCode: 'food.vegetables', kind: 'good', price: '12.50', unit: 'Kiste', stock: 20 } },
  );
  const offerId = created.createOffer.data.id as string;
  const paths: string[] = [];
  for (let index = 0; index < count; index += 1) {
    await graphqlInPage(buyerPage, 'mutation($input: CartItemInput!) { addToCart(input: $input) { __typename } }', { input: { offerId, quantity: 2 } });
    const checkout = await graphqlInPage(
      buyerPage,
      `mutation($input: CheckoutInput!) { checkout(input: $input) { __typename ... on MutationCheckoutSuccess { data { orders { id } } } } }`,
      { input: { idempotencyKey: `order-page-${Date.now()}-${index}`, expectedPrices: [{ offerId, price: '12.50' }] } },
    );
    expect(checkout.checkout.__typename).toBe('MutationCheckoutSuccess');
    const id = checkout.checkout.data.orders[0].id as string;
    paths.push(`/orders/${Buffer.from(id, 'base64').toString().split(':')[1]}`);
  }
  return paths;
}

async function actionLabels(page: Page): Promise<string[]> {
  return (await page.locator('.order-actions button').allTextContents()).map((text) => text.trim());
}

async function status(page: Page, text: string): Promise<void> {
  await page.getByTestId('order-status').filter({ hasText: text }).waitFor();
}

describe('the order page', () => {
  it('lets the producer decline or accept and deliver, and the buyer confirm, each money move asking first', async () => {
    const buyerPage = await openLoggedIn(buyer.email);
    const producerPage = await openLoggedIn(producer.email, 'de', 390);
    const [declined, delivered] = await placeOrders(buyerPage, producerPage, 2);

    // The producer follows the notification of the newest order to its page.
    await producerPage.goto('/notifications');
    await producerPage.locator('li', { hasText: 'hat „Gemüsekiste klein“ bestellt (25,00 Taler)' }).first().getByRole('link').click();
    await producerPage.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    expect([declined, delivered]).toContain(new URL(producerPage.url()).pathname);
    await status(producerPage, 'Bestellt');
    expect(await actionLabels(producerPage)).toEqual(['Annehmen', 'Ablehnen']);
    expect(await producerPage.title()).toBe('Bestellung von Lena Fischer · Allmende Demo eG');

    // Declining returns the credits to the buyer: the dialog says how many and to whom.
    await producerPage.goto(declined!);
    await producerPage.getByRole('button', { name: 'Ablehnen' }).click();
    const dialog = producerPage.getByTestId('confirm-dialog');
    expect(await dialog.textContent()).toContain('25,00 Taler gehen aus der Treuhand an Lena Fischer zurück.');
    await screenshot(producerPage, 'order-page-decline-dialog-390');
    await dialog.getByRole('button', { name: 'Zurück' }).click();
    await dialog.waitFor({ state: 'detached' });
    await status(producerPage, 'Bestellt');
    await producerPage.getByRole('button', { name: 'Ablehnen' }).click();
    await dialog.getByRole('button', { name: 'Ja, ablehnen' }).click();
    await status(producerPage, 'Abgelehnt');
    expect(await actionLabels(producerPage)).toEqual([]);

    // Accepting and delivering move no credits: no question.
    await producerPage.goto(delivered!);
    await producerPage.getByRole('button', { name: 'Annehmen' }).click();
    await status(producerPage, 'Angenommen');
    await producerPage.getByRole('button', { name: 'Als geliefert markieren' }).click();
    await status(producerPage, 'Geliefert');
    expect(await actionLabels(producerPage)).toEqual([]);

    // The buyer sees only the buyer's moves, and pays on confirming.
    const before = await balance(buyerPage);
    await buyerPage.goto(delivered!);
    await status(buyerPage, 'Geliefert');
    expect(await actionLabels(buyerPage)).toEqual(['Erhalt bestätigen', 'Problem melden']);
    await buyerPage.getByRole('button', { name: 'Erhalt bestätigen' }).click();
    expect(await buyerPage.getByTestId('confirm-dialog').textContent()).toContain(`25,00 Taler gehen aus der Treuhand an ${producer.name}.`);
    await screenshot(buyerPage, 'order-page-confirm-dialog');
    await buyerPage.getByRole('button', { name: 'Ja, 25,00 Taler zahlen' }).click();
    await status(buyerPage, 'Abgeschlossen');
    await buyerPage.getByTestId('review-form').waitFor();
    expect(before - (await balance(buyerPage))).toBe(2500n);
    await screenshot(buyerPage, 'order-page-confirmed');
  });

  it('in English: the buyer cancels one order and reports a problem with another, which the board reads', async () => {
    const buyerPage = await openLoggedIn(buyer.email, 'en', 390);
    const producerPage = await openLoggedIn(producer.email, 'en');
    const [cancelled, disputed] = await placeOrders(buyerPage, producerPage, 2);

    await buyerPage.goto(cancelled!);
    await status(buyerPage, 'Placed');
    expect(await actionLabels(buyerPage)).toEqual(['Cancel order']);
    await buyerPage.getByRole('button', { name: 'Cancel order' }).click();
    expect(await buyerPage.getByTestId('confirm-dialog').textContent()).toContain('25.00 taler go back from escrow to you.');
    await buyerPage.getByRole('button', { name: 'Yes, cancel' }).click();
    await status(buyerPage, 'Cancelled');

    await graphqlInPage(producerPage, 'mutation($id: ID!) { acceptOrder(id: $id) { __typename } }', {
      id: Buffer.from(`Order:${disputed!.split('/').pop()}`).toString('base64'),
    });
    await buyerPage.goto(disputed!);
    await status(buyerPage, 'Accepted');
    await buyerPage.getByRole('button', { name: 'Report a problem' }).click();
    const dialog = buyerPage.getByTestId('confirm-dialog');
    expect(await dialog.textContent()).toContain('25.00 taler stay in escrow until the board has decided the dispute.');
    await dialog.getByLabel('What went wrong?').fill('The box never arrived.');
    await screenshot(buyerPage, 'order-page-dispute-dialog-390');
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await status(buyerPage, 'Disputed');
    expect(await buyerPage.getByTestId('dispute-reason').textContent()).toContain('The box never arrived.');
    expect(await actionLabels(buyerPage)).toEqual([]);

    const adminPage = await openLoggedIn(admin.email, 'en');
    await adminPage.goto(disputed!);
    await adminPage.getByTestId('dispute-reason').getByText('The box never arrived.').waitFor();
    await adminPage.getByRole('link', { name: '← To disputes' }).waitFor();
    expect(await actionLabels(adminPage)).toEqual([]);
  });
});
