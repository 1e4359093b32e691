// Walks every page of the app at a phone's and a desktop's width in both languages, as the member
// each page is for, and checks what every page owes its visitor: it fits the screen (no sideways
// scrolling), it asks no other server for anything (no tracking, no foreign images or fonts), it
// logs no error, and its browser tab says which page it is, in the visitor's language. Every page
// is photographed into test-artifacts/e2e/ for review.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoPassword, graphqlInPage, type Language, repositoryRoot, screenshot, useAppInBrowser } from './support';

type Role = 'visitor' | 'member' | 'producer' | 'admin' | 'accountant';

/** Demo members (api/src/seed/demo-data.ts) with the role each page is for. */
const emails: Record<Exclude<Role, 'visitor'>, string> = {
  member: 'lena@demo.allmende.coop',
  producer: 'martin@demo.allmende.coop',
  admin: 'jonas@demo.allmende.coop',
  accountant: 'sabine@demo.allmende.coop',
};
const widths = [390, 1280] as const;
/** One row of header: the brand, links or buttons at least 44 px high, and the padding. */
const headerHeightMax = 80;
const languages: Language[] = ['de', 'en'];

/** Long text without spaces where members can type it: it must wrap instead of widening the page. */
const unbroken = (length: number) => 'Gemüsekistenabonnement'.repeat(Math.ceil(length / 22)).slice(0, length);

interface Fixture {
  offerPath: string;
  producerPath: string;
  needPath: string;
  /** Placed, waiting for the producer. */
  placedOrderPath: string;
  /** Reported by the buyer as a problem. */
  disputedOrderPath: string;
  /** The member's conversation with the producer. */
  conversationPath: string;
  /** The demo's closed vote, and the member's draft of a proposal. */
  closedProposalPath: string;
  draftProposalPath: string;
  /** The member's payment with the long memo, opened in the audit journal; the member's account statement. */
  auditTransferPath: string;
  auditAccountPath: string;
}

interface Walk {
  route: string;
  path: (fixture: Fixture) => string;
}

/** The pages each role opens; together they cover every route in web/src/router.ts. */
const walks: Record<Role, Walk[]> = {
  visitor: [
    { route: 'home', path: () => '/' },
    { route: 'login', path: () => '/login' },
    { route: 'register', path: () => '/register' },
    { route: 'password-forgot', path: () => '/password/forgot' },
    { route: 'password-reset', path: () => '/password/reset?token=unknown-token' },
    { route: 'offer', path: (fixture) => fixture.offerPath },
    { route: 'producer', path: (fixture) => fixture.producerPath },
    { route: 'needs', path: (fixture) => fixture.needPath },
    { route: 'not-found', path: () => '/no-such-page' },
    { route: 'proposals', path: () => '/proposals' },
    { route: 'proposal', path: (fixture) => fixture.closedProposalPath },
    { route: 'proposal-minutes', path: (fixture) => `${fixture.closedProposalPath}/minutes` },
    { route: 'transparency', path: () => '/transparency' },
    { route: 'statistics', path: () => '/statistics' },
    { route: 'privacy', path: () => '/privacy' },
    { route: 'data-use-request', path: () => '/data-use/request' },
    { route: 'data-use-verify', path: () => '/data-use/verify?token=unknown-token' },
    { route: 'left-cooperative', path: () => '/account/left' },
    { route: 'ranking', path: () => '/ranking' },
  ],
  member: [
    { route: 'wallet', path: () => '/wallet' },
    { route: 'surplus-share', path: () => '/wallet/surplus/2026-11' },
    { route: 'cart', path: () => '/cart' },
    { route: 'orders', path: () => '/orders' },
    { route: 'order', path: (fixture) => fixture.disputedOrderPath },
    { route: 'messages', path: () => '/messages' },
    { route: 'conversation', path: (fixture) => fixture.conversationPath },
    { route: 'notifications', path: () => '/notifications' },
    { route: 'account', path: () => '/account' },
    { route: 'my-data', path: () => '/account/my-data' },
    { route: 'data-use', path: () => '/data-use' },
    { route: 'leave-cooperative', path: () => '/account/leave' },
    { route: 'proposal-new', path: () => '/proposals/new' },
    { route: 'proposal-edit', path: (fixture) => `${fixture.draftProposalPath}/edit` },
    { route: 'membership', path: () => '/membership' },
  ],
  producer: [
    { route: 'dashboard', path: () => '/dashboard' },
    { route: 'dashboard-challenges', path: () => '/dashboard/challenges' },
    { route: 'order', path: (fixture) => fixture.placedOrderPath },
    { route: 'wallet', path: () => '/wallet' },
    { route: 'producer', path: (fixture) => fixture.producerPath },
  ],
  admin: [
    { route: 'disputes', path: () => '/disputes' },
    { route: 'order', path: (fixture) => fixture.disputedOrderPath },
    { route: 'board-applications', path: () => '/board/applications' },
    { route: 'board-register', path: () => '/board/register' },
    { route: 'board-challenges', path: () => '/board/challenges' },
    { route: 'board-surplus', path: () => '/board/surplus' },
  ],
  accountant: [
    { route: 'audit', path: () => '/audit' },
    { route: 'audit-journal', path: () => '/audit/journal' },
    { route: 'audit-transfer', path: (fixture) => fixture.auditTransferPath },
    { route: 'audit-accounts', path: () => '/audit/accounts' },
    { route: 'audit-account', path: (fixture) => fixture.auditAccountPath },
    { route: 'audit-holds', path: () => '/audit/holds' },
    { route: 'audit-summary', path: () => '/audit/summary' },
    { route: 'audit-verification', path: () => '/audit/verification' },
    { route: 'audit-exports', path: () => '/audit/exports' },
    { route: 'audit-periods', path: () => '/audit/periods' },
    { route: 'audit-log', path: () => '/audit/log' },
  ],
};

