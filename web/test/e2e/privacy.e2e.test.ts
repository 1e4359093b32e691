// The privacy page in the browser: a visitor without login reaches it from the footer and sees, by
// area, what is stored, why, how long (with the installation's settings) and who sees it, in German and
// English, on a phone and a desktop, with the ways to download or erase their data.
import { screenshot, switchLanguage, useAppInBrowser } from './support';

const { newPage } = useAppInBrowser();

describe('the privacy page in the browser', () => {
  it.each([390, 1280])('tells a visitor at %i px what is stored about members, and how to get it or erase it', async (width) => {
    const page = await newPage({ width, height: 900 });
    await page.goto('/');
    await page.getByTestId('footer-privacy').click();
    await page.getByRole('heading', { name: 'Was wir über Sie speichern' }).waitFor();
    const login = page.locator('[data-item="account.login"]');
    await login.getByText('E-Mail-Adresse, Sprache und E-Mail-Einstellung').waitFor();
    expect(await login.getByTestId('privacy-audiences').textContent()).toBe('Sie, Vorstand');
    const notifications = page.locator('[data-item="account.notifications"]');
    expect(await notifications.getByTestId('privacy-retention').textContent()).toContain('180 Tage');
    const exports = page.locator('[data-item="account.dataExports"]');
    expect(await exports.getByTestId('privacy-retention').textContent()).toContain('48 Stunden');
    const choice = page.locator('[data-item="governance.voteChoice"]');
    await choice.getByText('Niemand, auch der Vorstand nicht, sieht sie.').waitFor();
    await login.getByText('Gespeicherte Felder (3)').click();
    await login.getByText('Member.email', { exact: true }).waitFor();
    for (const area of ['account', 'marketplace', 'orders', 'messages', 'governance', 'money', 'administration']) {
      await page.getByTestId(`privacy-area-${area}`).waitFor();
    }
    expect(await page.getByTestId('privacy-my-data').getAttribute('href')).toBe('/account/my-data');
    expect(await page.getByTestId('privacy-leave').getAttribute('href')).toBe('/account/leave');
    await screenshot(page, `privacy-de-${width}`);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(width);

    await switchLanguage(page, 'en');
    await page.getByRole('heading', { name: 'What we store about you' }).waitFor();
    expect(await login.getByTestId('privacy-audiences').textContent()).toBe('you, the board');
    await choice.getByText('Nobody, the board included, sees it.').waitFor();
    expect(await notifications.getByTestId('privacy-retention').textContent()).toContain('180 days');
    await screenshot(page, `privacy-en-${width}`);
  });
});
