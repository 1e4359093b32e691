// A member's export of their own data: produced by the job with progress, valid against the
// documented JSON Schema, complete and without secrets, downloadable by nobody but the member (not
// the board, not an accountant), gone after its expiry.
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { myDataExport } from '../src/jobs';
import { sendDirectMessage } from '../src/direct-messages/send-direct-message';
import { decideDataExportDownload } from '../src/my-data/download-data-export';
import { exportFilePath } from '../src/my-data/export-files';
import { expireDataExports } from '../src/my-data/expire-data-exports';
import { runDataExport } from '../src/my-data/run-data-export';
import { postNeed } from '../src/needs/post-need';
import { sendOrderMessage } from '../src/order-messages/send-order-message';
import { confirmOrder, acceptOrder, fulfilOrder } from '../src/orders/order-lifecycle';
import { reviewOrder } from '../src/reviews/review-order';
import { sessionCookieName } from '../src/members/sessions';
import { setDataUseOptOut } from '../src/data-use/opt-out';
import { createTestApi, type TestApi } from './support/api';
import { buildMember, logIn } from './support/builders';
import { buyNewOffer } from './support/orders';

const schema = JSON.parse(readFileSync(path.resolve(__dirname, '../../docs/my-data.schema.json'), 'utf8')) as object;

const requestExport = `mutation { requestMyDataExport { __typename ... on MutationRequestMyDataExportSuccess { data { id status progress downloadUrl } } ... on Error { code } } }`;
const listExports = `{ myDataExports { id status progress expiresAt downloadUrl } }`;

