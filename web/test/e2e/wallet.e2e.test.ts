import type { Page } from 'playwright-core';
import { logIn, screenshot, useAppInBrowser } from './support';

const lena = { email: 'lena@demo.allmende.coop', displayName: 'Lena Fischer' };
const sabine = { email: 'sabine@demo.allmende.coop', displayName: 'Sabine Krüger' };

const { newPage } = useAppInBrowser();
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
