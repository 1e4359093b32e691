// The wording of notification e-mails in the members' languages. A kind without its own wording gets
// the general one, so a new kind is mailed before it is worded here.
import { challengeAnswerDays } from '../shared/rules/challenge-rules';
import { notificationKinds } from './notification-kinds';

export type MailLocale = 'de' | 'en';
type Payload = Record<string, string>;
type Wording = { subject: (p: Payload) => string; line: (p: Payload) => string };

/** The ecological attributes' names, for the e-mails about challenges of an offer's claim. */
const attributeNames: Record<MailLocale, Record<string, string>> = {
  de: {
    organic_certified: 'Bio-zertifiziert',
    regional: 'Regional',
    second_hand: 'Gebraucht / aufbereitet',
    repairable: 'Reparierbar / Reparatur',
    packaging_free: 'Verpackungsfrei',
    low_co2_transport: 'CO₂-armer Transport',
  },
  en: {
    organic_certified: 'Organic certified',
    regional: 'Regional',
    second_hand: 'Second-hand / refurbished',
    repairable: 'Repairable / repair service',
    packaging_free: 'Packaging-free',
    low_co2_transport: 'Low-CO₂ transport',
  },
};

const attributeName = (locale: MailLocale, attribute: string | undefined) => attributeNames[locale][attribute ?? ''] ?? attribute ?? '';