const { newPage } = useAppInBrowser();
let fixture: Fixture;

async function logInByApi(page: Page, email: string): Promise<void> {
  const data = await graphqlInPage(page, 'mutation($input: LoginInput!) { login(input: $input) { __typename } }', {
    input: { email, password: demoPassword },
  });
  expect(data.login.__typename).toBe('MutationLoginSuccess');
}

/** The order page's path: notifications and lists link with the row id inside the global id. */
function orderPath(globalId: string): string {
  return `/orders/${Buffer.from(globalId, 'base64').toString().split(':')[1]}`;
}

/**
 * What members can type at its longest: a producer profile, an offer, a need, a payment memo and a
 * problem report with long words, and two orders, one placed and one reported as a problem.
 */
async function createFixture(): Promise<Fixture> {
  const producer = await newPage();
  await producer.goto('/');
  await logInByApi(producer, emails.producer);
  const profile = await graphqlInPage(
    producer,
    `mutation($input: ProducerProfileInput!) { updateProducerProfile(input: $input) { __typename ... on MutationUpdateProducerProfileSuccess { data { id } } } }`,
    {
      input: {
        name: 'Hof Sonnenwiese',
        description: `Bioland-Hof. ${unbroken(300)}`,
        contactEmail: `${'hofladen.sonnenwiese.bestellungen'.repeat(3)}@example.org`,
        openingHours: unbroken(120),
        postcode: '34225',
        deliveryOptions: ['pickup', 'delivery', 'shipping'],
      },
    },
  );
  expect(profile.updateProducerProfile.__typename).toBe('MutationUpdateProducerProfileSuccess');
  const offer = await graphqlInPage(
    producer,
    `mutation($input: OfferInput!) { createOffer(input: $input, publish: true) { __typename ... on MutationCreateOfferSuccess { data { id price } } } }`,
    {
      input: {
        title: unbroken(120),
        description: unbroken(600),
        categoryCode: 'food.vegetables',
        kind: 'good',
        price: '12.50',
        unit: unbroken(30),
        stock: 50,
        deliveryOptions: ['pickup', 'delivery'],
      },
    },
  );
  expect(offer.createOffer.__typename).toBe('MutationCreateOfferSuccess');
  const offerId = offer.createOffer.data.id as string;

  const member = await newPage();
  await member.goto('/');
  await logInByApi(member, emails.member);
  const recipients = await graphqlInPage(member, 'query($search: String!) { recipients(search: $search) { id displayName } }', { search: 'Sonnenwiese' });
  const sent = await graphqlInPage(
    member,
    `mutation($input: SendCreditsInput!) { sendCredits(input: $input) { __typename } }`,
    { input: { recipientId: recipients.recipients[0].id, amount: '1.25', memo: unbroken(200), idempotencyKey: 'pages-e2e-long-memo' } },
  );
  expect(sent.sendCredits.__typename).toBe('MutationSendCreditsSuccess');
  const need = await graphqlInPage(
    member,
    `mutation($input: PostNeedInput!) { postNeed(input: $input) { __typename ... on MutationPostNeedSuccess { data { id } } } }`,
    {
      input: {
        title: unbroken(100),
        description: unbroken(600),
        categoryCode: 'food.vegetables',
        expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      },
    },
  );
  expect(need.postNeed.__typename).toBe('MutationPostNeedSuccess');

  // The producer's member id is the row id inside the profile's global id.
  const producerMemberRowId = Buffer.from(profile.updateProducerProfile.data.id, 'base64').toString().split(':')[1]!;
  const producerMemberId = Buffer.from(`Member:${producerMemberRowId}`).toString('base64');
  for (const body of [unbroken(600), 'Hast du nächste Woche wieder Feldsalat?']) {
    const message = await graphqlInPage(member, 'mutation($recipientId: ID!, $body: String!) { sendDirectMessage(recipientId: $recipientId, body: $body) { __typename } }', {
      recipientId: producerMemberId,
      body,
    });
    expect(message.sendDirectMessage.__typename).toBe('MutationSendDirectMessageSuccess');
  }
  const deliveries = [{ producerId: producerMemberId, option: 'delivery', note: unbroken(300), message: unbroken(600) }];

  const orderIds: string[] = [];
  for (const key of ['pages-e2e-order-1', 'pages-e2e-order-2']) {
    await graphqlInPage(member, 'mutation($input: CartItemInput!) { addToCart(input: $input) { __typename } }', { input: { offerId, quantity: 2 } });
    const checkout = await graphqlInPage(
      member,
      `mutation($input: CheckoutInput!) { checkout(input: $input) { __typename ... on MutationCheckoutSuccess { data { orders { id } } } } }`,
      { input: { idempotencyKey: key, expectedPrices: [{ offerId, price: '12.50' }], deliveries } },
    );
    expect(checkout.checkout.__typename).toBe('MutationCheckoutSuccess');
    orderIds.push(checkout.checkout.data.orders[0].id);
  }
  const [placedId, disputedId] = orderIds as [string, string];
  await graphqlInPage(producer, 'mutation($id: ID!) { acceptOrder(id: $id) { __typename } }', { id: disputedId });
  const disputed = await graphqlInPage(member, 'mutation($id: ID!, $reason: String!) { disputeOrder(id: $id, reason: $reason) { __typename } }', {
    id: disputedId,
    reason: unbroken(600),
  });
  expect(disputed.disputeOrder.__typename).toBe('MutationDisputeOrderSuccess');
  for (const [page, orderId] of [
    [member, disputedId],
    [producer, disputedId],
  ] as const) {
    await graphqlInPage(page, 'mutation($orderId: ID!, $body: String!) { sendOrderMessage(orderId: $orderId, body: $body) { __typename } }', {
      orderId,
      body: unbroken(600),
    });
  }
  // Something in the cart, so the cart page shows its lines.
  await graphqlInPage(member, 'mutation($input: CartItemInput!) { addToCart(input: $input) { __typename } }', { input: { offerId, quantity: 3 } });

  const closed = await graphqlInPage(member, '{ proposals(phase: closed, first: 1) { edges { node { id } } } }', {});
  const draft = await graphqlInPage(
    member,
    `mutation($input: CreateProposalInput!) { createProposal(input: $input) { __typename ... on MutationCreateProposalSuccess { data { id } } } }`,
    { input: { kind: 'resolution', title: `Resolution ${unbroken(60)}`, rationale: `Begründung ${unbroken(600)}` } },
  );
  expect(draft.createProposal.__typename).toBe('MutationCreateProposalSuccess');
  const proposalPath = (globalId: string) => `/proposals/${Buffer.from(globalId, 'base64').toString().split(':')[1]}`;

  const accountant = await newPage();
  await accountant.goto('/');
  await logInByApi(accountant, emails.accountant);
  const books = await graphqlInPage(
    accountant,
    '{ auditJournal(first: 1, filter: { kind: "payment" }) { ... on QueryAuditJournalSuccess { data { entries { id memo debitAccount { accountId } } } } } }',
  );
  const payment = books.auditJournal.data.entries[0];
  expect(payment.memo).toBe(unbroken(200));

  return {
    closedProposalPath: proposalPath(closed.proposals.edges[0].node.id),
    draftProposalPath: proposalPath(draft.createProposal.data.id),
    offerPath: `/offers/${encodeURIComponent(offerId)}`,
    producerPath: `/producers/${encodeURIComponent(profile.updateProducerProfile.data.id)}`,
    needPath: `/needs/${Buffer.from(need.postNeed.data.id, 'base64').toString().split(':')[1]}`,
    placedOrderPath: orderPath(placedId),
    conversationPath: `/messages/members/${producerMemberRowId}`,
    disputedOrderPath: orderPath(disputedId),
    auditTransferPath: `/audit/journal/${payment.id}`,
    auditAccountPath: `/audit/accounts/${payment.debitAccount.accountId}`,
  };
}

