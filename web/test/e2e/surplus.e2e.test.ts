// Sharing the surplus in the browser, from the vote to the wallet: Lena buys from Martin and confirms, so
// the contribution fills the fund; Lena drafts a surplus rule in the proposal form and opens the vote,
// members vote for it, the deadline passes while the server is down and the close enacts the rule;
// then time travels: the orders are moved into a month that ended before the last one (which the
// scheduled run has already distributed) and the enacted rule's date before that month. The board
// sees the dry run of that month with Lena's share and the check that the shares add up, runs it with
// a confirmation and watches it being booked; Lena sees the share in her wallet and how it was
// computed. With E2E_DATABASE_URL and E2E_REDIS_URL the same flow runs in services mode.
import type { Page } from 'playwright-core';
import { passVotingDeadline, useFlowInBrowser } from './flow';
import { graphqlInPage, screenshot } from './support';

const lena = 'lena@demo.allmende.coop';
const martin = 'martin@demo.allmende.coop';
const board = 'jonas@demo.allmende.coop';
const voters = ['ben@demo.allmende.coop', 'mia@demo.allmende.coop', 'noah@demo.allmende.coop'];
const closeTimeoutMs = 90_000;

jest.setTimeout(480_000);

const flow = useFlowInBrowser('surplus');

/** The month before the last ended one ("2026-10" on 7 December 2026), its middle, and a day in the month before it. */
function monthsBack(): { period: string; closedAt: string; ruleEnactedAt: string } {
  const now = new Date();
  const start = (monthsAgo: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 1));
  const target = start(2);
  const period = `${target.getUTCFullYear()}-${String(target.getUTCMonth() + 1).padStart(2, '0')}`;
  return { period, closedAt: new Date(target.getTime() + 14 * 86_400_000).toISOString(), ruleEnactedAt: start(3).toISOString() };
}

/** An order of a new offer of Martin's, bought by Lena, accepted, fulfilled and confirmed through the API. */
async function confirmedOrder(lenaPage: Page, martinPage: Page, title: string, price: string): Promise<void> {
  const created = await graphqlInPage(
    martinPage,
    `mutation($input: OfferInput!) { createOffer(input: $input, publish: true) { ... on MutationCreateOfferSuccess { data { id } } } }`,
    { input: { title, description: 'Für die Verteilung des Überschusses.', categoryCode: 'food.dairy', kind: 'good', price, unit: 'Stück', stock: 5 } },
  );
  const offerId = created.createOffer.data.id as string;
  await graphqlInPage(lenaPage, `mutation($input: CartItemInput!) { addToCart(input: $input) { __typename } }`, { input: { offerId, quantity: 1 } });
  const checkedOut = await graphqlInPage(
    lenaPage,
    `mutation($input: CheckoutInput!) { checkout(input: $input) { __typename ... on MutationCheckoutSuccess { data { orders { id } } } } }`,
    { input: { idempotencyKey: `surplus-e2e-${price.replace('.', '-')}`, expectedPrices: [{ offerId, price }] } },
  );
  expect(checkedOut.checkout.__typename).toBe('MutationCheckoutSuccess');
  const id = checkedOut.checkout.data.orders[0].id as string;
  for (const [page, mutation] of [[martinPage, 'acceptOrder'], [martinPage, 'fulfilOrder'], [lenaPage, 'confirmOrder']] as const) {
    const moved = await graphqlInPage(page, `mutation($id: ID!) { ${mutation}(id: $id) { __typename } }`, { id });
    expect(moved[mutation].__typename).toMatch(/Success$/);
  }
}