describe('my data export', () => {
  let api: TestApi;
  let exportDir: string;

  beforeAll(async () => {
    exportDir = path.join(mkdtempSync(path.join(tmpdir(), 'allmende-exports-')), 'members');
    api = await createTestApi({ EXPORTS_DIR: path.dirname(exportDir), MY_DATA_EXPORT_TTL_HOURS: '2' });
  });
  afterAll(async () => {
    await api.close();
    rmSync(path.dirname(exportDir), { recursive: true, force: true });
  });

  it('writes everything about the member as JSON valid against the schema, for the member alone, until it expires', async () => {
    const { prisma } = api.database;
    const rosa = await buildMember(api, { displayName: 'Rosa Exportova', email: 'rosa.export@example.org', roles: ['member', 'producer'] });
    const lena = await buildMember(api, { displayName: 'Lena Käuferin', email: 'lena.kauf@example.org' });
    const board = await buildMember(api, { displayName: 'Vorstand Export', email: 'board.export@example.org', roles: ['member', 'admin'] });
    const accountant = await buildMember(api, { displayName: 'Prüferin Export', email: 'audit.export@example.org', roles: ['member', 'accountant'] });
    await prisma.producerProfile.create({ data: { memberId: rosa.id, name: 'Hof Rosa', postcode: '10115', place: 'Berlin', contactPhone: '030 1234' } });

    // Rosa sells to Lena, they write, Lena reviews; Rosa posts a need and votes.
    const { orderId } = await buyNewOffer(api, lena, rosa.id, { price: '12.40', title: 'Honig' });
    const offer = await prisma.orderItem.findFirstOrThrow({ where: { orderId } });
    await prisma.offerImage.create({ data: { offerId: offer.offerId, position: 0, storageKey: '0f0e0d0c-0b0a-4000-8000-000000000001', width: 800, height: 600 } });
    await acceptOrder(api.services, rosa, orderId);
    await sendOrderMessage(prisma, rosa, orderId, 'Abholung ab 17 Uhr');
    await fulfilOrder(api.services, rosa, orderId);
    await confirmOrder(api.services, lena, orderId);
    await reviewOrder(prisma, lena.id, { orderId, rating: 5, text: 'Sehr lecker' });
    await sendDirectMessage(prisma, lena, { recipientId: rosa.id, body: 'Hast du auch Wachs?' });
    await postNeed(prisma, rosa.id, { title: 'Gläser gesucht', categoryCode: 'food.preserves', expiresAt: new Date(Date.now() + 7 * 86_400_000) });
    const proposal = await prisma.proposal.create({ data: { kind: 'resolution', title: 'Sommerfest', rationale: 'Feiern', authorId: board.id, status: 'voting' } });
    await prisma.vote.create({ data: { proposalId: proposal.id, memberId: rosa.id, choice: 'abstain' } });
    // A granted data-use request queried twice: once while Rosa was in, once while she had opted out.
    const dataUse = await prisma.dataUseRequest.create({
      data: {
        requesterName: 'Ida Forsch', organisation: 'Institut', email: 'ida@example.org', purpose: 'Eine Studie über regionale Märkte.', tables: ['trades'], grouping: 'category_group',
        durationDays: 30, status: 'granted', verificationExpiresAt: new Date(), grantedAt: new Date(), expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    await prisma.dataUseQuery.create({ data: { requestId: dataUse.id, table: 'trades', at: new Date(), cellCount: 234, rowCount: 12, suppressedCount: 0 } });
    await setDataUseOptOut(prisma, rosa, true, new Date(Date.now() + 500));
    await prisma.dataUseQuery.create({ data: { requestId: dataUse.id, table: 'trades', at: new Date(Date.now() + 1000), cellCount: 117, rowCount: 12, suppressedCount: 0 } });

    const rosaClient = await logIn(api, rosa.email);
    const requested = await rosaClient.graphql(requestExport);
    const created = requested.data?.requestMyDataExport.data as { id: string; status: string; progress: number; downloadUrl: string | null };
    expect(created).toMatchObject({ status: 'requested', progress: 0, downloadUrl: null });
    // Asking again while it is made returns the same export, and the job is queued once.
    expect((await rosaClient.graphql(requestExport)).data?.requestMyDataExport.data.id).toBe(created.id);
    expect(await prisma.job.count({ where: { name: myDataExport.name, jobKey: created.id } })).toBe(1);

    const progress: number[] = [];
    const watched = prisma.$extends({
      query: {
        memberDataExport: {
          async updateMany({ args, query }) {
            const value = (args.data as { progress?: unknown }).progress;
            if (typeof value === 'number') progress.push(value);
            return query(args);
          },
        },
      },
    });
    expect(await runDataExport({ ...api.services, prisma: watched as unknown as typeof prisma }, created.id)).toBe('ready');
    expect(progress.length).toBeGreaterThan(5);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(100);
    // A repeated delivery of the job finds it done.
    expect(await runDataExport(api.services, created.id)).toBe('already_done');

    const listed = (await rosaClient.graphql(listExports)).data?.myDataExports as { id: string; status: string; progress: number; downloadUrl: string }[];
    expect(listed[0]).toMatchObject({ id: created.id, status: 'ready', progress: 100, downloadUrl: `/downloads/my-data/${created.id}` });

    const row = await prisma.memberDataExport.findUniqueOrThrow({ where: { id: created.id } });
    const text = readFileSync(exportFilePath(exportDir, row.storageKey!), 'utf8');
    const document = JSON.parse(text) as Record<string, any>;
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(document) ? [] : validate.errors).toEqual([]);

    expect(document.member).toMatchObject({ email: 'rosa.export@example.org', displayName: 'Rosa Exportova', status: 'admitted' });
    expect(document.producerProfile).toMatchObject({ name: 'Hof Rosa', contactPhone: '030 1234' });
    expect(document.offers[0].images[0].url).toMatch(/^http:\/\/localhost:\d+\/media\/0f0e0d0c-0b0a-4000-8000-000000000001-display\.webp$/);
    expect(document.orders).toEqual([expect.objectContaining({ role: 'producer', otherParty: 'Lena Käuferin', status: 'confirmed', total: '12.40' })]);
    expect(document.orderMessages).toEqual([expect.objectContaining({ writtenByMe: true, body: 'Abholung ab 17 Uhr' })]);
    expect(document.directMessages).toEqual([expect.objectContaining({ writtenByMe: false, body: 'Hast du auch Wachs?', otherParty: 'Lena Käuferin' })]);
    expect(document.reviews).toEqual([expect.objectContaining({ role: 'producer', rating: 5, text: 'Sehr lecker' })]);
    expect(document.needs).toEqual([expect.objectContaining({ title: 'Gläser gesucht' })]);
    expect(document.notifications.length).toBeGreaterThan(0);
    expect(document.sessions.length).toBeGreaterThan(0);
    expect(document.voteReceipts).toEqual([expect.objectContaining({ proposalTitle: 'Sommerfest' })]);
    expect(document.dataUseAccesses).toEqual([expect.objectContaining({ table: 'trades', cellCount: 234, request: expect.objectContaining({ organisation: 'Institut' }) })]);
    expect(document.dataUseOptOuts).toEqual([{ optedOutAt: expect.any(String), optedInAt: null }]);
    expect(document.ledger.account.balance).toMatch(/^\d+\.\d{2}$/);
    // The payout of the order reached Rosa's account from escrow, with the balance after it.
    expect(document.ledger.entries).toContainEqual(expect.objectContaining({ side: 'credit', postedBalance: document.ledger.account.balance }));
    // No secrets and no choice: the password hash, session ids and the vote's choice are not in it.
    const storedMember = await prisma.member.findUniqueOrThrow({ where: { id: rosa.id } });
    expect(text).not.toContain(storedMember.passwordHash);
    for (const session of await prisma.session.findMany({ where: { memberId: rosa.id } })) expect(text).not.toContain(session.id);
    expect(text).not.toContain('abstain');

    // Only Rosa's own session opens the download: not the board, not an accountant, not Lena, not nobody.
    const tokenOf = async (email: string) => (await logIn(api, email)).cookie(sessionCookieName);
    const rosaToken = rosaClient.cookie(sessionCookieName);
    expect(await decideDataExportDownload(api.services, created.id, rosaToken)).toMatchObject({ status: 200, byteSize: Buffer.byteLength(text) });
    for (const email of [board.email, accountant.email, lena.email]) {
      expect(await decideDataExportDownload(api.services, created.id, await tokenOf(email))).toEqual({ status: 404 });
    }
    expect(await decideDataExportDownload(api.services, created.id, undefined)).toEqual({ status: 404 });
    // Nor can the board or an accountant find it through the API.
    const boardClient = await logIn(api, board.email);
    expect((await boardClient.graphql(listExports)).data?.myDataExports).toEqual([]);
    const accountantClient = await logIn(api, accountant.email);
    expect((await accountantClient.graphql(listExports)).data?.myDataExports).toEqual([]);

    // After its expiry the download is gone for Rosa too, and the expiry job removes file and row.
    const afterExpiry = new Date(row.expiresAt!.getTime() + 1);
    expect(row.expiresAt!.getTime() - row.finishedAt!.getTime()).toBe(2 * 60 * 60_000);
    expect(await decideDataExportDownload(api.services, created.id, rosaToken, afterExpiry)).toEqual({ status: 410 });
    expect(await expireDataExports(prisma, exportDir, { now: new Date(row.expiresAt!.getTime() - 1) })).toBe(0);
    expect(await expireDataExports(prisma, exportDir, { now: afterExpiry })).toBe(1);
    expect(existsSync(exportFilePath(exportDir, row.storageKey!))).toBe(false);
    expect(await prisma.memberDataExport.count({ where: { id: created.id } })).toBe(0);
  });

  it('limits the exports a member can ask for in a day', async () => {
    const member = await buildMember(api, { email: 'many.exports@example.org' });
    const client = await logIn(api, member.email);
    for (let index = 0; index < 5; index++) {
      const { data } = await client.graphql(requestExport);
      await runDataExport(api.services, data?.requestMyDataExport.data.id as string);
    }
    const refused = await client.graphql(requestExport);
    expect(refused.data?.requestMyDataExport).toEqual({ __typename: 'DataExportLimitError', code: 'data_export_limit' });
  });
});
