// The notification e-mail job in the embedded setting: each notification becomes one .eml file in the
// outbox, in the recipient's language and with a link into the web app; running the job again, or
// twice at once, sends nothing twice; members who turned e-mail off get none.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestApi, testConfig, type TestApi } from './support/api';
import { createMember, createOffer, type TestMember } from './support/orders';
import { createLogger } from '../src/logger';
import { notificationEmails } from '../src/jobs';
import { createMailer, type Mailer } from '../src/mail/mailer';
import { addToCart } from '../src/orders/cart';
import { checkout } from '../src/orders/checkout';
import { acceptOrder } from '../src/orders/order-lifecycle';
import { emailAgeMaxMs, emailAttemptsMax, sendPendingNotificationEmails } from '../src/notifications/send-notification-emails';
import { decodeEml } from './support/mail';

describe('notification e-mails', () => {
  let api: TestApi;
  let buyer: TestMember;
  let producer: TestMember;
  let outboxDir: string;
  let keyCounter = 0;
  const logger = createLogger('silent');

  beforeAll(async () => {
    api = await createTestApi();
    buyer = await createMember(api, 'Tilda');
    producer = await createMember(api, 'Udo', ['member', 'producer']);
    await api.database.prisma.member.update({ where: { id: buyer.id }, data: { locale: 'en' } });
    outboxDir = mkdtempSync(path.join(tmpdir(), 'allmende-outbox-'));
    const config = testConfig({ MAIL_OUTBOX_DIR: outboxDir, PUBLIC_URL: 'https://markt.example.org/' });
    mailer = createMailer(config.mail);
  });
  afterAll(() => api.close());

  let mailer: Mailer;
  const runJob = () => notificationEmails.handle({}, { ...api.services, mailer, logger, attempt: 1, signal: new AbortController().signal });
  const outbox = () => readdirSync(outboxDir).sort();
  const read = (name: string) => decodeEml(readFileSync(path.join(outboxDir, name), 'utf8'));

  async function placeOrder(): Promise<string> {
    const offer = await createOffer(api, producer.id, { title: 'Käse', price: '7.00', stock: 20 });
    await addToCart(api.database.prisma, buyer.id, { offerId: offer.id, quantity: 1 });
    keyCounter += 1;
    const { orderIds } = await checkout(api.services, buyer, { idempotencyKey: `mail-order-${keyCounter}`, expectedPrices: [{ offerId: offer.id, price: '7.00' }] });
    return orderIds[0]!;
  }

  it('writes one .eml per notification in the recipient language, with a link, and nothing on a second run', async () => {
    const orderId = await placeOrder();
    await runJob();
    const [placedMail, ...others] = outbox();
    expect(others).toEqual([]);
    const placed = read(placedMail!);
    expect(placed).toContain('To: udo@example.org');
    expect(placed).toContain('Subject: Allmende: Neue Bestellung: Käse');
    expect(placed).toContain('Tilda Test hat „Käse“ für 7,00 Taler bestellt.');
    expect(placed).toContain(`https://markt.example.org/orders/${orderId}`);

    await runJob();
    expect(outbox()).toEqual([placedMail]);
    const notification = await api.database.prisma.notification.findFirstOrThrow({ where: { link: `/orders/${orderId}`, kind: 'order_placed' } });
    expect(notification).toMatchObject({ emailStatus: 'sent', emailAttempts: 1 });
    expect(notification.emailSentAt).not.toBeNull();

    await acceptOrder(api.services, { id: producer.id, roles: ['member', 'producer'] }, orderId);
    await runJob();
    const added = outbox().filter((name) => name !== placedMail);
    expect(added).toHaveLength(1);
    const accepted = read(added[0]!);
    expect(accepted).toContain('To: tilda@example.org');
    expect(accepted).toContain('Subject: Allmende: Order accepted: Käse');
    expect(accepted).toContain('Udo Test accepted your order "Käse".');
    expect(accepted).toContain(`https://markt.example.org/orders/${orderId}`);
  });

  it('sends each e-mail once when two runs overlap', async () => {
    const before = outbox().length;
    await placeOrder();
    await placeOrder();
    await Promise.all([runJob(), runJob(), runJob()]);
    expect(outbox().length - before).toBe(2);
  });

  it('sends no e-mail to a member who turned them off', async () => {
    await api.database.prisma.member.update({ where: { id: producer.id }, data: { emailNotifications: false } });
    try {
      const before = outbox().length;
      const orderId = await placeOrder();
      await runJob();
      expect(outbox().length).toBe(before);
      const notification = await api.database.prisma.notification.findFirstOrThrow({ where: { link: `/orders/${orderId}` } });
      expect(notification.emailStatus).toBe('skipped');
      expect(notification.readAt).toBeNull();
    } finally {
      await api.database.prisma.member.update({ where: { id: producer.id }, data: { emailNotifications: true } });
    }
  });

  it('gives a notification back after a failed send and gives up after the last attempt', async () => {
    const orderId = await placeOrder();
    const where = { link: `/orders/${orderId}`, kind: 'order_placed' };
    let sends = 0;
    const broken: Mailer = {
      kind: 'smtp',
      publicUrl: 'https://markt.example.org',
      async send() {
        sends += 1;
        throw new Error('connection refused');
      },
    };
    expect(await sendPendingNotificationEmails(api.database.prisma, broken)).toMatchObject({ sent: 0, failed: 1 });
    expect(await api.database.prisma.notification.findFirstOrThrow({ where })).toMatchObject({ emailStatus: 'pending', emailAttempts: 1 });
    for (let attempt = 2; attempt <= emailAttemptsMax; attempt += 1) await sendPendingNotificationEmails(api.database.prisma, broken);
    expect(sends).toBe(emailAttemptsMax);
    expect(await api.database.prisma.notification.findFirstOrThrow({ where })).toMatchObject({ emailStatus: 'failed', emailAttempts: emailAttemptsMax });
    const before = outbox().length;
    await runJob();
    expect(outbox().length).toBe(before);
  });

  it('skips notifications too old to be news', async () => {
    const before = outbox().length;
    const old = await api.database.prisma.notification.create({
      data: { recipientId: producer.id, kind: 'order_placed', payload: { orderTitle: 'Alt' }, link: '/orders', createdAt: new Date(Date.now() - emailAgeMaxMs - 60_000) },
    });
    await runJob();
    expect(outbox().length).toBe(before);
    expect((await api.database.prisma.notification.findUniqueOrThrow({ where: { id: old.id } })).emailStatus).toBe('skipped');
  });
});
