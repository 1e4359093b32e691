// Server logs carry no personal data: during a member's flow through the API (register, a wrong and a
// right login, a direct message, checkout, an order message, the e-mail and export jobs), at the most
// verbose level, no log line holds an e-mail address, a name, a password or a message's text. Data
// whose purpose ended expires: old notifications and old outbox e-mails.
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { admitMember } from '../src/governance/admit-member';
import { dataRetention, myDataExport, notificationEmails, type JobContext } from '../src/jobs';
import { createLogger } from '../src/logger';
import { expireEndedData } from '../src/my-data/expire-ended-data';
import { createGraphQLHandler } from '../src/server';
import { createServices, type Services } from '../src/services';
import { ensureCooperativeLedger } from '../src/wallet/ensure-cooperative-ledger';
import { createTestDatabase } from '../../scripts/test/database';
import { ApiClient } from './support/api';
import { buildMember, buildOffer } from './support/builders';
import { testConfig } from './support/services';

describe('logs and retention', () => {
  const lines: string[] = [];
  let services: Services;
  let folder: string;
  let client: () => ApiClient;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'allmende-log-privacy-'));
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const config = testConfig({ OFFER_LIST_CACHE_SECONDS: '0', LOG_LEVEL: 'trace', DATA_DIR: folder, MAIL_OUTBOX_DIR: path.join(folder, 'outbox') });
    services = createServices(config, await createTestDatabase(), { logger: createLogger('trace', 'allmende', destination) });
    await ensureCooperativeLedger(services.ledger);
    const handler = createGraphQLHandler(services);
    client = () => new ApiClient(handler);
  });
  afterAll(async () => {
    await services.close();
    rmSync(folder, { recursive: true, force: true });
  });

  function jobContext(): JobContext {
    return { ...services, attempt: 1, signal: new AbortController().signal };
  }

  it('logs no e-mail address, name, password or message text during a member flow', async () => {
    const secrets = {
      email: 'wilma.verborgen@example.org',
      name: 'Wilma Verborgen',
      password: 'Lange geheime Losung 77',
      directMessage: 'Treffen wir uns am Brunnen?',
      orderMessage: 'Bitte klingeln bei Hinterhaus',
    };
    const database = { database: { prisma: services.prisma } } as Parameters<typeof buildMember>[0];
    const producer = await buildMember(database, { displayName: 'Hannes Hofladen', email: 'hannes.hofladen@example.org', roles: ['member', 'producer'] });
    const board = await buildMember(database, { displayName: 'Bea Vorstand', roles: ['member', 'admin'] });
    const offer = await buildOffer(database, producer.id, { title: 'Kartoffeln', price: '4.20' });

    const wilma = client();
    const registered = await wilma.graphql<{ register: { __typename: string; data: { id: string } } }>(
      `mutation($input: RegisterInput!) { register(input: $input) { __typename ... on MutationRegisterSuccess { data { id } } } }`,
      { input: { email: secrets.email, password: secrets.password, displayName: secrets.name } },
    );
    expect(registered.data?.register.__typename).toBe('MutationRegisterSuccess');
    const wilmaId = (await services.prisma.member.findUniqueOrThrow({ where: { email: secrets.email } })).id;
    await admitMember(services.prisma, board, wilmaId);

    const failed = await client().graphql(`mutation($input: LoginInput!) { login(input: $input) { __typename } }`, { input: { email: secrets.email, password: 'falsch falsch falsch' } });
    expect(failed.data?.login.__typename).toBe('InvalidCredentialsError');
    const login = await wilma.graphql(`mutation($input: LoginInput!) { login(input: $input) { __typename } }`, { input: { email: secrets.email, password: secrets.password } });
    expect(login.data?.login.__typename).toBe('MutationLoginSuccess');

    const message = await wilma.graphql(`mutation($to: ID!, $body: String!) { sendDirectMessage(recipientId: $to, body: $body) { __typename } }`, {
      to: encodeGlobalID('Member', producer.id),
      body: secrets.directMessage,
    });
    expect(message.data?.sendDirectMessage.__typename).toBe('MutationSendDirectMessageSuccess');
    await wilma.graphql(`mutation($input: CartItemInput!) { addToCart(input: $input) { __typename } }`, { input: { offerId: encodeGlobalID('Offer', offer.id), quantity: 1 } });
    const checkout = await wilma.graphql<{ checkout: { __typename: string; data: { orders: { id: string }[] } } }>(
      `mutation($input: CheckoutInput!) { checkout(input: $input) { __typename ... on MutationCheckoutSuccess { data { orders { id } } } } }`,
      { input: { idempotencyKey: 'log-privacy-checkout', expectedPrices: [{ offerId: encodeGlobalID('Offer', offer.id), price: '4.20' }] } },
    );
    expect(checkout.data?.checkout.__typename).toBe('MutationCheckoutSuccess');
    const orderId = checkout.data!.checkout.data.orders[0]!.id;
    const orderMessage = await wilma.graphql(`mutation($id: ID!, $body: String!) { sendOrderMessage(orderId: $id, body: $body) { __typename } }`, { id: orderId, body: secrets.orderMessage });
    expect(orderMessage.data?.sendOrderMessage.__typename).toBe('MutationSendOrderMessageSuccess');
    // A request that fails unexpectedly is logged too: a malformed document.
    await wilma.graphql(`{ me { displayName `);

    await notificationEmails.handle({}, jobContext());
    expect(readdirSync(path.join(folder, 'outbox')).length).toBeGreaterThan(0);
    const requested = await wilma.graphql<{ requestMyDataExport: { data: { id: string } } }>(`mutation { requestMyDataExport { ... on MutationRequestMyDataExportSuccess { data { id } } } }`);
    await myDataExport.handle({ exportId: requested.data!.requestMyDataExport.data.id }, jobContext());
    await wilma.graphql(`mutation { logout }`);

    // The capture works: the flow was logged, down to the debug lines of the GraphQL server.
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.some((line) => line.includes('"level":20'))).toBe(true);
    const leaks = lines.filter((line) => Object.values(secrets).some((secret) => line.toLowerCase().includes(secret.toLowerCase())));
    expect(leaks).toEqual([]);
  });

  it('deletes notifications and outbox e-mails whose retention has ended', async () => {
    const member = await buildMember({ database: { prisma: services.prisma } } as Parameters<typeof buildMember>[0], {});
    const day = 86_400_000;
    const now = new Date();
    await services.prisma.notification.createMany({
      data: [
        { recipientId: member.id, kind: 'credits_received', createdAt: new Date(now.getTime() - 181 * day) },
        { recipientId: member.id, kind: 'credits_received', createdAt: new Date(now.getTime() - 179 * day) },
      ],
    });
    const oldMail = path.join(folder, 'outbox', 'old.eml');
    writeFileSync(oldMail, 'To: someone@example.org');
    utimesSync(oldMail, new Date(now.getTime() - 31 * day), new Date(now.getTime() - 31 * day));
    const outboxBefore = readdirSync(path.join(folder, 'outbox')).length;

    const deleted = await expireEndedData(services.prisma, { notificationRetentionDays: 180, outboxDir: path.join(folder, 'outbox'), outboxRetentionDays: 30 }, { now });
    expect(deleted).toEqual({ notifications: 1, outboxFiles: 1, unverifiedDataUseRequests: 0 });
    expect(await services.prisma.notification.count({ where: { recipientId: member.id } })).toBe(1);
    expect(readdirSync(path.join(folder, 'outbox'))).toHaveLength(outboxBefore - 1);
    // The job runs the same with the configured settings (180 and 30 days by default).
    await dataRetention.handle({}, jobContext());
    expect(await services.prisma.notification.count({ where: { recipientId: member.id } })).toBe(1);
  });
});
