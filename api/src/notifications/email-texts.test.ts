import { notificationEmail } from './email-texts';
import { notificationKinds } from './notification-kinds';

const payload = {
  orderTitle: 'Brot',
  orderTotal: '6.00',
  amount: '3.25',
  actorName: 'Rosa',
  excerpt: 'Hallo',
  needTitle: 'Leiter',
  offerTitle: 'Verleih',
  producerName: 'Udo',
  rating: 4,
  title: 'Beitrag auf 5 %',
  closesAt: '2026-11-24T10:00:00.000Z',
  endState: 'passed',
  memberNumber: 15,
  reason: 'Bitte stell dich zuerst vor.',
  attribute: 'regional',
  period: '2026-11',
  decision: 'claim_removed',
};
const base = { payload, link: '/orders/1', recipientName: 'Tilda', publicUrl: 'https://markt.example.org' };

describe('notificationEmail', () => {
  it.each(Object.values(notificationKinds))('words %s in German and English with every placeholder filled', (kind) => {
    const german = notificationEmail({ ...base, kind, locale: 'de' });
    const english = notificationEmail({ ...base, kind, locale: 'en' });
    expect(german.subject).not.toBe(english.subject);
    expect(german.subject).not.toBe('Allmende: Neue Benachrichtigung');
    expect(english.subject).not.toBe('Allmende: New notification');
    for (const email of [german, english]) expect(`${email.subject}\n${email.text}`).not.toMatch(/undefined|\{|\}/);
    expect(german.text).toContain('Hallo Tilda,');
    expect(english.text).toContain('Hello Tilda,');
  });

  it('links to the notification and to the account page, and falls back for kinds it does not word', () => {
    const email = notificationEmail({ ...base, kind: 'something_new', locale: 'fr' });
    expect(email.subject).toBe('Allmende: Neue Benachrichtigung');
    expect(email.text).toContain('https://markt.example.org/orders/1');
    expect(email.text).toContain('https://markt.example.org/account');
  });

  it('writes German amounts with a decimal comma', () => {
    expect(notificationEmail({ ...base, kind: notificationKinds.orderPlaced, locale: 'de' }).text).toContain('6,00 Taler');
    expect(notificationEmail({ ...base, kind: notificationKinds.orderPlaced, locale: 'en' }).text).toContain('6.00 Taler');
    expect(notificationEmail({ ...base, kind: notificationKinds.creditsReceived, locale: 'de' }).text).toContain('Rosa hat dir 3,25 Taler gezahlt.');
    expect(notificationEmail({ ...base, kind: notificationKinds.creditsReceived, locale: 'en' }).text).toContain('Rosa paid you 3.25 Taler.');
  });

  it('writes the deadline of a vote in UTC and its end state in words', () => {
    const german = notificationEmail({ ...base, kind: notificationKinds.votingOpened, locale: 'de' });
    expect(german.text).toContain('bis 24. November 2026 um 10:00 UTC');
    const english = notificationEmail({ ...base, kind: notificationKinds.proposalClosed, locale: 'en' });
    expect(english.text).toContain('Result: passed.');
  });
});
