import { randomUUID } from 'node:crypto';
import { demoMembers, demoOpenRankingVote } from '../../../api/src/seed/demo-data';
import { screenshot, switchLanguage, useAppInBrowser } from './support';

const producer = { email: 'martin@demo.allmende.coop' };
const buyer = { email: 'lena@demo.allmende.coop' };

const { newPage } = useAppInBrowser();
const demoOfferTitles = new Set(demoMembers.flatMap((member) => (member.offers ?? []).map(([title]) => title)));

describe('the marketplace in the browser', () => {
  it('a producer creates an offer in the dashboard and a buyer finds it by search and filters', async () => {
    const title = `Quittengelee ${randomUUID().slice(0, 6)}`;

    const producerPage = await newPage({ email: producer.email });
    await producerPage.getByTestId('nav-dashboard').click();
    await producerPage.getByRole('heading', { level: 1, name: 'Meine Angebote' }).waitFor();
    await producerPage.getByTestId('new-offer').click();
    const offerForm = producerPage.getByRole('region', { name: 'Angebote' });
    await offerForm.getByLabel('Titel', { exact: true }).fill(title);
    await offerForm.getByLabel('Kategorie', { exact: true }).selectOption('food.preserves');
    await offerForm.getByLabel('Preis in Talern je Einheit', { exact: true }).fill('4,50');
    await offerForm.getByLabel('Einheit', { exact: true }).fill('Glas');
    await offerForm.getByLabel('Vorrat', { exact: true }).fill('12');
    await offerForm.getByLabel('Beschreibung', { exact: true }).fill('Aus Quitten der Streuobstwiese, mit wenig Zucker eingekocht.');
    await offerForm.getByLabel('Verpackungsfrei', { exact: true }).check();
    await offerForm.getByLabel('Abholung', { exact: true }).check();
    await screenshot(producerPage, 'marketplace-dashboard-new-offer');
    await producerPage.getByRole('button', { name: 'Speichern und veröffentlichen' }).click();
    const row = producerPage.locator('.list-row', { hasText: title });
    await row.waitFor();
    await row.getByText('Aktiv').waitFor();
    await screenshot(producerPage, 'marketplace-dashboard');

    const buyerPage = await newPage({ email: buyer.email });
    await buyerPage.goto('/');
    await buyerPage.getByLabel('Suchbegriff').fill('Quitten');
    await buyerPage.getByRole('search').getByRole('button', { name: 'Suchen' }).first().click();
    await buyerPage.waitForURL(/q=Quitten/);
    const result = buyerPage.locator('main').getByRole('link', { name: title });
    await result.waitFor();
    // Only matching offers are listed, never the previous (unfiltered) page.
    await buyerPage.waitForFunction(() => Array.from(document.querySelectorAll('main h3')).every((heading) => heading.textContent?.includes('Quitten')));
    await screenshot(buyerPage, 'marketplace-search');

    // The filters live in the URL: a link with a distance and an attribute filter finds it too.
    await buyerPage.goto('/?q=Quittengelee&eco=packaging_free&postcode=34117&radius=25');
    await result.waitFor();
    await buyerPage.goto('/?q=Quittengelee&eco=second_hand');
    await buyerPage.getByText('Keine Angebote passen zu dieser Suche.').waitFor();

    await buyerPage.goto('/?q=Quittengelee');
    await result.click();
    await buyerPage.getByRole('heading', { level: 1, name: title }).waitFor();
    await buyerPage.getByText('12 verfügbar').waitFor();
    await screenshot(buyerPage, 'marketplace-offer');
    await buyerPage.getByRole('link', { name: 'Hof Sonnenwiese' }).click();
    await buyerPage.getByRole('heading', { level: 1, name: 'Hof Sonnenwiese' }).waitFor();
    await buyerPage.locator('main').getByRole('link', { name: title }).waitFor();
    await screenshot(buyerPage, 'marketplace-producer');
  });

  it('the demo shows every offer with a picture, and needs of members, answered and open', async () => {
    for (const width of [1280, 390]) {
      const page = await newPage({ width });
      await page.goto('/');
      const cards = page.locator('main .offer-card');
      await cards.first().waitFor();
      // Every demo offer on the page has its picture (other tests may add offers without one).
      const shown = await cards.evaluateAll((elements) =>
        elements.map((card) => ({ title: card.querySelector('h3')?.textContent?.trim() ?? '', hasImage: card.querySelector('img') !== null })),
      );
      const demo = shown.filter((card) => demoOfferTitles.has(card.title));
      expect(demo.length).toBeGreaterThan(5);
      expect(demo.filter((card) => !card.hasImage)).toEqual([]);
      await expect(page.getByText('Kein Bild').count()).resolves.toBe(shown.length - shown.filter((card) => card.hasImage).length);
      // The pictures in view load, from this server.
      await page.locator('main .offer-card img').first().scrollIntoViewIfNeeded();
      await page.waitForFunction(() => {
        const inView = Array.from(document.querySelectorAll<HTMLImageElement>('main .offer-card img')).filter(
          (image) => image.getBoundingClientRect().top < window.innerHeight && image.getBoundingClientRect().bottom > 0,
        );
        return inView.length > 0 && inView.every((image) => image.complete && image.naturalWidth > 0 && new URL(image.src).origin === location.origin);
      });
      await screenshot(page, `marketplace-demo-home-${width}`);

      await page.goto('/needs');
      const answered = page.locator('article', { has: page.getByRole('heading', { name: 'Hilfe beim Umzug innerhalb der Stadt' }) });
      await answered.getByRole('link', { name: 'Umzugshilfe' }).waitFor();
      const open = page.locator('article', { has: page.getByRole('heading', { name: 'Geschirr aus regionaler Keramik' }) });
      await open.getByText('Noch keine Antworten').waitFor();
      await screenshot(page, `marketplace-demo-needs-${width}`);
    }
  });

  it('a search around a postcode shows how far each offer is, in the words of the language', async () => {
    const page = await newPage({ width: 390 });
    await page.goto('/');
    await page.getByLabel('Suchbegriff').fill('Brot');
    await page.getByText('Filter', { exact: true }).click();
    await page.getByLabel('Postleitzahl').fill('34131');
    await page.getByLabel('Umkreis (km)').selectOption('10');
    await page.getByRole('search').getByRole('button', { name: 'Suchen' }).first().click();
    await page.waitForURL(/postcode=34131/);
    // Bäckerei Korn is in 34117, three kilometres from the middle of 34131.
    const bread = page.locator('.offer-card', { has: page.getByRole('link', { name: 'Roggenmischbrot' }) });
    await bread.getByTestId('offer-card-distance').getByText('3,0 km entfernt').waitFor();
    const distances = await page.locator('main').getByTestId('offer-card-distance').allTextContents();
    expect(distances.length).toBe(await page.locator('main .offer-card').count());
    for (const distance of distances) expect(distance).toMatch(/^\d+(,\d)? km entfernt$/);
    await screenshot(page, 'marketplace-distance-de-390');

    await switchLanguage(page, 'en');
    await bread.getByTestId('offer-card-distance').getByText('3.0 km away').waitFor();
    await screenshot(page, 'marketplace-distance-en-390');

    // Without a place, no distances.
    await page.goto('/?q=Roggenmischbrot');
    await bread.waitFor();
    await expect(page.getByTestId('offer-card-distance').count()).resolves.toBe(0);
  });

  it('explains why an offer stands where it does, switches the order and links the disclosure of the ranking', async () => {
    for (const width of [1280, 390]) {
      const page = await newPage({ width });
      await page.goto('/');
      const firstCard = page.locator('main .offer-card').first();
      await firstCard.waitFor();
      // "Why here?" under the ranking in force: the weighed features, the points and the version.
      await firstCard.getByText('Warum hier?').click();
      const panel = firstCard.getByTestId('why-here');
      await panel.locator('tr[data-feature="recency"]').waitFor();
      await expect(panel.getByTestId('why-here-total').textContent()).resolves.toMatch(/^\d+,\d von 100$/);
      await expect(panel.getByTestId('why-here-policy').textContent()).resolves.toMatch(/Ranking-Regel Version \d+/);
      await screenshot(page, `marketplace-why-here-${width}`);

      // Price ascending: in the URL, prices in order, and no "why here?" since no weighting orders it.
      await page.getByTestId('order-switch').selectOption('priceAscending');
      await page.waitForURL(/order=priceAscending/);
      await page.waitForFunction(() => document.querySelectorAll('main .why-here').length === 0 && document.querySelectorAll('main .offer-card').length > 0);
      const prices = (await page.locator('main .offer-card__price strong').allTextContents()).map((text) => Number(text.replace(/[^\d,]/g, '').replace(',', '.')));
      expect(prices.length).toBeGreaterThan(3);
      expect(prices).toEqual([...prices].sort((a, b) => a - b));
      await expect(page.locator('[data-testid="order-switch"] option[value="nearest"]').count()).resolves.toBe(0);

      // Nearest first is offered with a place, and lists by distance.
      await page.goto('/?postcode=34131&radius=50&order=nearest');
      await page.locator('main [data-testid="offer-card-distance"]').first().waitFor();
      const distances = (await page.locator('main [data-testid="offer-card-distance"]').allTextContents()).map((text) => Number(text.replace(/[^\d,]/g, '').replace(',', '.')));
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
      await expect(page.getByTestId('order-switch').inputValue()).resolves.toBe('nearest');

      // The disclosure page, linked from the results.
      await page.getByTestId('ranking-disclosure-link').click();
      await page.getByRole('heading', { level: 1, name: 'Wie der Marktplatz Angebote ordnet' }).waitFor();
      await page.getByTestId('no-payment').getByText('Niemand kann für einen besseren Platz bezahlen', { exact: false }).waitFor();
      await page.locator('[data-feature="recency"]').getByText('100 % des Gewichts').waitFor();
      await screenshot(page, `ranking-disclosure-de-${width}`);
      if (width === 390) {
        await switchLanguage(page, 'en');
        await page.getByRole('heading', { level: 1, name: 'How the marketplace orders offers' }).waitFor();
        await screenshot(page, 'ranking-disclosure-en-390');
        await page.goto('/');
        await page.locator('main .offer-card').first().getByText('Why here?').click();
        await page.locator('main .offer-card').first().getByTestId('why-here-total').getByText(/of 100$/).waitFor();
        await screenshot(page, 'marketplace-why-here-en-390');
      }
    }
  });

  it('previews the demo ranking proposal beside the ranking in force, and shows a producer where their offers would move', async () => {
    for (const width of [1280, 390]) {
      const page = await newPage({ width, email: producer.email });
      await page.goto('/proposals');
      await page.getByRole('link', { name: demoOpenRankingVote.title }).first().click();
      const preview = page.getByTestId('ranking-preview');
      await preview.getByTestId('ranking-preview-proposed').locator('li').first().waitFor();
      await expect(preview.getByTestId('ranking-preview-now').locator('li').count()).resolves.toBe(10);
      // The share of ecological offers among the first 20, in both columns.
      await expect(preview.locator('[data-metric="ecological"] td').allTextContents()).resolves.toEqual([expect.stringMatching(/^\d+\s%$/), expect.stringMatching(/^\d+\s%$/)]);
      await expect(preview.locator('[data-metric="distance"] td').first().textContent()).resolves.toBe('nur mit Ort');
      await preview.getByLabel('Von einer Postleitzahl aus', { exact: false }).fill('34117');
      await preview.getByRole('button', { name: 'Anwenden' }).click();
      await preview.locator('[data-metric="distance"] td', { hasText: 'km' }).first().waitFor();
      await preview.getByTestId('ranking-preview-mine').or(preview.getByText('Keines deiner Angebote ist unter den ersten 50.')).first().waitFor();
      await screenshot(page, `ranking-preview-${width}`);
    }
  });

  it('a member posts a need, a producer answers it and the member sees the notification', async () => {
    const need = `Suche Walnüsse ${randomUUID().slice(0, 6)}`;
    const member = await newPage({ width: 390, email: buyer.email });
    await member.goto('/needs');
    await member.getByLabel('Titel').fill(need);
    await member.getByLabel('Kategorie').selectOption('food.fruit');
    await member.getByLabel('Ort', { exact: true }).fill('Kassel');
    await member.getByRole('button', { name: 'Gesuch aufgeben' }).click();
    await member.getByRole('heading', { level: 2, name: need }).waitFor();

    const producerPage = await newPage({ email: producer.email });
    await producerPage.goto('/needs');
    const article = producerPage.locator('article', { has: producerPage.getByRole('heading', { name: need }) });
    await article.getByText('Mit einem Angebot antworten').click();
    await article.getByLabel('Angebot').selectOption({ index: 1 });
    await article.getByLabel('Nachricht (optional)').fill('Haben wir ab Oktober.');
    await article.getByRole('button', { name: 'Antworten', exact: true }).click();
    await article.getByText('Deine Antwort wurde gesendet.').waitFor();
    await article.getByText('Haben wir ab Oktober.', { exact: false }).waitFor();
    await screenshot(producerPage, 'marketplace-need-answered');

    await member.goto('/notifications');
    await member.getByText(need, { exact: false }).first().waitFor();
    // On a phone the count is in the header's menu, and the menu button shows that there is news.
    await member.getByRole('button', { name: 'Menü Neue Nachrichten oder Benachrichtigungen' }).click();
    await member.getByTestId('unread-count').waitFor();
    await screenshot(member, 'marketplace-notifications-mobile');
    await member.getByTestId('menu-button').click();
    await member.getByRole('button', { name: 'Alle als gelesen markieren' }).click();
    await member.getByTestId('unread-count').waitFor({ state: 'detached' });
    await member.getByRole('button', { name: 'Menü', exact: true }).waitFor();
  });
});
