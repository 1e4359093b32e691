// A vote from draft to enacted policy in the browser: a member proposes a contribution of 5 %, opens
// voting for the shortest window the rules allow, members vote, the deadline passes while the server
// is down, the sweep closes the vote when it starts again, the transparency page shows the new version
// and the next order pays 5 % into the common fund.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { passVotingDeadline, useFlowInBrowser } from './flow';
import { cents, graphqlInPage, type Language, screenshot } from './support';

const author = 'lena@demo.allmende.coop';
const voters = ['ben@demo.allmende.coop', 'mia@demo.allmende.coop', 'noah@demo.allmende.coop'];
const producer = 'martin@demo.allmende.coop';
const board = 'jonas@demo.allmende.coop';
const demoApplicant = { email: 'jana@demo.allmende.coop', displayName: 'Jana Neumann' };
/** The shortest vote on a contribution rate the founding voting rules allow. */
const votingDays = 3;
const closeTimeoutMs = 60_000;

jest.setTimeout(480_000);

const flow = useFlowInBrowser('governance');

/** Decimal text to cents, so amounts compare without floats. */
async function fundBalance(page: Page): Promise<bigint> {
  const data = await graphqlInPage<{ cooperative: { fundBalance: string } }>(page, '{ cooperative { fundBalance } }');
  return cents(data.cooperative.fundBalance);
}

async function voteYes(email: string, proposalPath: string, options: { language?: Language; width?: number; shot?: string } = {}): Promise<void> {
  const page = await flow.openPage({ ...options, email });
  // The header counts the open vote (attached: a phone layout may fold the navigation away).
  await page.getByTestId('needs-my-vote-count').waitFor({ state: 'attached' });
  await page.goto(proposalPath);
  await page.getByTestId('vote-yes').click();
  await page.getByTestId('vote-yes').and(page.locator('[aria-pressed="true"]')).waitFor();
  await page.getByTestId('my-vote').waitFor();
  if (options.shot) await screenshot(page, options.shot);
  await page.context().close();
}

