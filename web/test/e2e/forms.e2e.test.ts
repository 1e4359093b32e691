// Forms point at the field that is wrong, in the member's language, with the same rules the API
// checks: the offer form, the need form, the producer profile, the cart quantity and the partial
// refund of a dispute.
import type { Page } from 'playwright-core';
import { graphqlInPage, screenshot, useAppInBrowser } from './support';

const producer = { email: 'martin@demo.allmende.coop' };
const buyer = { email: 'lena@demo.allmende.coop' };
const admin = { email: 'jonas@demo.allmende.coop' };

const { newPage } = useAppInBrowser();

/** The error text shown under a field, found through the field's aria-describedby. */
async function errorOf(page: Page, fieldSelector: string): Promise<string> {
  const field = page.locator(fieldSelector);
  await field.and(page.locator('[aria-invalid="true"]')).waitFor();
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter((id) => id.endsWith('-error'));
  return (await page.locator(`[id="${ids[0]}"]`).innerText()).trim();
}

describe('form errors in the browser', () => {
  it('the offer form names each wrong field in German and reads "1.000,50" as a price', async () => {
    const page = await newPage({ email: producer.email });
    await page.goto('/dashboard');
    await page.getByTestId('new-offer').click();
    const form = page.getByRole('region', { name: 'Angebote' });
    await page.getByRole('button', { name: 'Speichern und veröffentlichen' }).click();
    expect(await errorOf(page, '#offer-new-title')).toBe('Bitte ausfüllen.');
    expect(await errorOf(page, '#offer-new-price')).toBe('Bitte ausfüllen.');
    expect(await errorOf(page, '#offer-new-stock')).toBe('Bitte ausfüllen.');

    await form.getByLabel('Titel', { exact: true }).fill('Ei');
    await form.getByLabel('Kategorie', { exact: true }).selectOption('food.dairy');
    await form.getByLabel('Preis in Talern je Einheit', { exact: true }).fill('zwei Taler');
    await form.getByLabel('Einheit', { exact: true }).fill('Stück');
    await form.getByLabel('Vorrat', { exact: true }).fill('-5');
    await form.getByLabel('Postleitzahl', { exact: true }).fill('341');
    await page.getByRole('button', { name: 'Speichern und veröffentlichen' }).click();
    await page.locator('#offer-new-title-error', { hasText: 'Bitte mindestens 3 Zeichen eingeben.' }).waitFor();
    expect(await errorOf(page, '#offer-new-price')).toBe('Bitte einen Betrag wie 12,50 eingeben.');
    expect(await errorOf(page, '#offer-new-stock')).toBe('Mindestens 0.');
    await screenshot(page, 'forms-offer-errors');

    await form.getByLabel('Titel', { exact: true }).fill('Eier vom Hof');
    await form.getByLabel('Preis in Talern je Einheit', { exact: true }).fill('1.000,50');
    await form.getByLabel('Vorrat', { exact: true }).fill('');
    await form.getByLabel('Unbegrenzt vorrätig').check();
    await form.getByLabel('Postleitzahl', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Speichern und veröffentlichen' }).click();
    await page.locator('.list-row', { hasText: 'Eier vom Hof' }).waitFor();
    const offers = await graphqlInPage(page, `{ myOffers(first: 5) { edges { node { title price stock } } } }`);
    expect(offers.myOffers.edges.map((edge: any) => edge.node)).toContainEqual({ title: 'Eier vom Hof', price: '1000.50', stock: null });
  });

  it('the need form and the producer profile name their wrong fields in German', async () => {
    const page = await newPage({ email: producer.email });
    await page.goto('/needs');
    await page.locator('#need-title').fill('Ho');
    await page.locator('#need-expires').fill('2020-01-01');
    await page.getByRole('button', { name: 'Gesuch aufgeben' }).click();
    expect(await errorOf(page, '#need-title')).toBe('Bitte mindestens 3 Zeichen eingeben.');
    expect(await errorOf(page, '#need-expires')).toBe('Das Datum muss in der Zukunft liegen.');
    expect(await errorOf(page, '#need-category')).toBe('Bitte ausfüllen.');
    await screenshot(page, 'forms-need-errors');

    await page.goto('/dashboard');
    await page.locator('#profile-postcode').fill('341');
    await page.locator('#profile-contactEmail').fill('hof@');
    await page.locator('#profile-postcode').press('Enter');
    expect(await errorOf(page, '#profile-postcode')).toBe('Die Postleitzahl hat fünf Ziffern.');
    expect(await errorOf(page, '#profile-contactEmail')).toBe('Bitte eine gültige E-Mail-Adresse eingeben.');
  });

  it('the cart quantity and the partial refund show their own message for each bad value', async () => {
    const producerPage = await newPage({ email: producer.email });
    const created = await graphqlInPage(
      producerPage,
      `mutation($input: OfferInput!) { createOffer(input: $input, publish: true) { __typename ... on MutationCreateOfferSuccess { data { id } } } }`,
      { input: { title: 'Apfelsaft im Kasten', categoryCode: 'food.drinks', kind: 'good', price: '20.00', unit: 'Kasten', stock: null } },
    );
    const offerId = created.createOffer.data.id as string;

    const buyerPage = await newPage({ email: buyer.email });
    await buyerPage.goto(`/offers/${encodeURIComponent(offerId)}`);
    await buyerPage.getByLabel('Menge').fill('0');
    await buyerPage.getByTestId('add-to-cart').click();
    expect(await errorOf(buyerPage, '#add-to-cart-quantity')).toBe('Mindestens 1.');
    await buyerPage.getByLabel('Menge').fill('1');
    await buyerPage.getByTestId('add-to-cart').click();
    await buyerPage.getByTestId('added-to-cart').waitFor();

    await buyerPage.goto('/cart');
    await buyerPage.getByTestId('cart-total').waitFor();
    const quantity = buyerPage.getByTestId('cart-line').filter({ hasText: 'Apfelsaft im Kasten' }).getByLabel('Menge');
    const quantityId = `#${await quantity.getAttribute('id')}`;
    for (const [typed, message] of <[string, string][]>[
      ['5000', 'Höchstens 999.'],
      ['-3', 'Mindestens 0.'],
      ['2.5', 'Bitte eine ganze Zahl eingeben.'],
      ['zwei', 'Bitte eine Zahl eingeben.'],
    ]) {
      await quantity.fill(typed);
      await quantity.press('Tab');
      expect([typed, await errorOf(buyerPage, quantityId)]).toEqual([typed, message]);
    }
    await screenshot(buyerPage, 'forms-cart-quantity');
    await quantity.fill('1');
    await quantity.press('Tab');
    await buyerPage.getByTestId('quantity-error').waitFor({ state: 'detached' });

    const checkout = await graphqlInPage(
      buyerPage,
      `mutation($input: CheckoutInput!) { checkout(input: $input) { __typename ... on MutationCheckoutSuccess { data { orders { id } } } } }`,
      { input: { idempotencyKey: 'forms-e2e-checkout', expectedPrices: [{ offerId, price: '20.00' }] } },
    );
    const orderId = checkout.checkout.data.orders[0].id as string;
    await graphqlInPage(producerPage, `mutation($id: ID!) { acceptOrder(id: $id) { __typename } }`, { id: orderId });
    await graphqlInPage(buyerPage, `mutation($id: ID!) { disputeOrder(id: $id, reason: "Zwei Flaschen fehlten.") { __typename } }`, { id: orderId });

    const adminPage = await newPage({ email: admin.email });
    await adminPage.goto('/disputes');
    const card = adminPage.getByTestId(`order-${orderId}`);
    const amount = card.getByLabel('Betrag an Erzeuger:in');
    const amountId = `#${await amount.getAttribute('id')}`;
    for (const [typed, message] of <[string, string][]>[
      ['30', 'Der Betrag muss kleiner als die Summe von 20,00 Taler sein.'],
      ['-5', 'Der Betrag muss größer als null sein.'],
      ['4,555', 'Höchstens 2 Nachkommastellen.'],
      ['', 'Bitte ausfüllen.'],
      ['zehn', 'Bitte einen Betrag wie 12,50 eingeben.'],
    ]) {
      await amount.fill(typed);
      await card.getByRole('button', { name: 'Teilweise erstatten' }).click();
      expect([typed, await errorOf(adminPage, amountId)]).toEqual([typed, message]);
    }
    await screenshot(adminPage, 'forms-partial-refund');
    await amount.fill('12,50');
    await card.getByRole('button', { name: 'Teilweise erstatten' }).click();
    await adminPage.getByTestId('confirm-dialog').getByText('12,50 Taler').waitFor();
  });
});
