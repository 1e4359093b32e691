import type { Page } from 'playwright-core';
import { accountBalance as balance, cents, graphqlInPage, screenshot, switchLanguage, useAppInBrowser } from './support';

const buyer = { email: 'lena@demo.allmende.coop' };
const producer = { email: 'martin@demo.allmende.coop' };
const accountant = { email: 'sabine@demo.allmende.coop' };
const admin = { email: 'jonas@demo.allmende.coop' };

const { newPage } = useAppInBrowser();

/** Decimal text to cents, so amounts compare without floats. */
async function fundBalance(page: Page): Promise<bigint> {
  const data = await graphqlInPage<{ trialBalance: { lines: { accountType: string; balance: string }[] } }>(page, '{ trialBalance { lines { accountType balance } } }');
  return cents(data.trialBalance.lines.find((line) => line.accountType === 'fund')!.balance);
}

describe('ordering in the browser', () => {
  it('a buyer orders, the producer accepts and delivers, the buyer confirms, and the money arrives', async () => {
    const producerPage = await newPage({ email: producer.email });
    const created = await graphqlInPage(
      producerPage,
      `mutation($input: OfferInput!) { createOffer(input: $input, publish: true) { __typename ... on MutationCreateOfferSuccess { data { id } } } }`,
      {
        input: {
          title: 'Bergkäse am Stück',
          description: 'Sechs Monate gereift.',
          categoryCode: 'food.dairy',
          kind: 'good',
          price: '12.50',
          unit: 'Stück',
          stock: 5,
          deliveryOptions: ['pickup', 'delivery'],
        },
      },
    );
    expect(created.createOffer.__typename).toBe('MutationCreateOfferSuccess');
    const offerId = created.createOffer.data.id as string;

    const buyerPage = await newPage({ email: buyer.email });
    const accountantPage = await newPage({ email: accountant.email });
    const buyerBefore = await balance(buyerPage);
    const producerBefore = await balance(producerPage);
    const fundBefore = await fundBalance(accountantPage);

    await buyerPage.goto(`/offers/${encodeURIComponent(offerId)}`);
    await buyerPage.getByLabel('Menge').fill('2');
    await buyerPage.getByTestId('add-to-cart').click();
    await buyerPage.getByTestId('added-to-cart').waitFor();
    await buyerPage.getByTestId('nav-cart').click();
    await buyerPage.getByTestId('cart-line').first().waitFor();
    await screenshot(buyerPage, 'orders-cart');
    // The handover is the buyer's choice: nothing is chosen for them among two options, and delivery needs an address.
    const handover = buyerPage.getByTestId('checkout-handover');
    await buyerPage.getByTestId('checkout').click();
    await handover.getByText('Bitte wähle, wie du die Bestellung bekommst.').waitFor();
    await handover.getByTestId('handover-delivery').check();
    await buyerPage.getByTestId('checkout').click();
    await handover.getByText('Bitte gib die Lieferadresse an.').waitFor();
    await handover.getByLabel('Lieferadresse').fill('Lindenweg 4, 34117 Kassel');
    await handover.getByLabel('Nachricht an').fill('Bitte beim Nachbarn abgeben, falls niemand da ist.');
    await screenshot(buyerPage, 'orders-cart-handover');
    await buyerPage.getByTestId('checkout').click();
    await buyerPage.getByTestId('checkout-done').waitFor();
    await screenshot(buyerPage, 'orders-checked-out');

    // Both parties read the choice on the order page.
    const incoming = await graphqlInPage<{ incomingOrders: { edges: { node: { id: string } }[] } }>(producerPage, '{ incomingOrders(first: 1) { edges { node { id } } } }');
    const orderPath = `/orders/${atob(incoming.incomingOrders.edges[0]!.node.id).split(':')[1]}`;
    for (const page of [producerPage, buyerPage]) {
      await page.goto(orderPath);
      await page.getByTestId('order-handover-option').filter({ hasText: 'Lieferung' }).waitFor();
      expect(await page.getByTestId('order-handover-note').textContent()).toBe('Lindenweg 4, 34117 Kassel');
      expect(await page.getByTestId('order-handover-message').textContent()).toBe('Bitte beim Nachbarn abgeben, falls niemand da ist.');
    }
    await screenshot(producerPage, 'orders-order-handover');
    // 25.00 held in escrow: the posted balance is unchanged until confirmation.
    expect(await balance(buyerPage)).toBe(buyerBefore);

    await producerPage.goto('/dashboard');
    await producerPage.getByTestId('accept-order').first().click();
    await producerPage.getByTestId('fulfil-order').first().click();
    await producerPage.getByTestId('order-status').filter({ hasText: 'Geliefert' }).first().waitFor();
    await screenshot(producerPage, 'orders-dashboard-fulfilled');

    await buyerPage.goto('/orders');
    await buyerPage.getByTestId('confirm-order').first().click();
    // Paying asks first, naming the amount.
    await buyerPage.getByTestId('confirm-dialog').getByText('25,00 Taler gehen aus der Treuhand an').waitFor();
    await buyerPage.getByTestId('confirm-dialog-submit').click();
    await buyerPage.getByTestId('order-status').filter({ hasText: 'Abgeschlossen' }).first().waitFor();
    await screenshot(buyerPage, 'orders-confirmed');

    // 25.00 paid: 24.37 to the producer, 0.63 to the fund (the demo's members voted 2.5 %, rounded half up).
    expect(buyerBefore - (await balance(buyerPage))).toBe(2500n);
    expect((await balance(producerPage)) - producerBefore).toBe(2437n);
    expect((await fundBalance(accountantPage)) - fundBefore).toBe(63n);
  });

  it('a buyer reports a problem and an admin refunds part of the order', async () => {
    const producerPage = await newPage({ email: producer.email });
    const created = await graphqlInPage(
      producerPage,
      `mutation($input: OfferInput!) { createOffer(input: $input, publish: true) { __typename ... on MutationCreateOfferSuccess { data { id } } } }`,
      { input: { title: 'Honig im Glas', description: 'Sommertracht.', categoryCode: 'food.preserves', kind: 'good', price: '8.00', unit: 'Glas', stock: 3 } },
    );
    const offerId = created.createOffer.data.id as string;
    const buyerPage = await newPage({ email: buyer.email });
    const buyerBefore = await balance(buyerPage);

    await buyerPage.goto(`/offers/${encodeURIComponent(offerId)}`);
    await buyerPage.getByTestId('add-to-cart').click();
    await buyerPage.getByTestId('added-to-cart').waitFor();
    await buyerPage.goto('/cart');
    await buyerPage.getByTestId('checkout').click();
    await buyerPage.getByTestId('checkout-done').waitFor();

    await producerPage.goto('/dashboard');
    await producerPage.getByTestId('accept-order').first().click();
    await producerPage.getByTestId('fulfil-order').first().waitFor();

    await buyerPage.goto('/orders');
    await buyerPage.getByRole('button', { name: 'Problem melden' }).first().click();
    await buyerPage.getByLabel('Was ist schiefgelaufen?').fill('Das Glas kam zerbrochen an.');
    await buyerPage.getByTestId('confirm-dialog-submit').click();
    await buyerPage.getByTestId('order-status').filter({ hasText: 'In Klärung' }).first().waitFor();

    const adminPage = await newPage({ email: admin.email });
    await adminPage.getByTestId('nav-disputes').click();
    await adminPage.getByText('Das Glas kam zerbrochen an.').waitFor();
    await screenshot(adminPage, 'orders-dispute');
    await adminPage.getByLabel('Betrag an Erzeuger:in').fill('4,00');
    await adminPage.getByRole('button', { name: 'Teilweise erstatten' }).click();
    await adminPage.getByTestId('confirm-dialog').getByText('4,00 Taler gehen an Hof Sonnenwiese').waitFor();
    await adminPage.getByTestId('confirm-dialog-submit').click();
    await adminPage.getByText('Keine offenen Streitfälle.').waitFor();

    // 4.00 of 8.00 paid, the rest released back to the buyer.
    expect(buyerBefore - (await balance(buyerPage))).toBe(400n);
  });

  it('in English: a buyer searches, orders, confirms and reviews; the producer answers; the money and the rating are right', async () => {
    const producerPage = await newPage({ language: 'en', email: producer.email });
    const created = await graphqlInPage(
      producerPage,
      `mutation($input: OfferInput!) { createOffer(input: $input, publish: true) { __typename ... on MutationCreateOfferSuccess { data { id } } } }`,
      { input: { title: 'Elderflower cordial', description: 'Pressed in June.', categoryCode: 'food.preserves', kind: 'good', price: '7.50', unit: 'bottle', stock: 10 } },
    );
    expect(created.createOffer.__typename).toBe('MutationCreateOfferSuccess');

    const buyerPage = await newPage({ language: 'en', email: buyer.email });
    const accountantPage = await newPage({ language: 'en', email: accountant.email });
    const buyerBefore = await balance(buyerPage);
    const producerBefore = await balance(producerPage);
    const fundBefore = await fundBalance(accountantPage);

    await buyerPage.goto('/');
    await buyerPage.getByLabel('Search term').fill('elderflower');
    await buyerPage.getByRole('button', { name: 'Search', exact: true }).click();
    const result = buyerPage.getByRole('link', { name: 'Elderflower cordial' });
    await result.waitFor();
    await screenshot(buyerPage, 'reviews-en-1-search');
    await result.click();
    await buyerPage.getByText('No reviews yet.').first().waitFor();
    await buyerPage.getByLabel('Quantity').fill('2');
    await buyerPage.getByRole('button', { name: 'Add to cart' }).click();
    await buyerPage.getByTestId('added-to-cart').waitFor();
    // The header's cart link names the number of items too.
    await buyerPage.getByRole('link', { name: 'Cart, 2 items' }).click();
    await buyerPage.getByTestId('cart-line').first().waitFor();
    await screenshot(buyerPage, 'reviews-en-2-cart');
    await buyerPage.getByRole('button', { name: 'Place order' }).click();
    await buyerPage.getByTestId('checkout-done').waitFor();
    await screenshot(buyerPage, 'reviews-en-3-checked-out');

    await producerPage.goto('/dashboard');
    await producerPage.getByTestId('accept-order').first().click();
    await producerPage.getByTestId('fulfil-order').first().click();
    await producerPage.getByTestId('order-status').filter({ hasText: 'Delivered' }).first().waitFor();
    await screenshot(producerPage, 'reviews-en-4-producer-delivered');

    await buyerPage.goto('/orders');
    await buyerPage.getByRole('button', { name: 'Confirm receipt' }).first().click();
    await buyerPage.getByRole('button', { name: 'Yes, pay 15.00 taler' }).click();
    await buyerPage.getByTestId('order-status').filter({ hasText: 'Completed' }).first().waitFor();
    // 15.00 paid: 14.62 to the producer, 0.38 to the fund (2.5 %, rounded half up).
    expect(buyerBefore - (await balance(buyerPage))).toBe(1500n);
    expect((await balance(producerPage)) - producerBefore).toBe(1462n);
    expect((await fundBalance(accountantPage)) - fundBefore).toBe(38n);

    // The stars are a radio group: choose three, then move to four with the arrow key.
    const form = buyerPage.getByTestId('review-form').first();
    await form.getByRole('radio', { name: '3 stars' }).check();
    await buyerPage.keyboard.press('ArrowRight');
    expect(await form.getByRole('radio', { name: '4 stars' }).isChecked()).toBe(true);
    await form.getByLabel('Your impression (optional)').fill('Fragrant and not too sweet.');
    await screenshot(buyerPage, 'reviews-en-5-rating-form');
    await form.getByRole('button', { name: 'Send review' }).click();
    await buyerPage.getByRole('heading', { name: 'Your review' }).first().waitFor();
    await buyerPage.getByText('Fragrant and not too sweet.').waitFor();
    await screenshot(buyerPage, 'reviews-en-6-reviewed');

    await producerPage.goto('/notifications');
    await producerPage.getByText('rated your order “Elderflower cordial” with 4 out of 5 stars').first().waitFor();
    await producerPage.goto('/dashboard');
    const review = producerPage.getByTestId('review').filter({ hasText: 'Fragrant and not too sweet.' });
    await review.getByLabel('Your answer').fill('Thank you, the next batch is ready in June.');
    await review.getByRole('button', { name: 'Publish answer' }).click();
    await review.getByTestId('review-answer').waitFor();
    await screenshot(producerPage, 'reviews-en-7-answered');

    await buyerPage.goto(`/offers/${encodeURIComponent(created.createOffer.data.id as string)}`);
    await buyerPage.getByText('Average 4.0 out of 5 stars').first().waitFor();
    await buyerPage.getByText('1 review', { exact: true }).first().waitFor();
    await buyerPage.getByTestId('review').filter({ hasText: 'Fragrant and not too sweet.' }).getByText('Thank you, the next batch is ready in June.').waitFor();
    await screenshot(buyerPage, 'reviews-en-8-offer-page');
    await buyerPage.getByRole('link', { name: 'Hof Sonnenwiese' }).click();
    await buyerPage.getByTestId('review').filter({ hasText: 'Fragrant and not too sweet.' }).waitFor();
    await buyerPage.getByTestId('rating').first().waitFor();
    await screenshot(buyerPage, 'reviews-en-8b-producer-page');
    await buyerPage.goto('/?q=elderflower');
    await buyerPage.locator('.offer-card', { hasText: 'Elderflower cordial' }).getByText('1 review', { exact: true }).waitFor();
    await screenshot(buyerPage, 'reviews-en-9-feed');

    // The same review in German on a phone-sized screen.
    await switchLanguage(buyerPage, 'de');
    await buyerPage.setViewportSize({ width: 390, height: 844 });
    await buyerPage.goto(`/offers/${encodeURIComponent(created.createOffer.data.id as string)}`);
    await buyerPage.getByText('Durchschnittlich 4,0 von 5 Sternen').first().waitFor();
    await buyerPage.getByText('1 Bewertung', { exact: true }).first().waitFor();
    await screenshot(buyerPage, 'reviews-de-10-offer-page-narrow');
    await buyerPage.goto('/orders');
    await buyerPage.getByRole('heading', { name: 'Deine Bewertung' }).first().waitFor();
    await screenshot(buyerPage, 'reviews-de-11-orders-narrow');
  });
});
