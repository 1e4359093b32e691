import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { screenshot, useAppInBrowser } from './support';

const demoMember = { email: 'lena@demo.allmende.coop', password: 'allmende-demo-2026', displayName: 'Lena Fischer' };

const { newPage } = useAppInBrowser();
let page: Page;

// Every test gets its own browser context: no cookies, storage or language choice carry over.
beforeEach(async () => {
  page = await newPage();
});

function header(page: Page) {
  return page.getByRole('navigation', { name: 'Hauptnavigation' });
}

describe('members in the browser', () => {
  it('shows the marketplace with the demo cooperative and pages through its offers', async () => {
    await page.goto('/');
    const offers = page.locator('main').getByRole('heading', { level: 3 });
    await offers.first().waitFor();
    const firstPageCount = await offers.count();
    expect(firstPageCount).toBeGreaterThan(0);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');

    await page.getByRole('button', { name: 'Mehr laden' }).click();
    await page.waitForFunction((count) => document.querySelectorAll('main h3').length > count, firstPageCount);
    await screenshot(page, 'home');

    await page.getByRole('heading', { level: 1, name: 'Allmende Demo eG' }).waitFor({ timeout: 10_000 });
  });

  it('registers a new member, shows their name and logs them out', async () => {
    const displayName = `Testmitglied ${randomUUID().slice(0, 8)}`;
    const email = `e2e-${randomUUID()}@example.org`;

    await page.goto('/');
    await header(page).getByRole('link', { name: 'Registrieren' }).click();
    await page.getByRole('heading', { name: 'Registrieren' }).waitFor();
    await page.getByLabel('Anzeigename').fill(displayName);
    await page.getByLabel('E-Mail-Adresse').fill(email);
    await page.getByLabel('Passwort').fill('Gemeinsam-handeln-2026');
    await screenshot(page, 'register-filled');
    await page.getByRole('button', { name: 'Konto anlegen' }).click();

    await header(page).getByRole('button', { name: displayName }).waitFor();
    await page.getByRole('heading', { name: 'Mein Konto' }).waitFor();
    await page.getByText(email).waitFor();
    await screenshot(page, 'register-done-account');

    // Logging out is in the menu under the member's name.
    await header(page).getByRole('button', { name: displayName }).click();
    await header(page).getByRole('button', { name: 'Abmelden' }).click();
    await header(page).getByRole('link', { name: 'Anmelden' }).waitFor();
    await expect(header(page).getByRole('button', { name: displayName }).count()).resolves.toBe(0);
    await screenshot(page, 'register-logged-out');
  });

  it('logs in as the demo member and shows their name in the header', async () => {
    await page.goto('/login');
    await page.getByLabel('E-Mail-Adresse').fill(demoMember.email);
    await page.getByLabel('Passwort').fill(demoMember.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();

    await header(page).getByRole('button', { name: demoMember.displayName }).waitFor();
    await screenshot(page, 'login-demo-member');

    // The session survives a reload: it lives in the cookie, not in the page.
    await page.reload();
    await header(page).getByRole('button', { name: demoMember.displayName }).click();
    await header(page).getByRole('link', { name: 'Mein Konto' }).click();
    await page.getByTestId('account-display-name').getByText(demoMember.displayName).waitFor();
    await screenshot(page, 'login-demo-account');
  });

  it('shows an alert for a wrong password and stays logged out', async () => {
    await page.goto('/login');
    await page.getByLabel('E-Mail-Adresse').fill(demoMember.email);
    await page.getByLabel('Passwort').fill('not-the-password-2026');
    await page.getByRole('button', { name: 'Anmelden' }).click();

    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('E-Mail-Adresse oder Passwort stimmen nicht.');
    await expect(header(page).getByRole('link', { name: 'Anmelden' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'login-wrong-password');
  });

  it('sends a visitor of the account page to the login page', async () => {
    await page.goto('/account');
    await page.waitForURL(/\/login\?redirect=/);
    await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
  });
});