beforeAll(async () => {
  fixture = await createFixture();
});

it('walks every route of the router', () => {
  const source = readFileSync(path.join(repositoryRoot, 'web/src/router.ts'), 'utf8');
  const routeNames = [...source.matchAll(/name: '([a-z-]+)'/g)].map((match) => match[1]);
  const walked = new Set(Object.values(walks).flatMap((pages) => pages.map((page) => page.route)));
  expect(routeNames.length).toBeGreaterThan(10);
  expect(routeNames.filter((name) => !walked.has(name!))).toEqual([]);
});

interface Findings {
  overflow: string[];
  /** The header takes one row: links, or on narrow screens a menu button. */
  tallHeader: string[];
  foreignRequests: string[];
  consoleErrors: string[];
  titles: string[];
  wrongLanguage: string[];
}

/** Opens the role's pages in a fresh browser with that language and width and notes what is wrong. */
async function walk(role: Role, language: Language, width: number): Promise<Findings> {
  const page = await newPage({ width, height: 900, language });
  const findings: Findings = { overflow: [], tallHeader: [], foreignRequests: [], consoleErrors: [], titles: [], wrongLanguage: [] };
  let current = 'start';
  const requests: { during: string; url: URL }[] = [];
  page.on('request', (request) => requests.push({ during: current, url: new URL(request.url()) }));
  page.on('console', (message) => {
    if (message.type() === 'error') findings.consoleErrors.push(`${current}: ${message.text()}`);
  });
  await page.goto('/');
  const origin = new URL(page.url()).origin;
  if (role !== 'visitor') await logInByApi(page, emails[role]);

  for (const { route, path: pathOf } of walks[role]) {
    const target = pathOf(fixture);
    current = `${role} ${language} ${width} ${target}`;
    await page.goto(target);
    await page.waitForLoadState('networkidle');
    // Loading text is gone once a page's data is shown.
    await page.waitForFunction(() => !document.querySelector('main')?.textContent?.match(/Wird geladen|Loading/));
    const { scrollWidth, innerWidth, title, lang, headerHeight } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      title: document.title,
      lang: document.documentElement.lang,
      headerHeight: document.querySelector('header')?.getBoundingClientRect().height ?? 0,
    }));
    if (scrollWidth > innerWidth) findings.overflow.push(`${current}: ${scrollWidth} px wide`);
    if (headerHeight > headerHeightMax) findings.tallHeader.push(`${current}: ${headerHeight} px high`);
    if (lang !== language) findings.wrongLanguage.push(`${current}: lang=${lang}`);
    findings.titles.push(title);
    await screenshot(page, `pages-${role}-${route}-${language}-${width}`);
  }
  // Images shown before upload are the page's own blob: URLs; everything else must come from here.
  findings.foreignRequests = requests
    .filter(({ url }) => url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin)
    .map(({ during, url }) => `${during}: ${url.href}`);
  return findings;
}