const wordings: Record<MailLocale, Record<string, Wording>> = {
  de: {
    [notificationKinds.needAnswered]: { subject: (p) => `Antwort auf „${p.needTitle}“`, line: (p) => `${p.producerName} hat auf dein Gesuch „${p.needTitle}“ mit dem Angebot „${p.offerTitle}“ geantwortet.` },
    [notificationKinds.orderPlaced]: { subject: (p) => `Neue Bestellung: ${p.orderTitle}`, line: (p) => `${p.actorName} hat „${p.orderTitle}“ für ${p.orderTotal} Taler bestellt. Bitte nimm die Bestellung an oder lehne sie ab.` },
    [notificationKinds.orderAccepted]: { subject: (p) => `Bestellung angenommen: ${p.orderTitle}`, line: (p) => `${p.actorName} hat deine Bestellung „${p.orderTitle}“ angenommen.` },
    [notificationKinds.orderRejected]: { subject: (p) => `Bestellung abgelehnt: ${p.orderTitle}`, line: (p) => `${p.actorName} hat deine Bestellung „${p.orderTitle}“ abgelehnt. Die vorgemerkten ${p.orderTotal} Taler sind wieder frei.` },
    [notificationKinds.orderFulfilled]: { subject: (p) => `Bestellung geliefert: ${p.orderTitle}`, line: (p) => `${p.actorName} hat „${p.orderTitle}“ geliefert. Bitte bestätige den Erhalt oder melde ein Problem.` },
    [notificationKinds.orderCancelled]: { subject: (p) => `Bestellung storniert: ${p.orderTitle}`, line: (p) => `${p.actorName} hat die Bestellung „${p.orderTitle}“ storniert.` },
    [notificationKinds.orderDisputed]: { subject: (p) => `Problem gemeldet: ${p.orderTitle}`, line: (p) => `${p.actorName} hat zur Bestellung „${p.orderTitle}“ ein Problem gemeldet. Der Vorstand entscheidet darüber.` },
    [notificationKinds.orderConfirmed]: { subject: (p) => `Bestellung bestätigt: ${p.orderTitle}`, line: (p) => `Die Bestellung „${p.orderTitle}“ von ${p.actorName} ist bestätigt und bezahlt.` },
    [notificationKinds.orderResolved]: { subject: (p) => `Streitfall entschieden: ${p.orderTitle}`, line: (p) => `Der Streitfall zur Bestellung „${p.orderTitle}“ ist entschieden.` },
    [notificationKinds.orderMessage]: { subject: (p) => `Nachricht zu „${p.orderTitle}“`, line: (p) => `${p.actorName} schreibt zur Bestellung „${p.orderTitle}“:\n\n${p.excerpt}` },
    [notificationKinds.creditsReceived]: { subject: (p) => `${p.amount} Taler von ${p.actorName}`, line: (p) => `${p.actorName} hat dir ${p.amount} Taler gezahlt. Du findest die Buchung in deiner Geldbörse.` },
    [notificationKinds.directMessage]: { subject: (p) => `Nachricht von ${p.actorName}`, line: (p) => `${p.actorName} hat dir geschrieben:\n\n${p.excerpt}` },
    [notificationKinds.reviewReceived]: { subject: (p) => `Neue Bewertung: ${p.offerTitle}`, line: (p) => `${p.actorName} hat deine Bestellung „${p.offerTitle}“ mit ${p.rating} von 5 Sternen bewertet.` },
    [notificationKinds.votingOpened]: { subject: (p) => `Abstimmung eröffnet: ${p.title}`, line: (p) => `Über den Antrag „${p.title}“ wird jetzt abgestimmt. Du kannst bis ${p.closesAt} mit Ja, Nein oder Enthaltung stimmen.` },
    [notificationKinds.votingClosesSoon]: { subject: (p) => `Abstimmung endet bald: ${p.title}`, line: (p) => `Die Abstimmung über „${p.title}“ endet am ${p.closesAt}. Du hast noch nicht abgestimmt.` },
    [notificationKinds.proposalClosed]: { subject: (p) => `Abstimmung beendet: ${p.title}`, line: (p) => `Die Abstimmung über „${p.title}“ ist beendet. Ergebnis: ${p.endState}. Das Protokoll mit allen Zahlen steht auf der Seite des Antrags.` },
    [notificationKinds.membershipAdmitted]: { subject: () => 'Willkommen in der Genossenschaft', line: (p) => `Der Vorstand hat dich als Mitglied aufgenommen (Mitgliedsnummer ${p.memberNumber}). Du kannst jetzt handeln und abstimmen.` },
    [notificationKinds.membershipDeclined]: { subject: () => 'Dein Mitgliedsantrag', line: (p) => `Der Vorstand hat deinen Mitgliedsantrag abgelehnt. Begründung: ${p.reason}` },
    [notificationKinds.demurrageAnnounced]: {
      subject: (p) => `Umlaufgebühr für ${p.period}`,
      line: (p) => `Zum Ende des Zeitraums ${p.period} gehen nach deinem jetzigen Guthaben ${p.amount} Taler an den Gemeinschaftsfonds (Umlaufgebühr auf den Teil über dem Freibetrag). Wer vorher ausgibt, zahlt weniger.`,
    },
    [notificationKinds.attributeChallenged]: {
      subject: (p) => `Angabe angezweifelt: ${p.offerTitle}`,
      line: (p) => `Ein Mitglied zweifelt die Angabe „${attributeName('de', p.attribute)}“ deines Angebots „${p.offerTitle}“ an. Bitte antworte innerhalb von ${challengeAnswerDays} Tagen; danach entscheidet der Vorstand.`,
    },
    [notificationKinds.attributeChallengeDecided]: {
      subject: (p) => `Entscheidung zu „${attributeName('de', p.attribute)}“: ${p.offerTitle}`,
      line: (p) =>
        p.decision === 'claim_removed'
          ? `Der Vorstand hat entschieden: Die Angabe „${attributeName('de', p.attribute)}“ des Angebots „${p.offerTitle}“ wird entfernt.`
          : `Der Vorstand hat entschieden: Die Angabe „${attributeName('de', p.attribute)}“ des Angebots „${p.offerTitle}“ bleibt.`,
    },
  },
  en: {
    [notificationKinds.needAnswered]: { subject: (p) => `Answer to "${p.needTitle}"`, line: (p) => `${p.producerName} answered your need "${p.needTitle}" with the offer "${p.offerTitle}".` },
    [notificationKinds.orderPlaced]: { subject: (p) => `New order: ${p.orderTitle}`, line: (p) => `${p.actorName} ordered "${p.orderTitle}" for ${p.orderTotal} Taler. Please accept or decline the order.` },
    [notificationKinds.orderAccepted]: { subject: (p) => `Order accepted: ${p.orderTitle}`, line: (p) => `${p.actorName} accepted your order "${p.orderTitle}".` },
    [notificationKinds.orderRejected]: { subject: (p) => `Order declined: ${p.orderTitle}`, line: (p) => `${p.actorName} declined your order "${p.orderTitle}". The ${p.orderTotal} Taler held for it are free again.` },
    [notificationKinds.orderFulfilled]: { subject: (p) => `Order delivered: ${p.orderTitle}`, line: (p) => `${p.actorName} delivered "${p.orderTitle}". Please confirm receipt or report a problem.` },
    [notificationKinds.orderCancelled]: { subject: (p) => `Order cancelled: ${p.orderTitle}`, line: (p) => `${p.actorName} cancelled the order "${p.orderTitle}".` },
    [notificationKinds.orderDisputed]: { subject: (p) => `Problem reported: ${p.orderTitle}`, line: (p) => `${p.actorName} reported a problem with the order "${p.orderTitle}". The board will decide.` },
    [notificationKinds.orderConfirmed]: { subject: (p) => `Order confirmed: ${p.orderTitle}`, line: (p) => `The order "${p.orderTitle}" from ${p.actorName} is confirmed and paid.` },
    [notificationKinds.orderResolved]: { subject: (p) => `Dispute decided: ${p.orderTitle}`, line: (p) => `The dispute about the order "${p.orderTitle}" has been decided.` },
    [notificationKinds.orderMessage]: { subject: (p) => `Message about "${p.orderTitle}"`, line: (p) => `${p.actorName} writes about the order "${p.orderTitle}":\n\n${p.excerpt}` },
    [notificationKinds.creditsReceived]: { subject: (p) => `${p.amount} Taler from ${p.actorName}`, line: (p) => `${p.actorName} paid you ${p.amount} Taler. You find the entry in your wallet.` },
    [notificationKinds.directMessage]: { subject: (p) => `Message from ${p.actorName}`, line: (p) => `${p.actorName} wrote to you:\n\n${p.excerpt}` },
    [notificationKinds.reviewReceived]: { subject: (p) => `New review: ${p.offerTitle}`, line: (p) => `${p.actorName} rated your order "${p.offerTitle}" with ${p.rating} out of 5 stars.` },
    [notificationKinds.votingOpened]: { subject: (p) => `Voting opened: ${p.title}`, line: (p) => `The proposal "${p.title}" is now put to the vote. You can vote yes, no or abstain until ${p.closesAt}.` },
    [notificationKinds.votingClosesSoon]: { subject: (p) => `Voting closes soon: ${p.title}`, line: (p) => `Voting on "${p.title}" closes on ${p.closesAt}. You have not voted yet.` },
    [notificationKinds.proposalClosed]: { subject: (p) => `Voting closed: ${p.title}`, line: (p) => `Voting on "${p.title}" has closed. Result: ${p.endState}. The minutes with all figures are on the proposal's page.` },
    [notificationKinds.membershipAdmitted]: { subject: () => 'Welcome to the cooperative', line: (p) => `The board has admitted you as a member (member number ${p.memberNumber}). You can now trade and vote.` },
    [notificationKinds.membershipDeclined]: { subject: () => 'Your membership application', line: (p) => `The board has declined your membership application. Reason: ${p.reason}` },
    [notificationKinds.demurrageAnnounced]: {
      subject: (p) => `Demurrage for ${p.period}`,
      line: (p) => `At the end of the period ${p.period}, ${p.amount} Taler of your balance as it is now go to the common fund (demurrage on the part above the exempt amount). Spending before then lowers it.`,
    },
    [notificationKinds.attributeChallenged]: {
      subject: (p) => `Claim challenged: ${p.offerTitle}`,
      line: (p) => `A member doubts the claim "${attributeName('en', p.attribute)}" of your offer "${p.offerTitle}". Please answer within ${challengeAnswerDays} days; after that the board decides.`,
    },
    [notificationKinds.attributeChallengeDecided]: {
      subject: (p) => `Decision on "${attributeName('en', p.attribute)}": ${p.offerTitle}`,
      line: (p) =>
        p.decision === 'claim_removed'
          ? `The board has decided: the claim "${attributeName('en', p.attribute)}" of the offer "${p.offerTitle}" is removed.`
          : `The board has decided: the claim "${attributeName('en', p.attribute)}" of the offer "${p.offerTitle}" stays.`,
    },
  },
};

