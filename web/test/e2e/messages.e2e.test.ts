import type { Page } from 'playwright-core';
import { graphqlInPage, screenshot, useAppInBrowser } from './support';

const buyer = { email: 'lena@demo.allmende.coop' };
const producer = { email: 'martin@demo.allmende.coop' };

const { newPage } = useAppInBrowser();

async function inEnglish(page: Page): Promise<void> {
  await page.evaluate(() => window.localStorage.setItem('allmende.locale', 'en'));
  await page.reload();
}

describe('order messages in the browser', () => {
  it('the producer hears of a new order, buyer and producer write to each other, unread badges come and go', async () => {
    const producerPage = await newPage({ email: producer.email });
    const created = await graphqlInPage(
      producerPage,
      `mutation($input: OfferInput!) { createOffer(input: $input, publish: true) { __typename ... on MutationCreateOfferSuccess { data { id } } } }`,
      { input: { title: 'Apfelsaft naturtrüb', description: 'Aus Streuobst.', categoryCode: 'food.drinks', kind: 'good', price: '3.20', unit: 'Flasche', stock: 10 } },
    );
    expect(created.createOffer.__typename).toBe('MutationCreateOfferSuccess');
    const offerId = created.createOffer.data.id as string;

    const buyerPage = await newPage({ email: buyer.email });
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

    const narrow = await newPage({ width: 375, height: 800, email: producer.email });
    await narrow.goto(orderPath);
    await narrow.getByTestId('order-messages').getByText('Passt, ich komme am Freitag.').waitFor();
    await screenshot(narrow, 'messages-thread-narrow-de');
    await narrow.goto('/messages');
    await narrow.getByTestId('order-thread').filter({ hasText: 'Apfelsaft naturtrüb' }).first().waitFor();
    await screenshot(narrow, 'messages-inbox-narrow-de');
  });

  it('a producer answers a need with the offer they choose, withdraws it, and writes to the member directly; one inbox holds it all', async () => {
    const buyerPage = await newPage({ email: buyer.email });
    const posted = await graphqlInPage(
      buyerPage,
      `mutation($input: PostNeedInput!) { postNeed(input: $input) { __typename ... on MutationPostNeedSuccess { data { id } } } }`,
      { input: { title: 'Suche Quittengelee', description: 'Zwei Gläser für den Adventsmarkt.', categoryCode: 'food.preserves', expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() } },
    );
    expect(posted.postNeed.__typename).toBe('MutationPostNeedSuccess');
    const needPath = `/needs/${atob(posted.postNeed.data.id as string).split(':')[1]}`;

    // The answer form chooses no offer for the producer: sending without one is refused in the form.
    const producerPage = await newPage({ email: producer.email });
    await producerPage.goto(needPath);
    const need = producerPage.locator('article', { hasText: 'Suche Quittengelee' });
    await need.getByText('Mit einem Angebot antworten').click();
    expect(await need.getByTestId('answer-offer').inputValue()).toBe('');
    await need.getByTestId('answer-need').click();
    await need.getByTestId('answer-offer-error').filter({ hasText: 'Bitte wähle, mit welchem Angebot du antwortest.' }).waitFor();
    expect(await graphqlInPage(buyerPage, `query($id: ID!) { need(id: $id) { answers { id } } }`, { id: posted.postNeed.data.id })).toEqual({ need: { answers: [] } });
    await need.getByTestId('answer-offer').selectOption({ label: 'Äpfel, Boskoop' });
    await need.getByLabel('Nachricht (optional)').fill('Gelee nicht, aber Äpfel zum Selbermachen.');
    await need.getByTestId('answer-need').click();
    await need.getByTestId('need-answer').filter({ hasText: 'Äpfel, Boskoop' }).waitFor();
    await screenshot(producerPage, 'needs-answered-de');

    await buyerPage.goto(needPath);
    await buyerPage.getByTestId('need-answer').filter({ hasText: 'Äpfel, Boskoop' }).waitFor();
    // The producer takes the answer back; the member no longer sees it.
    await need.getByTestId('withdraw-answer').click();
    await need.getByText('Deine Antwort wurde zurückgezogen.').waitFor();
    await need.getByText('Noch keine Antworten.').waitFor();
    await buyerPage.reload();
    await buyerPage.locator('article', { hasText: 'Suche Quittengelee' }).getByText('Noch keine Antworten.').waitFor();

    // Instead the producer writes to the member from the need.
    await need.getByTestId('write-message').click();
    await producerPage.waitForURL(/\/messages\/members\/[0-9a-f-]{36}$/);
    await producerPage.getByRole('heading', { name: 'Unterhaltung mit Lena Fischer' }).waitFor();
    await producerPage.getByLabel('Deine Nachricht').fill('Quittengelee mache ich im Dezember. Soll ich dir zwei Gläser zurücklegen?');
    await producerPage.getByTestId('send-message').click();
    await producerPage.getByTestId('conversation-messages').getByText('Soll ich dir zwei Gläser zurücklegen?').waitFor();
    await screenshot(producerPage, 'messages-conversation-de');

    // An order of the member with a message from the producer, so the inbox holds both kinds.
    const offer = await graphqlInPage(
      producerPage,
      `mutation($input: OfferInput!) { createOffer(input: $input, publish: true) { __typename ... on MutationCreateOfferSuccess { data { id } } } }`,
      { input: { title: 'Quittenbrot', description: 'Vom letzten Jahr.', categoryCode: 'food.preserves', kind: 'good', price: '4.00', unit: 'Stück', stock: 3 } },
    );
    const offerId = offer.createOffer.data.id as string;
    await graphqlInPage(buyerPage, 'mutation($input: CartItemInput!) { addToCart(input: $input) { __typename } }', { input: { offerId, quantity: 1 } });
    const placed = await graphqlInPage(
      buyerPage,
      `mutation($input: CheckoutInput!) { checkout(input: $input) { __typename ... on MutationCheckoutSuccess { data { orders { id } } } } }`,
      { input: { idempotencyKey: 'messages-e2e-quince', expectedPrices: [{ offerId, price: '4.00' }] } },
    );
    await graphqlInPage(producerPage, 'mutation($orderId: ID!, $body: String!) { sendOrderMessage(orderId: $orderId, body: $body) { __typename } }', {
      orderId: placed.checkout.data.orders[0].id,
      body: 'Das Quittenbrot liegt bereit.',
    });

    // The member hears of the direct message, finds it labelled in the one inbox beside the order thread, and answers.
    await buyerPage.goto('/notifications');
    await buyerPage.getByText('Neue Nachricht von Hof Sonnenwiese (Martin Hofmann): Quittengelee mache ich im Dezember.', { exact: false }).first().waitFor();
    await buyerPage.goto('/messages');
    await buyerPage.getByTestId('unread-messages-count').first().waitFor();
    const conversation = buyerPage.getByTestId('conversation-thread').filter({ hasText: 'Hof Sonnenwiese' });
    await conversation.getByTestId('thread-kind').filter({ hasText: 'Direktnachricht' }).waitFor();
    expect(await conversation.getByTestId('thread-unread').textContent()).toContain('1');
    await buyerPage.getByTestId('order-thread').filter({ hasText: 'Quittenbrot' }).getByTestId('thread-kind').filter({ hasText: 'Bestellung' }).waitFor();
    await screenshot(buyerPage, 'messages-inbox-conversation-de');
    await conversation.click();
    await buyerPage.getByTestId('conversation-messages').getByText('Soll ich dir zwei Gläser zurücklegen?').waitFor();
    await buyerPage.getByLabel('Deine Nachricht').fill('Ja, gern!');
    await buyerPage.getByTestId('send-message').click();
    await buyerPage.getByTestId('conversation-messages').getByText('Ja, gern!').waitFor();
    await buyerPage.goto('/messages');
    await buyerPage.getByTestId('conversation-thread').filter({ hasText: 'Du: Ja, gern!' }).waitFor();
    expect(await buyerPage.getByTestId('conversation-thread').filter({ hasText: 'Hof Sonnenwiese' }).getByTestId('thread-unread').count()).toBe(0);

    // The producer page leads to the same conversation; nobody is offered to write to themselves.
    const profile = await graphqlInPage(producerPage, '{ me { id } }');
    const producerPath = `/producers/${encodeURIComponent(profile.me.id as string)}`;
    await buyerPage.goto(producerPath);
    await buyerPage.getByTestId('write-message').click();
    await buyerPage.getByTestId('conversation-messages').getByText('Ja, gern!').waitFor();
    await producerPage.goto(producerPath);
    await producerPage.getByRole('heading', { name: 'Hof Sonnenwiese' }).waitFor();
    expect(await producerPage.getByTestId('write-message').count()).toBe(0);

    await inEnglish(buyerPage);
    await buyerPage.getByRole('heading', { name: 'Conversation with Hof Sonnenwiese (Martin Hofmann)' }).waitFor();
    await screenshot(buyerPage, 'messages-conversation-en');
    await buyerPage.goto('/messages');
    await buyerPage.getByTestId('conversation-thread').getByTestId('thread-kind').filter({ hasText: 'Direct message' }).first().waitFor();
    await screenshot(buyerPage, 'messages-inbox-conversation-en');

    const narrow = await newPage({ width: 390, height: 800, email: buyer.email });
    await narrow.goto('/messages');
    await narrow.getByTestId('conversation-thread').first().waitFor();
    await screenshot(narrow, 'messages-inbox-conversation-narrow-de');
    await narrow.getByTestId('conversation-thread').first().click();
    await narrow.getByTestId('conversation-messages').getByText('Ja, gern!').waitFor();
    await screenshot(narrow, 'messages-conversation-narrow-de');
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  it('a member turns e-mail notifications off and on again on the account page', async () => {
    const page = await newPage({ email: buyer.email });
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
  });
});