describe.each(Object.keys(walks) as Role[])('the pages for the %s', (role) => {
  it.each(languages.flatMap((language) => widths.map((width) => [language, width] as const)))('fit, stay on this site and log no error (%s, %i px)', async (language, width) => {
    const { titles, ...findings } = await walk(role, language, width);
    expect(findings).toEqual({ overflow: [], tallHeader: [], foreignRequests: [], consoleErrors: [], wrongLanguage: [] });
    // Every page says in its tab which page it is.
    expect(titles.filter((title, index) => titles.indexOf(title) !== index)).toEqual([]);
  });
});

describe('pages that need a login or a role', () => {
  it('send a visitor to the login page and back to the page afterwards, saying nothing else', async () => {
    const page = await newPage();
    const paths = [...walks.member, ...walks.producer, ...walks.admin, ...walks.accountant]
      .filter((walked) => walked.route !== 'producer')
      .map((walked) => walked.path(fixture));
    for (const target of new Set(paths)) {
      await page.goto(target);
      await page.waitForURL((url) => url.pathname === '/login');
      expect(new URL(page.url()).searchParams.get('redirect')).toBe(target);
      await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
      // Only the login form: no page content that would contradict it.
      expect(await page.locator('main .empty-state').count()).toBe(0);
    }

    await page.goto('/orders');
    await page.getByLabel('E-Mail-Adresse').fill(emails.member);
    await page.getByLabel('Passwort').fill(demoPassword);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL((url) => url.pathname === '/orders');
    await page.getByRole('heading', { level: 1, name: 'Meine Bestellungen' }).waitFor();
    await page.getByTestId('order-status').first().waitFor();
  });

  it('tell a member without the role that the page is not for them, and only that', async () => {
    const accountant = await newPage();
    await accountant.goto('/');
    await logInByApi(accountant, emails.accountant);
    await accountant.goto('/disputes');
    expect(await accountant.getByTestId('forbidden').textContent()).toContain('Diese Seite ist nur für Mitglieder mit der Rolle Vorstand.');
    expect(await accountant.getByText('Keine offenen Streitfälle.').count()).toBe(0);
    await screenshot(accountant, 'pages-accountant-disputes-forbidden');

    const member = await newPage({ language: 'en' });
    await member.goto('/');
    await logInByApi(member, emails.member);
    await member.goto('/audit');
    expect(await member.getByTestId('forbidden').textContent()).toContain('This page is only for members with the role Accountant or Board.');
    await member.goto('/dashboard');
    expect(await member.getByTestId('forbidden').textContent()).toContain('This page is only for members with the role Producer.');
  });
});