const general: Record<MailLocale, Wording> = {
  de: { subject: () => 'Neue Benachrichtigung', line: () => 'Es gibt Neuigkeiten für dich.' },
  en: { subject: () => 'New notification', line: () => 'There is news for you.' },
};

const frame: Record<MailLocale, { greeting: (name: string) => string; open: string; settings: string }> = {
  de: { greeting: (name) => `Hallo ${name},`, open: 'Öffnen:', settings: 'E-Mail-Benachrichtigungen kannst du in deinem Konto abschalten:' },
  en: { greeting: (name) => `Hello ${name},`, open: 'Open:', settings: 'You can turn off e-mail notifications in your account:' },
};

const endStateWords: Record<MailLocale, Record<string, string>> = {
  de: { passed: 'angenommen', rejected: 'abgelehnt', no_quorum: 'nicht beschlussfähig (zu wenige Stimmen)' },
  en: { passed: 'passed', rejected: 'rejected', no_quorum: 'no quorum (too few votes)' },
};

function utcDateTime(iso: string, locale: MailLocale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const format = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  });
  return `${format.format(date)} UTC`;
}

export function mailLocaleOf(locale: string): MailLocale {
  return locale === 'en' ? 'en' : 'de';
}

function textsOf(payload: unknown): Payload {
  const texts: Payload = {};
  if (typeof payload !== 'object' || payload === null) return texts;
  for (const [key, value] of Object.entries(payload)) if (typeof value === 'string' || typeof value === 'number') texts[key] = String(value);
  return texts;
}

export interface NotificationEmail {
  subject: string;
  text: string;
}

export function notificationEmail(input: { kind: string; payload: unknown; link: string; recipientName: string; locale: string; publicUrl: string }): NotificationEmail {
  const locale = mailLocaleOf(input.locale);
  const wording = wordings[locale][input.kind] ?? general[locale];
  const payload = textsOf(input.payload);
  // Amounts are stored with a decimal point; German writes a decimal comma.
  if (locale === 'de') {
    for (const key of ['orderTotal', 'amount'] as const) if (payload[key]) payload[key] = payload[key].replace('.', ',');
  }
  // The recipient's time zone is unknown here, so a deadline is written in UTC and says so.
  if (payload.closesAt) payload.closesAt = utcDateTime(payload.closesAt, locale);
  if (payload.endState) payload.endState = endStateWords[locale][payload.endState] ?? payload.endState;
  const words = frame[locale];
  const text = [
    words.greeting(input.recipientName),
    '',
    wording.line(payload),
    '',
    `${words.open} ${input.publicUrl}${input.link || '/notifications'}`,
    '',
    '-- ',
    words.settings,
    `${input.publicUrl}/account`,
    '',
  ].join('\n');
  return { subject: `Allmende: ${wording.subject(payload)}`, text };
}
