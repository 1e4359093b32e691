// What the cooperative stores about people, item by item: what it is, why it is kept, how long and
// who sees it, in German and English. Every stored field of the database names one of these items or
// says why it is not personal (personal-data-fields.ts); the privacy page is generated from both.
import type { Config } from '../config';

/** The parts of the privacy page, in the order it shows them. */
export const privacyAreas = ['account', 'marketplace', 'orders', 'messages', 'governance', 'money', 'administration'] as const;
export type PrivacyArea = (typeof privacyAreas)[number];

/**
 * Who can see an item. `self`: the member it is about. `counterparty`: the other party of the same
 * order, conversation or answered need. `members`: every admitted member. `public`: everyone, without
 * logging in. `board`: members with the admin role. `accountants`: the accountant role (read-only
 * books). `nobody`: kept only to be checked (a password hash), shown to no one.
 */
export const privacyAudiences = ['self', 'counterparty', 'members', 'public', 'board', 'accountants', 'nobody'] as const;
export type PrivacyAudience = (typeof privacyAudiences)[number];

/** How long an item is kept; each one names the setting or the job that ends it. */
export const privacyRetentions = [
  'until_leaving',
  'pseudonym',
  'books',
  'sessions',
  'password_resets',
  'notifications',
  'data_exports',
  'vote_choice',
  'until_removed',
  'audit_log',
  'recounted',
  'jobs',
  'data_use_requests',
] as const;
export type PrivacyRetention = (typeof privacyRetentions)[number];

export interface LocalizedText {
  de: string;
  en: string;
}

export type RetentionSettings = Pick<Config, 'sessionTtlDays' | 'notificationRetentionDays' | 'mailOutboxRetentionDays'> & {
  myDataExport: Pick<Config['myDataExport'], 'ttlHours'>;
};

/** The wording of each retention with the numbers of this installation's settings. */
export function retentionText(retention: PrivacyRetention, settings: RetentionSettings): LocalizedText {
  switch (retention) {
    case 'until_leaving':
      return {
        de: 'Bis Sie austreten; dann wird es gelöscht.',
        en: 'Until you leave the cooperative; then it is erased.',
      };
    case 'pseudonym':
      return {
        de: 'Bleibt nach dem Austritt unter dem Pseudonym „Ehemaliges Mitglied N“, damit Bestellungen, Bewertungen und Abstimmungen ihre Geschichte behalten.',
        en: 'Kept after you leave, under the pseudonym "Former member N", so that orders, reviews and votes keep their history.',
      };
    case 'books':
      return {
        de: 'Teil der Bücher der Genossenschaft, die nicht geändert werden (Aufbewahrungspflicht nach Handelsrecht, zehn Jahre); nach dem Austritt unter Pseudonym, das Konto geschlossen.',
        en: "Part of the cooperative's books, which are never changed (commercial law asks to keep them ten years); after you leave under a pseudonym, the account closed.",
      };
    case 'sessions':
      return {
        de: `Bis die Anmeldung abläuft (${settings.sessionTtlDays} Tage) oder einen Tag nach dem Abmelden; dann löscht sie ein stündlicher Auftrag.`,
        en: `Until the login expires (${settings.sessionTtlDays} days) or a day after logging out; then an hourly job deletes it.`,
      };
    case 'password_resets':
      return {
        de: 'Der Link gilt eine Stunde; einen Tag nach seinem Ablauf löscht ein stündlicher Auftrag die Anfrage.',
        en: 'The link works for an hour; a day after it expired an hourly job deletes the request.',
      };
    case 'notifications':
      return {
        de: `${settings.notificationRetentionDays} Tage, dann gelöscht. Ohne Mailserver geschriebene E-Mails im Postausgang: ${settings.mailOutboxRetentionDays} Tage.`,
        en: `${settings.notificationRetentionDays} days, then deleted. E-mails written to the outbox folder when no mail server is set: ${settings.mailOutboxRetentionDays} days.`,
      };
    case 'data_exports':
      return {
        de: `Die Datei kann ${settings.myDataExport.ttlHours} Stunden lang heruntergeladen werden; dann werden Datei und Eintrag gelöscht.`,
        en: `The file can be downloaded for ${settings.myDataExport.ttlHours} hours; then the file and its record are deleted.`,
      };
    case 'vote_choice':
      return {
        de: 'Nur solange die Abstimmung läuft: beim Schließen wird die Wahl gelöscht, es bleibt nur der Vermerk, dass Sie abgestimmt haben.',
        en: 'Only while the vote runs: at its close the choice is erased and only the note that you voted remains.',
      };
    case 'until_removed':
      return {
        de: 'Bis Sie es entfernen, spätestens bis zum Austritt.',
        en: 'Until you remove it, at the latest until you leave.',
      };
    case 'audit_log':
      return {
        de: 'Dauerhaft: das Prüfprotokoll kann nicht geändert werden.',
        en: 'Permanently: the audit log cannot be changed.',
      };
    case 'recounted':
      return {
        de: 'Wird jede Minute aus den Bestellungen der letzten 30 Tage neu gezählt.',
        en: 'Recounted every minute from the orders of the last 30 days.',
      };
    case 'data_use_requests':
      return {
        de: 'Unbestätigte Anfragen werden gelöscht, sobald ihr Bestätigungslink abgelaufen ist (nach 24 Stunden); bestätigte bleiben als Nachweis der Abstimmung.',
        en: 'Unconfirmed requests are deleted once their confirmation link has expired (after 24 hours); confirmed ones are kept as the record of the vote.',
      };
    case 'jobs':
      return {
        de: 'Erledigte Aufträge einen Tag, fehlgeschlagene eine Woche.',
        en: 'Finished jobs a day, failed ones a week.',
      };
  }
}

