// A doubted ecological claim in the browser: a member challenges it on the offer page, the producer
// answers on the dashboard, the board removes it, and the offer no longer makes the claim.
import { graphqlInPage, screenshot, switchLanguage, useAppInBrowser } from './support';

const member = 'lena@demo.allmende.coop';
const producer = 'martin@demo.allmende.coop';
const board = 'jonas@demo.allmende.coop';

const { newPage } = useAppInBrowser();

describe('challenges of ecological claims in the browser', () => {
  it('a member challenges a claim, the producer answers, the board removes it', async () => {
    const producerPage = await newPage({ width: 1280, email: producer });
    const created = await graphqlInPage(
      producerPage,
      `mutation($input: OfferInput!) { createOffer(input: $input, publish: true) { __typename ... on MutationCreateOfferSuccess { data { id } } } }`,
      {
        input: {
          title: 'Kartoffeln aus der Nachbarschaft',
          description: 'Festkochend.',
          categoryCode: 'food.vegetables',
          kind: 'good',
          price: '2.10',
          unit: 'kg',
          stock: 30,
          ecologicalAttributes: ['regional', 'packaging_free'],
        },
      },
    );
    const offerId = created.createOffer.data.id as string;

    // The member doubts "Regional", first with too short a reason, on a phone.
    const memberPage = await newPage({ width: 390, email: member });
    await memberPage.goto(`/offers/${encodeURIComponent(offerId)}`);
    await memberPage.getByTestId('open-challenge').click();
    await memberPage.getByTestId('challenge-attribute').selectOption('regional');
    await memberPage.getByTestId('challenge-reason').fill('Nein.');
    await memberPage.getByTestId('submit-challenge').click();
    await memberPage.getByText('Bitte schreibe 10 bis 1000 Zeichen.').waitFor();
    await memberPage.getByTestId('challenge-reason').fill('Auf dem Markt stand, die Kartoffeln kämen aus Ägypten.');
    await memberPage.getByTestId('submit-challenge').click();
    await memberPage.getByTestId('challenge-filed').waitFor();
    await memberPage.getByTestId('claim').filter({ hasText: 'Regional' }).getByTestId('claim-under-review').waitFor();
    await screenshot(memberPage, 'challenges-offer-filed-390');

    // The producer answers from the dashboard's list.
    await producerPage.goto('/dashboard');
    await producerPage.getByTestId('dashboard-challenges-link').click();
    const item = producerPage.getByTestId('producer-challenge').filter({ hasText: 'Kartoffeln aus der Nachbarschaft' });
    await item.getByText('Auf dem Markt stand').waitFor();
    await item.getByTestId('answer-challenge').click();
    await item.getByTestId('challenge-answer').fill('Die Frühkartoffeln im März sind zugekauft, das stimmt.');
    await item.getByTestId('save-answer').click();
    await item.getByText('wartet auf die Entscheidung des Vorstands').waitFor();
    await screenshot(producerPage, 'challenges-producer-1280');

    // The board sees who filed it and removes the claim, in English, on a phone.
    const boardPage = await newPage({ width: 390, email: board });
    await switchLanguage(boardPage, 'en');
    await boardPage.goto('/board/challenges');
    const queued = boardPage.getByTestId('board-challenge').filter({ hasText: 'Kartoffeln aus der Nachbarschaft' });
    await queued.getByText('challenged by Lena Fischer').waitFor();
    await queued.getByTestId('remove-claim').click();
    const dialog = boardPage.getByTestId('confirm-decision');
    await dialog.getByTestId('decision-note').fill('Bought in, so not regional.');
    await screenshot(boardPage, 'challenges-board-confirm-390-en');
    await dialog.getByTestId('confirm-yes').click();
    await boardPage.getByTestId('challenge-decided').getByText('Decided: the claim is removed.').waitFor();
    // The decided challenge leaves the board's queue once the list is read again.
    await queued.waitFor({ state: 'detached' });

    // The offer no longer claims "Regional"; its history shows the reason, the answer and the decision.
    await memberPage.reload();
    await memberPage.getByTestId('claim').filter({ hasText: 'Verpackungsfrei' }).waitFor();
    await expect(memberPage.getByTestId('claim').filter({ hasText: 'Regional' }).count()).resolves.toBe(0);
    await memberPage.getByTestId('claim-history').locator('summary').click();
    await memberPage.getByTestId('claim-history').getByText('Angabe entfernt').waitFor();
    await memberPage.getByTestId('claim-history').getByText('Bought in, so not regional.').waitFor();
    await screenshot(memberPage, 'challenges-offer-decided-390');
  });
});
