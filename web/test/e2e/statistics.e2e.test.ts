// The open statistics in the browser: a visitor without login sees the charts and tables, in German and
// English, on a phone and a desktop, and downloads the same figures as JSON.
import { screenshot, switchLanguage, useAppInBrowser } from './support';

const { newPage } = useAppInBrowser();

describe('open statistics in the browser', () => {
  it.each([390, 1280])('show the figures to a visitor at %i px and offer them as data', async (width) => {
    const page = await newPage({ width, height: 900 });
    await page.goto('/');
    await page.getByTestId('footer-statistics').click();
    await page.getByText('Keine veröffentlichte Zahl beschreibt weniger als 10 Mitglieder').waitFor();
    await page.getByTestId('statistics-table-tradeVolume').waitFor();
    await page.getByTestId('statistics-volume').locator('canvas').waitFor();
    await screenshot(page, `statistics-de-${width}`);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(width);

    const json = await page.request.get('/statistics.json');
    expect(json.headers()['content-type']).toBe('application/json; charset=utf-8');
    const data = (await json.json()) as { minimumGroupSize: number; tables: { name: string }[] };
    expect(data.minimumGroupSize).toBe(10);
    expect(data.tables.map((table) => table.name)).toEqual(['tradeVolume', 'trades', 'traders', 'ecologicalSales', 'ecologicalOffers']);
    const csv = await page.request.get('/statistics/trades.csv');
    expect((await csv.text()).split('\r\n')[0]).toMatch(/^,food,/);

    await switchLanguage(page, 'en');
    await page.getByText('No published figure describes fewer than 10 members').waitFor();
    await screenshot(page, `statistics-en-${width}`);
  });
});