export interface PrivacyItem {
  area: PrivacyArea;
  /** What is stored, in words a member understands. */
  what: LocalizedText;
  /** Why it is stored. */
  purpose: LocalizedText;
  retention: PrivacyRetention;
  audiences: readonly PrivacyAudience[];
}

function item(area: PrivacyArea, retention: PrivacyRetention, audiences: readonly PrivacyAudience[], what: LocalizedText, purpose: LocalizedText): PrivacyItem {
  return { area, retention, audiences, what, purpose };
}

/** Every item of personal data, in the order the privacy page lists them within each area. */
export const privacyItems = {
  'account.login': item(
    'account',
    'until_leaving',
    ['self', 'board'],
    { de: 'E-Mail-Adresse, Sprache und E-Mail-Einstellung', en: 'E-mail address, language and e-mail setting' },
    {
      de: 'Anmeldung, Benachrichtigungen und Links zum Zurücksetzen des Passworts in Ihrer Sprache.',
      en: 'Logging in, notifications and password reset links in your language.',
    },
  ),
  'account.password': item(
    'account',
    'until_leaving',
    ['nobody'],
    { de: 'Passwort, nur als Argon2-Hash', en: 'Password, only as an Argon2 hash' },
    { de: 'Prüfen, dass wirklich Sie sich anmelden.', en: 'Checking that it is really you who logs in.' },
  ),
  'account.membership': item(
    'account',
    'pseudonym',
    ['public'],
    {
      de: 'Anzeigename, Mitgliedsnummer, Status und Rollen, Daten von Antrag, Aufnahme und Austritt',
      en: 'Display name, member number, status and roles, dates of application, admission and leaving',
    },
    {
      de: 'Das Mitgliederverzeichnis, das die Genossenschaft führen muss (§ 30 GenG), und wer anbietet, bewertet und schreibt. Der Name wird beim Austritt durch das Pseudonym ersetzt.',
      en: 'The register of members the cooperative must keep (§ 30 GenG), and who offers, reviews and writes. On leaving, the name is replaced by the pseudonym.',
    },
  ),
  'account.application': item(
    'account',
    'until_leaving',
    ['self', 'board'],
    { de: 'Ihre Notiz zum Aufnahmeantrag und die Begründung einer Ablehnung', en: 'Your note with the application and the reason of a decline' },
    { de: 'Die Entscheidung des Vorstands über die Aufnahme.', en: "The board's decision on the admission." },
  ),
  'account.sessions': item(
    'account',
    'sessions',
    ['self'],
    { de: 'Anmeldungen: Browser-Kennung, Zeitpunkte; das Cookie nur als HMAC', en: 'Logins: browser identification, times; the cookie only as an HMAC' },
    { de: 'Angemeldet bleiben und Anmeldungen auf anderen Geräten beenden können.', en: 'Staying logged in, and ending logins on other devices.' },
  ),
  'account.passwordResets': item(
    'account',
    'password_resets',
    ['nobody'],
    { de: 'Anfragen zum Zurücksetzen des Passworts; das Token nur als SHA-256', en: 'Password reset requests; the token only as SHA-256' },
    { de: 'Den Link einmal und nur eine Stunde gelten lassen, höchstens drei E-Mails pro Stunde.', en: 'Letting the link work once and for an hour only, with at most three e-mails an hour.' },
  ),
  'account.dataExports': item(
    'account',
    'data_exports',
    ['self'],
    { de: 'Exporte Ihrer Daten und ihr Fortschritt', en: 'Exports of your data and their progress' },
    { de: 'Ihnen alles, was wir über Sie speichern, als Datei geben.', en: 'Giving you everything we store about you as one file.' },
  ),
  'account.dataUseOptOut': item(
    'account',
    'pseudonym',
    ['self'],
    { de: 'Ob und seit wann Sie jeder Datennutzung durch Dritte widersprochen haben', en: 'Whether and since when you opted out of every use of data by third parties' },
    {
      de: 'Antworten auf genehmigte Datennutzungen werden ohne Sie berechnet; Ihr Datenexport zeigt, welche Abfragen Sie mitgezählt haben.',
      en: 'Answers to granted data uses are computed without you; your data export shows which queries counted you.',
    },
  ),
  'account.notifications': item(
    'account',
    'notifications',
    ['self'],
    { de: 'Benachrichtigungen mit ihren Details und ob sie per E-Mail gingen', en: 'Notifications with their details, and whether they went out by e-mail' },
    { de: 'Sie über Bestellungen, Nachrichten, Zahlungen und Abstimmungen informieren.', en: 'Telling you about orders, messages, payments and votes.' },
  ),
  'marketplace.producerProfile': item(
    'marketplace',
    'until_leaving',
    ['public'],
    {
      de: 'Erzeugerprofil: Name, Beschreibung, Logo, Kontakt, Adresse, Lieferwege, Öffnungszeiten',
      en: 'Producer profile: name, description, logo, contact, address, delivery options, opening hours',
    },
    { de: 'Käuferinnen und Käufern zeigen, wer anbietet und wie sie Sie erreichen.', en: 'Showing buyers who offers and how to reach you.' },
  ),
  'marketplace.offerDetails': item(
    'marketplace',
    'until_leaving',
    ['public'],
    { de: 'Beschreibung, Verfügbarkeit, Ort und Bilder Ihrer Angebote', en: 'Description, availability, place and images of your offers' },
    { de: 'Ihre Angebote zeigen und nach Entfernung sortieren.', en: 'Showing your offers and sorting them by distance.' },
  ),
  'marketplace.offers': item(
    'marketplace',
    'pseudonym',
    ['public'],
    {
      de: 'Titel, Preis, Einheit, Kategorie, Bestand, ökologische Angaben und Bewertungen Ihrer Angebote',
      en: 'Title, price, unit, category, stock, ecological claims and ratings of your offers',
    },
    {
      de: 'Der Marktplatz und das gewählte Ranking. Beim Austritt werden die Angebote archiviert, da Bestellungen sie nennen.',
      en: 'The marketplace and the voted ranking. On leaving, the offers are archived, since orders name them.',
    },
  ),
  'marketplace.needs': item(
    'marketplace',
    'until_leaving',
    ['public'],
    { de: 'Ihre Gesuche und die Antworten von Erzeugern darauf', en: 'Your needs and producers\' answers to them' },
    { de: 'Erzeugern zeigen, was gesucht wird.', en: 'Showing producers what members look for.' },
  ),
  'marketplace.cart': item(
    'marketplace',
    'until_removed',
    ['self'],
    { de: 'Ihr Warenkorb', en: 'Your cart' },
    { de: 'Ihren Einkauf bis zur Bestellung merken.', en: 'Keeping your purchase until you order.' },
  ),
  'marketplace.challenges': item(
    'marketplace',
    'pseudonym',
    ['public'],
    {
      de: 'Einwände gegen ökologische Angaben: Begründung, Antwort des Erzeugers, Entscheidung',
      en: "Challenges of ecological claims: reason, the producer's answer, the decision",
    },
    { de: 'Ökologische Angaben überprüfbar machen, da sie das Ranking beeinflussen.', en: 'Making ecological claims checkable, since they feed the ranking.' },
  ),
  'marketplace.challenger': item(
    'marketplace',
    'pseudonym',
    ['self', 'board'],
    { de: 'Wer einen Einwand erhoben hat', en: 'Who filed a challenge' },
    { de: 'Rückfragen des Vorstands; der Erzeuger sieht den Namen nicht.', en: "The board's questions; the producer does not see the name." },
  ),
  'marketplace.rankingSales': item(
    'marketplace',
    'recounted',
    ['public'],
    { de: 'Anzahl Ihrer Verkäufe der letzten 30 Tage', en: 'The number of your sales in the last 30 days' },
    { de: 'Der Bonus für Erzeuger mit wenigen Verkäufen im gewählten Ranking.', en: 'The boost for producers with few sales in the voted ranking.' },
  ),
  'orders.orders': item(
    'orders',
    'pseudonym',
    ['self', 'counterparty', 'board'],
    {
      de: 'Bestellungen: Nummer, Käufer und Erzeuger, Positionen, Beträge, Lieferweg, Status und Zeitpunkte',
      en: 'Orders: number, buyer and producer, items, amounts, delivery option, state and times',
    },
    {
      de: 'Die Bestellung abwickeln und bezahlen, Streitfälle klären (der Vorstand sieht strittige Bestellungen), den Überschuss nach Umsatz verteilen.',
      en: 'Handling and paying the order, resolving disputes (the board sees disputed orders), sharing the surplus by turnover.',
    },
  ),
  'orders.notes': item(
    'orders',
    'until_leaving',
    ['self', 'counterparty', 'board'],
    { de: 'Lieferadresse, Nachricht an den Erzeuger und Grund einer Beanstandung', en: 'Delivery address, message to the producer and reason of a dispute' },
    { de: 'Die Lieferung und die Klärung eines Streitfalls.', en: 'The delivery, and resolving a dispute.' },
  ),
  'orders.reviews': item(
    'orders',
    'pseudonym',
    ['public'],
    { de: 'Bewertungen: Sterne, Text, Antwort des Erzeugers, Name des Käufers', en: "Reviews: stars, text, the producer's answer, the buyer's name" },
    { de: 'Anderen Mitgliedern bei der Wahl helfen.', en: 'Helping other members choose.' },
  ),
  'messages.texts': item(
    'messages',
    'until_leaving',
    ['self', 'counterparty', 'board'],
    { de: 'Texte Ihrer Nachrichten zu Bestellungen und zwischen Mitgliedern', en: 'Texts of your messages about orders and between members' },
    {
      de: 'Die Verständigung zwischen Ihnen und Ihrem Gegenüber; bei strittigen Bestellungen liest der Vorstand den Verlauf mit.',
      en: 'Talking with the other party; the board reads the thread of a disputed order.',
    },
  ),
  'messages.threads': item(
    'messages',
    'pseudonym',
    ['self', 'counterparty', 'board'],
    { de: 'Wer mit wem wann geschrieben und was gelesen hat', en: 'Who wrote to whom when, and what was read' },
    {
      de: 'Der Posteingang und die Zahl ungelesener Nachrichten; der Vorstand sieht nur den Verlauf strittiger Bestellungen.',
      en: 'The inbox and the count of unread messages; the board sees only the threads of disputed orders.',
    },
  ),
  'governance.proposals': item(
    'governance',
    'pseudonym',
    ['public'],
    { de: 'Ihre Anträge mit Titel, Begründung und Ergebnis, und dass Sie kommentiert haben', en: 'Your proposals with title, rationale and result, and that you commented' },
    {
      de: 'Die Mitbestimmung: Anträge, Aussprache, Abstimmung und ihr Protokoll, öffentlich wie die Regeln, die sie beschließen. Entwürfe sehen nur Sie.',
      en: 'Self-government: proposals, discussion, votes and their minutes, public like the rules they decide. Drafts only you see.',
    },
  ),
  'governance.dataUseRequest': item(
    'governance',
    'data_use_requests',
    ['public'],
    { de: 'Organisation und Zweck einer Datennutzungsanfrage', en: 'Organisation and purpose of a data-use request' },
    {
      de: 'Die Mitglieder beurteilen die Anfrage, bevor sie darüber abstimmen; die Angaben stehen auf der Seite des Antrags.',
      en: 'Members judge the request before they vote on it; the details stand on the proposal page.',
    },
  ),
  'governance.dataUseRequester': item(
    'governance',
    'data_use_requests',
    ['members'],
    { de: 'Name der Person, die eine Datennutzungsanfrage stellt', en: 'Name of the person who files a data-use request' },
    { de: 'Die Mitglieder wissen, wer fragt, bevor sie abstimmen.', en: 'Members know who is asking before they vote.' },
  ),
  'governance.dataUseRequesterEmail': item(
    'governance',
    'data_use_requests',
    ['nobody'],
    { de: 'E-Mail-Adresse und Sprache der Person, die eine Datennutzungsanfrage stellt', en: 'E-mail address and language of the person who files a data-use request' },
    {
      de: 'Der Bestätigungslink und nach einer Zustimmung der Zugangsschlüssel werden dorthin geschickt; niemand sieht die Adresse in der Anwendung.',
      en: 'The confirmation link and, once granted, the access token are sent there; nobody sees the address in the app.',
    },
  ),
  'governance.comments': item(
    'governance',
    'until_leaving',
    ['public'],
    { de: 'Texte Ihrer Kommentare zu Anträgen', en: 'Texts of your comments on proposals' },
    { de: 'Die Aussprache vor einer Abstimmung.', en: 'The discussion before a vote.' },
  ),
  'governance.voteReceipts': item(
    'governance',
    'pseudonym',
    ['self'],
    { de: 'Dass Sie stimmberechtigt waren und abgestimmt haben', en: 'That you could vote, and that you voted' },
    { de: 'Jedes Mitglied stimmt einmal ab; Quorum und Wählerverzeichnis.', en: 'One member, one vote; quorum and the electorate.' },
  ),
  'governance.voteChoice': item(
    'governance',
    'vote_choice',
    ['self'],
    { de: 'Ihre Wahl (Ja, Nein, Enthaltung)', en: 'Your choice (yes, no, abstain)' },
    {
      de: 'Sie bis zum Schluss umentscheiden lassen und die Stimmen zählen. Niemand, auch der Vorstand nicht, sieht sie.',
      en: 'Letting you change your mind until the close, and counting the votes. Nobody, the board included, sees it.',
    },
  ),
  'money.account': item(
    'money',
    'books',
    ['self', 'accountants'],
    { de: 'Ihr Konto in Taler: Kontostand, Kreditrahmen, Höchststand und seine Geschichte', en: 'Your Taler account: balance, credit limit, maximum balance and their history' },
    { de: 'Die Gemeinschaftswährung als doppelte Buchführung, die geprüft werden kann.', en: 'The community currency as double-entry books that can be audited.' },
  ),
  'money.transfers': item(
    'money',
    'books',
    ['self', 'counterparty', 'accountants'],
    { de: 'Buchungen: Betrag, Gegenkonto, Art, Verwendungszweck, Zeitpunkt', en: 'Transfers: amount, other account, kind, memo, time' },
    { de: 'Jeder Taler ist nachvollziehbar und manipulationssicher verkettet.', en: 'Every Taler can be traced, in a tamper-evident chain.' },
  ),
  'money.surplusShares': item(
    'money',
    'books',
    ['self', 'board'],
    { de: 'Ihr Anteil am Überschuss: Umsatz im Zeitraum und wie der Anteil berechnet wurde', en: 'Your share of the surplus: turnover in the period and how the share was computed' },
    { de: 'Den Überschuss nach der gewählten Regel verteilen und erklären.', en: 'Sharing the surplus by the voted rule, and explaining it.' },
  ),
  'administration.actions': item(
    'administration',
    'audit_log',
    ['board', 'accountants'],
    {
      de: 'Wer im Vorstand oder in der Prüfung was getan hat: Aufnahmen, Entscheidungen, Exporte, Läufe',
      en: 'Who on the board or among the accountants did what: admissions, decisions, exports, runs',
    },
    { de: 'Rechenschaft: jede Handlung des Vorstands ist nachprüfbar.', en: 'Accountability: every action of the board can be checked.' },
  ),
  'administration.jobs': item(
    'administration',
    'jobs',
    ['nobody'],
    { de: 'Aufträge im Hintergrund, die eine Mitglieds- oder Exportnummer nennen', en: 'Background jobs that name a member or an export by its id' },
    { de: 'E-Mails, Exporte und Buchungen außerhalb der Anfrage erledigen.', en: 'Sending e-mails, writing exports and booking outside the request.' },
  ),
} satisfies Record<string, PrivacyItem>;

export type PrivacyItemKey = keyof typeof privacyItems;
