// Leaving the cooperative: refused with the list of what to settle while anything is open (nothing
// changes then), confirmed with the password, and afterwards no text column of any table holds the
// member's e-mail address or name, while the ledger still verifies and reviews stay under a pseudonym.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sendDirectMessage } from '../src/direct-messages/send-direct-message';
import { newStorageKey, writeImageFiles } from '../src/images/media-files';
import { closeNeed } from '../src/needs/close-need';
import { postNeed } from '../src/needs/post-need';
import { sendOrderMessage } from '../src/order-messages/send-order-message';
import { acceptOrder, confirmOrder, fulfilOrder } from '../src/orders/order-lifecycle';
import { reviewOrder } from '../src/reviews/review-order';
import { sendCredits } from '../src/wallet/send-credits';
import { ensureMemberAccount, findMemberAccount } from '../src/wallet/ensure-member-account';
import { leavingCloseAccounts } from '../src/jobs';
import { createTestApi, type TestApi } from './support/api';
import { buildMember, logIn, testPassword } from './support/builders';
import { buyNewOffer } from './support/orders';

const obligationsQuery = `{ leavingObligations { kind amount count orderNumbers } }`;
const leaveMutation = `mutation($input: LeaveCooperativeInput!) {
  leaveCooperative(input: $input) {
    __typename
    ... on LeavingBlockedError { obligations { kind amount count orderNumbers } }
    ... on ValidationError { fieldErrors { field code } }
    ... on Error { code }
  }
}`;