describe('the header', () => {
  it('shows how many items are in the cart, at every width', async () => {
    for (const width of widths) {
      const page = await newPage({ width });
      await page.goto('/');
      await logInByApi(page, emails.member);
      await page.goto('/wallet');
      const cart = page.getByRole('link', { name: 'Warenkorb, 3 Artikel' });
      await cart.waitFor();
      expect(await page.getByTestId('cart-count').textContent()).toBe('3');
    }
  });

  it('puts the links behind a menu button on a phone', async () => {
    const page = await newPage({ width: 390 });
    await page.goto('/');
    await logInByApi(page, emails.producer);
    await page.goto('/wallet');
    await page.getByRole('heading', { level: 1, name: 'Geldbörse' }).waitFor();
    const menu = page.getByRole('button', { name: 'Menü' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByTestId('nav-dashboard').isVisible()).toBe(false);
    await menu.click();
    await page.getByTestId('nav-dashboard').click();
    await page.waitForURL((url) => url.pathname === '/dashboard');
    // Following a link closes the menu.
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
  });
});

describe('the statement', () => {
  it('keeps the amount and the balance in view next to a long memo, for both parties', async () => {
    for (const role of ['member', 'producer'] as const) {
      for (const width of widths) {
        const page = await newPage({ width });
        await page.goto('/');
        await logInByApi(page, emails[role]);
        await page.goto('/wallet');
        const entry = page.getByTestId('statement-entry').filter({ hasText: unbroken(200) });
        for (const cell of [entry.getByTestId('statement-amount'), entry.locator('.statement__balance')]) {
          const box = await cell.boundingBox();
          expect(box).not.toBeNull();
          expect(box!.x).toBeGreaterThanOrEqual(0);
          expect(box!.x + box!.width).toBeLessThanOrEqual(width);
        }
      }
    }
  });
});

describe('the governance pages', () => {
  it('show every tab of the proposals without scrolling sideways, and break result labels only between words', async () => {
    for (const language of languages) {
      for (const width of widths) {
        const page = await newPage({ width, language });
        await page.goto('/');
        await logInByApi(page, emails.member);
        await page.goto('/proposals');
        const tabs = page.locator('nav.tabs');
        await tabs.getByTestId('tab-drafts').waitFor();
        const { scrollWidth, clientWidth } = await tabs.evaluate((nav) => ({ scrollWidth: nav.scrollWidth, clientWidth: nav.clientWidth }));
        expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
        for (const tab of await tabs.getByRole('link').all()) {
          const box = (await tab.boundingBox())!;
          expect(box.x + box.width).toBeLessThanOrEqual(width);
        }

        await page.goto(fixture.closedProposalPath);
        const table = page.getByTestId('result-table');
        await table.waitFor();
        // A one-word label ("Stimmberechtigt", "Enthaltungen") takes one line: the label column is
        // as wide as its longest word, however narrow the column beside the proposal is.
        const brokenLabels = await table.evaluate((element) =>
          Array.from(element.querySelectorAll('th'))
            .filter((th) => !th.textContent!.trim().includes(' '))
            .filter((th) => {
              const range = document.createRange();
              range.selectNodeContents(th);
              return new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top))).size > 1;
            })
            .map((th) => th.textContent),
        );
        expect(brokenLabels).toEqual([]);
        const fits = await table.evaluate((element) => element.getBoundingClientRect().right <= element.parentElement!.getBoundingClientRect().right);
        expect(fits).toBe(true);
      }
    }
  });
});