describe('governance in the browser', () => {
  it('a member proposes 5 %, members vote, the close enacts version 3 after a restart and the next order pays 5 % into the fund', async () => {
    // The member drafts the proposal in the form.
    const lena = await flow.openPage({ email: author });
    await lena.getByTestId('nav-proposals').click();
    await lena.getByTestId('new-proposal').click();
    const form = lena.getByTestId('proposal-form');
    await form.getByLabel('Titel').fill('Beitrag auf 5 % erhöhen');
    await form.getByLabel('Begründung').fill('Der Fonds soll im nächsten Jahr das Lastenrad und die Kühlzelle bezahlen.');
    await form.getByLabel('Beitrag in Prozent').fill('5');
    await screenshot(lena, 'governance-1-draft-form');
    await form.getByTestId('save-proposal').click();
    await lena.getByRole('heading', { level: 1, name: 'Beitrag auf 5 % erhöhen' }).waitFor();
    await lena.getByTestId('policy-changes').getByText('Beitrag: 2,5 % → 5 %').waitFor();
    const proposalPath = new URL(lena.url()).pathname;
    expect(proposalPath).toMatch(/^\/proposals\/[0-9a-f-]{36}$/);

    // The author opens voting for the shortest window the rules allow, after confirming. The
    // electorate is frozen then: every admitted member.
    const { cooperative } = await graphqlInPage<{ cooperative: { memberCount: number } }>(lena, '{ cooperative { memberCount } }');
    const electorate = cooperative.memberCount;
    await expect(lena.getByTestId('voting-days').inputValue()).resolves.toBe(String(votingDays));
    await lena.getByTestId('open-voting').click();
    await lena.getByTestId('confirm-author-action').getByText('Die Abstimmung für 3 Tage eröffnen?').waitFor();
    await lena.getByTestId('confirm-author-action').getByTestId('confirm-yes').click();
    await lena.getByTestId('proposal-status').filter({ hasText: 'Abstimmung läuft' }).waitFor();
    await lena.getByTestId('countdown').getByText('Noch 2 Tage, 23 Stunden').waitFor();
    await lena.getByTestId('vote-yes').click();
    await lena.getByTestId('my-vote').getByText('Du hast mit „Ja“ gestimmt.').waitFor();
    await lena.getByTestId('turnout').getByText(`1 von ${electorate} haben abgestimmt`).waitFor();
    await screenshot(lena, 'governance-2-voting-open');

    // Other members vote: one in English on a phone, one changes their mind before the close.
    await voteYes(voters[0]!, proposalPath, { language: 'en', width: 390, shot: 'governance-3-vote-en-phone' });
    await voteYes(voters[1]!, proposalPath);
    const noah = await flow.openPage({ email: voters[2] });
    await noah.goto(proposalPath);
    await noah.getByTestId('vote-no').click();
    await noah.getByTestId('my-vote').getByText('„Nein“').waitFor();
    await noah.getByTestId('vote-yes').click();
    await noah.getByTestId('my-vote').getByText('„Ja“').waitFor();
    await noah.getByTestId('turnout').getByText(`4 von ${electorate} haben abgestimmt`).waitFor();
    // Until the close nobody sees a result, only the turnout.
    expect(await noah.getByTestId('proposal-result').count()).toBe(0);

    // The deadline passes while the server is down: the window is moved back by the voting days.
    // Started again on the same data, the governance sweep closes the overdue vote.
    await flow.whileStopped((query) => passVotingDeadline(query, proposalPath.split('/').pop()!, votingDays));
    const closed = await flow.openPage({ email: author });
    await flow.waitForResult(closed, proposalPath, closeTimeoutMs);
    await closed.getByTestId('result-end-state').getByText('Angenommen').waitFor();
    expect(await closed.getByTestId('result-yes').textContent()).toBe('4');
    await closed.getByTestId('enacted-version').getByText('In Kraft als Fassung 3').waitFor();
    await screenshot(closed, 'governance-4-closed');

    // The minutes, on screen and as printed.
    await closed.getByTestId('minutes-link').click();
    await closed.getByTestId('minutes-enacted').getByText('Fassung 3').waitFor();
    await closed.emulateMedia({ media: 'print' });
    expect(await closed.locator('.site-header').isVisible()).toBe(false);
    await screenshot(closed, 'governance-5-minutes-print');
    await closed.emulateMedia({ media: 'screen' });

    // The members were told the result.
    await closed.goto('/notifications');
    await closed.getByText('Die Abstimmung über „Beitrag auf 5 % erhöhen“ ist beendet: Angenommen.').waitFor();

    // The transparency page, for visitors too: version 3 at 5 %, enacted by this vote.
    const visitor = await flow.openPage({ language: 'en', width: 390 });
    await visitor.getByTestId('footer-transparency').click();
    const rate = visitor.getByTestId('policy-contribution_rate');
    await rate.getByTestId('policy-version').getByText('Version 3').waitFor();
    await rate.getByTestId('policy-current').getByText('5%', { exact: true }).waitFor();
    await rate.getByRole('link', { name: 'Decided by the vote "Beitrag auf 5 % erhöhen"' }).first().waitFor();
    await rate.getByText('All versions: Contribution to the fund').click();
    await rate.getByTestId('history-contribution_rate-2').getByText('2.5%').waitFor();
    await rate.getByTestId('history-contribution_rate-1').getByText('Founding assembly').waitFor();
    await screenshot(visitor, 'governance-6-transparency-en-phone');

    // The next order pays 5 % of its amount into the fund.
    const producerPage = await flow.openPage({ email: producer });
    const created = await graphqlInPage(
      producerPage,
      `mutation($input: OfferInput!) { createOffer(input: $input, publish: true) { __typename ... on MutationCreateOfferSuccess { data { id } } } }`,
      { input: { title: 'Apfelsaft naturtrüb', description: 'Aus Streuobst.', categoryCode: 'food.drinks', kind: 'good', price: '10.00', unit: 'Flasche', stock: 5 } },
    );
    expect(created.createOffer.__typename).toBe('MutationCreateOfferSuccess');
    const fundBefore = await fundBalance(closed);

    await closed.goto(`/offers/${encodeURIComponent(created.createOffer.data.id as string)}`);
    await closed.getByTestId('add-to-cart').click();
    await closed.getByTestId('added-to-cart').waitFor();
    await closed.goto('/cart');
    await closed.getByTestId('checkout').click();
    await closed.getByTestId('checkout-done').waitFor();
    await producerPage.goto('/dashboard');
    await producerPage.getByTestId('accept-order').first().click();
    await producerPage.getByTestId('fulfil-order').first().click();
    await producerPage.getByTestId('order-status').filter({ hasText: 'Geliefert' }).first().waitFor();
    await closed.goto('/orders');
    await closed.getByTestId('confirm-order').first().click();
    await closed.getByTestId('confirm-dialog-submit').click();
    await closed.getByTestId('order-status').filter({ hasText: 'Abgeschlossen' }).first().waitFor();

    const orders = await graphqlInPage<{ myOrders: { edges: { node: { total: string; contributionAmount: string | null } }[] } }>(
      closed,
      '{ myOrders(first: 1) { edges { node { total contributionAmount } } } }',
    );
    expect(orders.myOrders.edges[0]?.node).toEqual({ total: '10.00', contributionAmount: '0.50' });
    expect((await fundBalance(closed)) - fundBefore).toBe(50n);
    await screenshot(closed, 'governance-7-order-confirmed');
    expect(flow.pageErrors).toEqual([]);
  });

  it('an applicant waits for the board, which admits one applicant and declines another with a reason', async () => {
    // Someone registers: every page says the application is waiting, pages for members show only that.
    const displayName = `Antragstellerin ${randomUUID().slice(0, 8)}`;
    const newcomer = await flow.openPage();
    await newcomer.goto('/register');
    await newcomer.getByLabel('Anzeigename').fill(displayName);
    await newcomer.getByLabel('E-Mail-Adresse').fill(`e2e-${randomUUID()}@example.org`);
    await newcomer.getByLabel('Passwort').fill('Gemeinsam-handeln-2026');
    await newcomer.getByRole('button', { name: 'Konto anlegen' }).click();
    await newcomer.getByTestId('current-member').waitFor();
    await newcomer.getByTestId('membership-banner').getByText('Dein Mitgliedsantrag wartet auf den Vorstand.').waitFor();
    await newcomer.goto('/wallet');
    await newcomer.getByTestId('admission-gate').getByTestId('membership-applicant').waitFor();
    await screenshot(newcomer, 'governance-8-applicant-gate');

    // The board admits the demo applicant and declines the newcomer, each after confirming.
    const jonas = await flow.openPage({ email: board });
    await jonas.getByTestId('nav-board').click();
    const demo = jonas.getByTestId('application').filter({ hasText: demoApplicant.displayName });
    const declined = jonas.getByTestId('application').filter({ hasText: displayName });
    await declined.waitFor();
    await screenshot(jonas, 'governance-9-applications');
    await demo.getByTestId('admit').click();
    await jonas.getByTestId('confirm-admit').getByTestId('confirm-yes').click();
    await jonas.getByTestId('application-done').getByText(`${demoApplicant.displayName} ist jetzt Mitglied Nr.`).waitFor();
    await declined.getByTestId('decline').click();
    const dialog = jonas.getByTestId('confirm-decline');
    // A reason is required.
    await dialog.getByTestId('confirm-yes').click();
    await dialog.getByText('Bitte eine Begründung mit 3 bis 500 Zeichen angeben.').waitFor();
    await dialog.getByLabel('Begründung').fill('Bitte stell dich zuerst beim Hoffest vor.');
    await screenshot(jonas, 'governance-10-decline-reason');
    await dialog.getByTestId('confirm-yes').click();
    await jonas.getByTestId('application-done').getByText(`Der Antrag von ${displayName} ist abgelehnt.`).waitFor();
    await jonas.getByTestId('application').filter({ hasText: displayName }).waitFor({ state: 'detached' });

    // The member register lists the admitted member with a number; the CSV is made in the browser.
    await jonas.getByTestId('board-register-link').click();
    const registerRow = jonas.getByTestId('member-register').getByRole('row').filter({ hasText: demoApplicant.displayName });
    await registerRow.getByText('Mitglied', { exact: true }).waitFor();
    await screenshot(jonas, 'governance-11-register');
    const [download] = await Promise.all([jonas.waitForEvent('download'), jonas.getByTestId('download-register').click()]);
    expect(download.suggestedFilename()).toMatch(/^mitgliederliste-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain(demoApplicant.displayName);
    expect(csv).toContain(displayName);

    // The declined newcomer reads the board's reason; the admitted applicant sees her number.
    await newcomer.goto('/membership');
    await newcomer.getByTestId('decline-reason').getByText('Bitte stell dich zuerst beim Hoffest vor.').waitFor();
    await screenshot(newcomer, 'governance-12-declined');
    const jana = await flow.openPage({ email: demoApplicant.email, language: 'en', width: 390 });
    await jana.goto('/membership');
    await jana.getByTestId('membership-admitted').getByText(/^Member number \d+, admitted on/).waitFor();
    await jana.getByTestId('nav-proposals').waitFor({ state: 'attached' });
    await screenshot(jana, 'governance-13-admitted-en-phone');
    expect(flow.pageErrors).toEqual([]);
  });
});
