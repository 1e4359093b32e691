import type { Page } from 'playwright-core';
import { graphqlInPage, logIn, screenshot, useAppInBrowser } from './support';

const buyer = { email: 'lena@demo.allmende.coop' };
const producer = { email: 'martin@demo.allmende.coop' };

const { newPage } = useAppInBrowser();
const pageErrors: string[] = [];

async function openLoggedIn(email: string, viewport = { width: 1200, height: 900 }): Promise<Page> {
  const page = await newPage(viewport);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await logIn(page, email);
  return page;
}

async function inEnglish(page: Page): Promise<void> {
  await page.evaluate(() => window.localStorage.setItem('allmende.locale', 'en'));
  await page.reload();
}

describe('order messages in the browser', () => {
  it('the producer hears of a new order, buyer and producer write to each other, unread badges come and go', async () => {
    const producerPage = await openLoggedIn(producer.email);
    const created = await graphqlInPage(
      producerPage,
      `mutation($input: OfferInput!) { createOffer(input: $input, publish: true) { __typename ... on MutationCreateOfferSuccess { data { id } } } }`,
      { input: { title: 'Apfelsaft naturtrüb', description: 'Aus Streuobst.', categoryCode: 'food.drinks', kind: 'good', price: '3.20', unit: 'Flasche', stock: 10 } },
    );
    expect(created.createOffer.__typename).toBe('MutationCreateOfferSuccess');
    const offerId = created.createOffer.data.id as string;

    const buyerPage = await openLoggedIn(buyer.email);
    await buyerPage.goto(`/offers/${encodeURIComponent(offerId)}`);
    await buyerPage.getByTestId('add-to-cart').click();
    await buyerPage.getByTestId('added-to-cart').waitFor();
    await buyerPage.goto('/cart');
    await buyerPage.getByTestId('checkout').click();
    await buyerPage.getByTestId('checkout-done').waitFor();

    // The producer's notification names the buyer and the order and leads to the order page.
    await producerPage.goto('/notifications');
    const notification = producerPage.locator('li', { hasText: 'hat „Apfelsaft naturtrüb“ bestellt' }).first();
    await notification.waitFor();
    await screenshot(producerPage, 'messages-notifications-de');
    await notification.getByRole('link').click();
    await producerPage.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    await producerPage.getByText('Noch keine Nachrichten.').waitFor();
    await producerPage.getByLabel('Deine Nachricht').fill('Danke! Abholung ab Freitag 16 Uhr im Hofladen.');
    await producerPage.getByTestId('send-message').click();
    await producerPage.getByTestId('order-messages').getByText('Abholung ab Freitag').waitFor();
    const orderPath = new URL(producerPage.url()).pathname;

    // The buyer sees one unread message on the order card, reads it, and the badge goes.
    await buyerPage.goto('/orders');
    await buyerPage.getByTestId('order-unread').filter({ hasText: '1 ungelesen' }).first().waitFor();
    await screenshot(buyerPage, 'messages-orders-unread-de');
    await buyerPage.goto(orderPath);
    await buyerPage.getByTestId('order-messages').getByText('Abholung ab Freitag 16 Uhr im Hofladen.').waitFor();
    await buyerPage.getByLabel('Deine Nachricht').fill('Passt, ich komme am Freitag.');
    await buyerPage.getByTestId('send-message').click();
    await buyerPage.getByTestId('order-messages').getByText('Passt, ich komme am Freitag.').waitFor();
    await screenshot(buyerPage, 'messages-thread-de');
    await buyerPage.goto('/orders');
    await buyerPage.getByTestId('order-thread-link').first().waitFor();
    expect(await buyerPage.getByTestId('order-unread').count()).toBe(0);

    // The producer's inbox lists the thread with the buyer's message unread; the header counts it too.
    // The row is one link, reached and opened by keyboard.
    await producerPage.goto('/messages');
    await producerPage.getByRole('heading', { name: 'Nachrichten' }).waitFor();
    const thread = producerPage.getByTestId('order-thread').filter({ hasText: 'Apfelsaft naturtrüb' }).first();
    await thread.waitFor();
    expect(await thread.textContent()).toContain('Passt, ich komme am Freitag.');
    expect(await thread.getByTestId('thread-unread').textContent()).toContain('1');
    await producerPage.getByTestId('unread-messages-count').waitFor();
    await screenshot(producerPage, 'messages-inbox-de');
    await thread.focus();
    await producerPage.keyboard.press('Enter');
    await producerPage.waitForURL((url) => url.pathname === orderPath);
    await producerPage.getByTestId('order-messages').getByText('Passt, ich komme am Freitag.').waitFor();
    await producerPage.goto('/messages');
    await producerPage.getByTestId('order-thread').filter({ hasText: 'Apfelsaft naturtrüb' }).first().waitFor();
    expect(await producerPage.getByTestId('order-thread').filter({ hasText: 'Apfelsaft naturtrüb' }).getByTestId('thread-unread').count()).toBe(0);

    // An empty message is refused by the form itself; the thread stays as it was.
    await producerPage.goto(orderPath);
    await producerPage.getByTestId('order-messages').getByText('Passt, ich komme am Freitag.').waitFor();
    await producerPage.getByTestId('send-message').click();
    expect(await producerPage.getByTestId('order-messages').locator('li').count()).toBe(2);

    await buyerPage.goto(orderPath);
    await inEnglish(buyerPage);
    await buyerPage.getByRole('heading', { name: 'Messages' }).waitFor();
    await screenshot(buyerPage, 'messages-thread-en');
    await buyerPage.goto('/messages');
    await buyerPage.getByRole('heading', { name: 'Messages' }).waitFor();
    await buyerPage.getByTestId('order-thread').filter({ hasText: 'You: Passt, ich komme am Freitag.' }).first().waitFor();
    await screenshot(buyerPage, 'messages-inbox-en');

    const anonymous = await newPage();
    await anonymous.goto('/messages');
    // The inbox needs a login: the visitor is sent to log in and would come back afterwards.
    await anonymous.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('redirect') === '/messages');

    const narrow = await openLoggedIn(producer.email, { width: 375, height: 800 });
    await narrow.goto(orderPath);
    await narrow.getByTestId('order-messages').getByText('Passt, ich komme am Freitag.').waitFor();
    await screenshot(narrow, 'messages-thread-narrow-de');
    await narrow.goto('/messages');
    await narrow.getByTestId('order-thread').filter({ hasText: 'Apfelsaft naturtrüb' }).first().waitFor();
    await screenshot(narrow, 'messages-inbox-narrow-de');
    expect(pageErrors).toEqual([]);
  });

  it('a member turns e-mail notifications off and on again on the account page', async () => {
    const page = await openLoggedIn(buyer.email);
    await page.goto('/account');
    const checkbox = page.getByLabel('Benachrichtigungen auch per E-Mail senden');
    await checkbox.waitFor();
    expect(await checkbox.isChecked()).toBe(true);
    await checkbox.uncheck();
    await page.getByText('Gespeichert.').waitFor();
    const after = await graphqlInPage<{ me: { emailNotifications: boolean } }>(page, '{ me { emailNotifications } }');
    expect(after.me.emailNotifications).toBe(false);
    await screenshot(page, 'messages-account-de');
    await page.reload();
    expect(await page.getByLabel('Benachrichtigungen auch per E-Mail senden').isChecked()).toBe(false);
    await inEnglish(page);
    await page.getByLabel('Also send notifications by e-mail').check();
    await page.getByText('Saved.').waitFor();
    await screenshot(page, 'messages-account-en');
    expect((await graphqlInPage<{ me: { emailNotifications: boolean } }>(page, '{ me { emailNotifications } }')).me.emailNotifications).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