/** Every row of every table whose text, JSON or text-array columns contain the needle, as "table.column". */
async function placesHolding(api: TestApi, needle: string): Promise<string[]> {
  const { prisma } = api.database;
  const columns = await prisma.$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND (data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') OR udt_name IN ('_text', '_varchar'))
    ORDER BY table_name, column_name`;
  expect(columns.length).toBeGreaterThan(50);
  const found: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const [row] = await prisma.$queryRawUnsafe<{ count: bigint }[]>(
      `SELECT count(*) AS count FROM "${table}" WHERE position(lower($1) IN lower("${column}"::text)) > 0`,
      needle,
    );
    if (row && row.count > 0n) found.push(`${table}.${column}`);
  }
  return found;
}

describe('leaving the cooperative', () => {
  let api: TestApi;
  let mediaDir: string;

  beforeAll(async () => {
    mediaDir = mkdtempSync(path.join(tmpdir(), 'allmende-leave-media-'));
    api = await createTestApi({ MEDIA_DIR: mediaDir, EXPORTS_DIR: path.join(mediaDir, 'exports') });
  });
  afterAll(async () => {
    await api.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  it('lists what is open, and once all is settled erases the member and keeps the ledger under a pseudonym', async () => {
    const { prisma } = api.database;
    const name = 'Greta Geheimname';
    const email = 'greta.geheimname@example.org';
    const greta = await buildMember(api, { displayName: name, email, roles: ['member', 'producer'] });
    const paul = await buildMember(api, { displayName: 'Paul Bleibt', email: 'paul.bleibt@example.org', roles: ['member', 'producer'] });
    const board = await buildMember(api, { displayName: 'Vorstand Bleibt', email: 'vorstand.bleibt@example.org', roles: ['member', 'admin'] });
    await prisma.producerProfile.create({
      data: { memberId: greta.id, name: `Hof ${name}`, description: `Ich bin ${name}.`, contactEmail: email, postcode: '10115', place: 'Berlin', openingHours: 'Mo 9-12' },
    });
    const gretaClient = await logIn(api, email);

    // Greta buys from Paul: the hold and the open order stand in the way, and nothing changes.
    const { orderId: purchase } = await buyNewOffer(api, greta, paul.id, { price: '12.40', title: 'Brot' });
    const purchaseNumber = (await prisma.order.findUniqueOrThrow({ where: { id: purchase } })).number;
    expect((await gretaClient.graphql(obligationsQuery)).data?.leavingObligations).toEqual([
      { kind: 'outgoing_holds', amount: '12.40', count: null, orderNumbers: [] },
      { kind: 'open_orders_as_buyer', amount: null, count: 1, orderNumbers: [purchaseNumber] },
    ]);
    const blocked = await gretaClient.graphql(leaveMutation, { input: { password: testPassword } });
    expect(blocked.data?.leaveCooperative.__typename).toBe('LeavingBlockedError');
    expect((await prisma.member.findUniqueOrThrow({ where: { id: greta.id } })).email).toBe(email);

    // Greta sells to Paul, writes, reviews and posts a need: her balance and the need remain.
    await acceptOrder(api.services, paul, purchase);
    await sendOrderMessage(prisma, greta, purchase, `Viele Grüße, ${name}`);
    await fulfilOrder(api.services, paul, purchase);
    await confirmOrder(api.services, greta, purchase);
    await reviewOrder(prisma, greta.id, { orderId: purchase, rating: 4, text: 'Gutes Brot' });
    await sendDirectMessage(prisma, greta, { recipientId: paul.id, body: `Hier schreibt ${name}` });
    const { orderId: sale } = await buyNewOffer(api, paul, greta.id, { price: '3.00', title: 'Eier' });
    const saleOffer = await prisma.orderItem.findFirstOrThrow({ where: { orderId: sale } });
    await prisma.offer.update({ where: { id: saleOffer.offerId }, data: { description: `Frische Eier von ${name}`, place: 'Berlin' } });
    const storageKey = newStorageKey();
    await writeImageFiles(mediaDir, storageKey, { thumbnail: Buffer.from('t'), display: Buffer.from('d') });
    await prisma.offerImage.create({ data: { offerId: saleOffer.offerId, position: 0, storageKey, width: 10, height: 10 } });
    await acceptOrder(api.services, greta, sale);
    await fulfilOrder(api.services, greta, sale);
    await confirmOrder(api.services, paul, sale);
    const need = await postNeed(prisma, greta.id, { title: 'Suche Gläser', description: `Meldet euch bei ${name}`, categoryCode: 'food.preserves', expiresAt: new Date(Date.now() + 7 * 86_400_000) });

    const owing = (await gretaClient.graphql(obligationsQuery)).data?.leavingObligations as { kind: string; amount: string | null }[];
    expect(owing.map((obligation) => obligation.kind)).toEqual(['balance', 'open_needs']);
    const debt = owing[0]!.amount!;
    expect(debt).toMatch(/^-\d+\.\d{2}$/);

    // Paul pays the debt and Greta closes her need: nothing is open any more.
    await sendCredits(api.services, paul, { recipientId: greta.id, amount: debt.slice(1), memo: 'Ausgleich', idempotencyKey: 'settle-greta-1' });
    await closeNeed(prisma, greta.id, need.id);
    expect((await gretaClient.graphql(obligationsQuery)).data?.leavingObligations).toEqual([]);

    // A wrong password changes nothing.
    const wrong = await gretaClient.graphql(leaveMutation, { input: { password: 'nicht-das-richtige' } });
    expect(wrong.data?.leaveCooperative).toEqual({ __typename: 'ValidationError', fieldErrors: [{ field: 'password', code: 'wrong_password' }], code: 'validation_failed' });
    expect((await prisma.member.findUniqueOrThrow({ where: { id: greta.id } })).status).toBe('admitted');

    // The search finds her before she leaves, in her row and in what she wrote.
    expect(await placesHolding(api, email)).toEqual(expect.arrayContaining(['Member.email', 'ProducerProfile.contactEmail']));
    expect(await placesHolding(api, 'Geheimname')).toEqual(expect.arrayContaining(['Member.displayName', 'DirectMessage.body', 'Notification.payload', 'Offer.description']));

    const left = await gretaClient.graphql(leaveMutation, { input: { password: testPassword } });
    expect(left.data?.leaveCooperative).toEqual({ __typename: 'MutationLeaveCooperativeSuccess' });
    expect((await gretaClient.graphql('{ me { id } }')).data?.me).toBeNull();

    // Nothing in the database names her any more.
    expect(await placesHolding(api, email)).toEqual([]);
    expect(await placesHolding(api, 'Geheimname')).toEqual([]);
    expect(readdirSync(mediaDir).filter((file) => file.startsWith(storageKey))).toEqual([]);

    // The ledger still verifies; her account is closed at zero; her history stays.
    expect((await api.services.ledger.verifyLedger()).ok).toBe(true);
    const account = await findMemberAccount(api.services.ledger, greta.id);
    expect(account).toMatchObject({ status: 'closed' });
    expect(account!.creditsPosted.eq(account!.debitsPosted)).toBe(true);
    const member = await prisma.member.findUniqueOrThrow({ where: { id: greta.id } });
    expect(member).toMatchObject({ status: 'left', displayName: `Ehemaliges Mitglied ${member.memberNumber}`, roles: [] });
    expect(await prisma.order.count({ where: { OR: [{ buyerId: greta.id }, { producerId: greta.id }] } })).toBe(2);

    // Paul reads the review and his statement under the pseudonym, in his language.
    await prisma.member.update({ where: { id: paul.id }, data: { locale: 'en' } });
    const paulClient = await logIn(api, 'paul.bleibt@example.org');
    const reviews = await paulClient.graphql(`{ order(id: "${Buffer.from(`Order:${purchase}`).toString('base64')}") { buyer { displayName } } }`);
    expect(reviews.data?.order?.buyer.displayName).toBe(`Former member ${member.memberNumber}`);
    expect((await prisma.review.findFirstOrThrow({ where: { orderId: purchase } })).text).toBe('Gutes Brot');

    // The register keeps her number with status left and no name; she cannot log in again.
    const boardClient = await logIn(api, board.email);
    const register = (await boardClient.graphql(`{ memberRegister { memberNumber displayName status leftAt } }`)).data?.memberRegister as { memberNumber: number; displayName: string; status: string; leftAt: string | null }[];
    expect(register.find((entry) => entry.memberNumber === member.memberNumber)).toMatchObject({ displayName: '', status: 'left', leftAt: expect.any(String) });
    const login = await api.client().graphql(`mutation { login(input: { email: "${email}", password: "${testPassword}" }) { __typename } }`);
    expect(login.data?.login.__typename).toBe('InvalidCredentialsError');
  });

  it('closes the account of a member who left when the process stopped before closing it', async () => {
    const member = await buildMember(api, { email: 'unterbrochen@example.org' });
    const account = await ensureMemberAccount(api.services, member);
    await api.database.prisma.member.update({ where: { id: member.id }, data: { status: 'left', leftAt: new Date() } });
    expect(account.status).toBe('open');
    await leavingCloseAccounts.handle({}, { ...api.services, attempt: 1, signal: new AbortController().signal });
    expect(await findMemberAccount(api.services.ledger, member.id)).toMatchObject({ status: 'closed' });
  });
});