it('members vote a surplus rule, the month ends, the board runs the dry run and the distribution, and a member sees the share', async () => {
  const { period, closedAt, ruleEnactedAt } = monthsBack();
  const buyerPage = await flow.openPage({ email: lena });
  const martinPage = await flow.openPage({ email: martin });
  await confirmedOrder(buyerPage, martinPage, 'Bergkäse am Stück', '12.00');
  await confirmedOrder(buyerPage, martinPage, 'Frischmilch im Glas', '8.00');

  // Lena drafts the rule in the proposal form on her phone, the parts adding up to 100 %.
  const page = await flow.openPage({ email: lena, width: 390 });
  await page.goto('/proposals/new');
  const form = page.getByTestId('proposal-form');
  await form.locator('#proposal-kind').selectOption('surplus');
  await form.getByLabel('Titel').fill('Überschuss zurückgeben');
  await form.getByLabel('Begründung').fill('Wer bei uns einkauft und verkauft, soll etwas vom Überschuss zurückbekommen.');
  // The rule in force (the founding one) fills the form: the whole fund kept, a mix by purchases.
  expect(await form.locator('#proposal-surplusReserve').inputValue()).toBe('100');
  expect(await form.locator('#proposal-surplusMix').inputValue()).toBe('100');
  await form.getByLabel('Anteil des Fonds (%)').check();
  await form.locator('#proposal-surplusReserve').fill('20');
  await form.locator('#proposal-surplusMix').fill('60');
  await form.locator('#proposal-surplus-sales').fill('10');
  await form.locator('#proposal-surplus-equal').fill('30');
  await form.getByRole('button', { name: 'Konto hinzufügen' }).click();
  await form.locator('#proposal-surplusAccounts').fill('solidaritaet');
  await form.locator('#proposal-surplus-account-0-name').fill('Solidaritätsfonds');
  await form.locator('#proposal-surplus-account-0-percent').fill('10');
  await form.getByTestId('surplus-sum').getByText('Zusammen: 110 %').waitFor();
  await form.getByTestId('save-proposal').click();
  await form.getByText('Die Anteile müssen ganze Zahlen von 0 bis 100 sein und zusammen 100 % ergeben.').waitFor();
  await form.locator('#proposal-surplus-equal').fill('20');
  await form.getByTestId('surplus-sum').getByText('Zusammen: 100 %').waitFor();
  await screenshot(page, 'surplus-1-proposal-form-390');
  await form.getByTestId('save-proposal').click();
  await page.getByRole('heading', { level: 1, name: 'Überschuss zurückgeben' }).waitFor();
  // The comparison in words, line by line.
  await page.getByText('Nach Einkäufen').first().waitFor();
  await page.getByText('An „Solidaritätsfonds“').first().waitFor();
  await screenshot(page, 'surplus-2-proposal-390');
  const proposalPath = new URL(page.url()).pathname;
  const proposalRowId = proposalPath.split('/').pop()!;
  expect(proposalRowId).toMatch(/^[0-9a-f-]{36}$/);

  // She opens the vote for the shortest window the rules allow and votes yes; three members follow.
  const votingDays = Number(await page.getByTestId('voting-days').inputValue());
  expect(votingDays).toBeGreaterThan(0);
  await page.getByTestId('open-voting').click();
  await page.getByTestId('confirm-author-action').getByTestId('confirm-yes').click();
  await page.getByTestId('proposal-status').filter({ hasText: 'Abstimmung läuft' }).waitFor();
  await page.getByTestId('vote-yes').click();
  await page.getByTestId('my-vote').getByText('Du hast mit „Ja“ gestimmt.').waitFor();
  const proposalId = Buffer.from(`Proposal:${proposalRowId}`).toString('base64');
  for (const voter of voters) {
    const voterPage = await flow.openPage({ email: voter });
    const voted = await graphqlInPage(voterPage, `mutation($id: ID!) { castVote(proposalId: $id, choice: yes) { __typename } }`, { id: proposalId });
    expect(voted.castVote.__typename).toBe('MutationCastVoteSuccess');
  }

  // The deadline passes while the server is down, and the orders close in the target month.
  await flow.whileStopped(async (query) => {
    await passVotingDeadline(query, proposalRowId, votingDays);
    const orders = await query(`UPDATE "Order" SET "closedAt" = $1::timestamptz WHERE status = 'confirmed'`, [closedAt]);
    expect(orders.rowCount).toBeGreaterThanOrEqual(2);
  });

  // Started again, the governance sweep closes the vote, which enacts the rule.
  const closed = await flow.openPage({ email: lena });
  await flow.waitForResult(closed, proposalPath, closeTimeoutMs);
  await closed.getByTestId('result-end-state').getByText('Angenommen').waitFor();
  await closed.getByTestId('enacted-version').waitFor();
  await screenshot(closed, 'surplus-3-vote-closed');

  // Time travel: the rule the vote enacted was in force before the target month began.
  await flow.whileStopped(async (query) => {
    const backdated = await query(`UPDATE "PolicyVersion" SET "enactedAt" = $2::timestamptz WHERE "proposalId" = $1 AND kind = 'surplus'`, [proposalRowId, ruleEnactedAt]);
    expect(backdated.rowCount).toBe(1);
  });

  // The board's dry run of the month: Lena's share, the totals and the check.
  const boardPage = await flow.openPage({ email: board });
  await boardPage.goto('/board/surplus');
  await boardPage.getByTestId('surplus-period').fill(period);
  await boardPage.getByRole('button', { name: 'Probeberechnung zeigen' }).click();
  await boardPage.getByTestId('surplus-check').filter({ hasText: 'genau' }).waitFor();
  // The recipients as the API lists them (a failure shows the whole dry run): both traders and the fund.
  const preview = await graphqlInPage(
    boardPage,
    `query($period: String) { surplusPreview(period: $period) { __typename ... on QuerySurplusPreviewSuccess { data { shareCount sharesSum totals { distributable } shares(first: 100) { name amount } } } } }`,
    { period },
  );
  const names = (preview.surplusPreview.data?.shares ?? []).map((share: { name: string }) => share.name).sort();
  if (JSON.stringify(names) !== JSON.stringify(['Hof Sonnenwiese (Martin Hofmann)', 'Lena Fischer', 'Solidaritätsfonds'])) {
    throw new Error(`The dry run lists other recipients: ${JSON.stringify(preview)}`);
  }
  const rows = boardPage.getByTestId('surplus-shares').locator('tbody tr');
  await rows
    .filter({ hasText: 'Hof Sonnenwiese' })
    .waitFor()
    .catch(async (error: unknown) => {
      // What the page shows instead: the period in the field and the totals.
      const shown = { period: await boardPage.getByTestId('surplus-period').inputValue(), totals: await boardPage.getByTestId('surplus-totals').innerText() };
      throw new Error(`${String(error)}\nThe page shows: ${JSON.stringify(shown)}`);
    });
  await rows.filter({ hasText: 'Solidaritätsfonds' }).waitFor();
  // The search narrows the table to Lena.
  await boardPage.getByTestId('surplus-search').fill('Lena');
  await rows.filter({ hasText: 'Hof Sonnenwiese' }).waitFor({ state: 'detached' });
  const lenaRow = rows.filter({ hasText: 'Lena Fischer' });
  await lenaRow.waitFor();
  expect(await rows.count()).toBe(1);
  const lenaShare = (await lenaRow.locator('td').last().innerText()).trim();
  await boardPage.getByTestId('surplus-search').fill('');
  await rows.filter({ hasText: 'Hof Sonnenwiese' }).waitFor();
  await screenshot(boardPage, 'surplus-4-dry-run');
  await boardPage.setViewportSize({ width: 390, height: 900 });
  await screenshot(boardPage, 'surplus-4-dry-run-390');
  await boardPage.setViewportSize({ width: 1280, height: 900 });

  // The run, confirmed, booked while the board watches.
  await boardPage.getByTestId('surplus-run').click();
  await boardPage.getByTestId('confirm-dialog-submit').click();
  await boardPage.getByTestId('surplus-progress').filter({ hasText: 'Gebucht' }).waitFor({ timeout: 60_000 });
  await boardPage.getByTestId(`surplus-run-${period}`).waitFor();
  await screenshot(boardPage, 'surplus-5-booked');

  // Lena sees the share received, and in her statement the link to how it was computed.
  const lenaPage = await flow.openPage({ email: lena, width: 390 });
  await lenaPage.goto('/wallet');
  const received = lenaPage.getByTestId('surplus-received').filter({ hasText: period });
  await received.waitFor();
  expect(await received.innerText()).toContain(lenaShare);
  await lenaPage.getByTestId('statement-surplus').first().waitFor();
  await screenshot(lenaPage, 'surplus-6-wallet-390');
  await received.getByRole('link').click();
  await lenaPage.getByTestId('surplus-explanation').waitFor();
  expect(await lenaPage.getByTestId('surplus-share-total').innerText()).toContain(lenaShare);
  expect(await lenaPage.getByTestId('surplus-line-purchases').innerText()).toContain('20,00');
  await screenshot(lenaPage, 'surplus-7-explanation-390');

  // The transparency page lists the distribution with its totals, for everyone.
  await lenaPage.goto('/transparency');
  await lenaPage.getByTestId(`surplus-run-${period}`).waitFor();
  await screenshot(lenaPage, 'surplus-8-transparency-390');
  await lenaPage.setViewportSize({ width: 1280, height: 900 });
  await lenaPage.goto('/wallet');
  await lenaPage.getByTestId('surplus-received').first().waitFor();
  await screenshot(lenaPage, 'surplus-9-wallet');
});
