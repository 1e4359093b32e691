// The privacy page: its frame; what is stored, why and how long comes from the API.
export const privacyDe = {
  nav: 'Datenschutz',
  title: 'Was wir über Sie speichern',
  intro:
    'Diese Seite entsteht aus dem Datenbankschema selbst: jedes gespeicherte Feld mit Personenbezug nennt, was es ist, wozu es dient, wie lange es bleibt und wer es sieht. Es gibt keine Werbung und kein Tracking, und die App lädt nichts von fremden Servern.',
  what: 'Was',
  purpose: 'Wozu',
  retention: 'Wie lange',
  audiences: 'Wer es sieht',
  fields: 'Gespeicherte Felder',
  areas: {
    account: 'Konto und Mitgliedschaft',
    marketplace: 'Marktplatz',
    orders: 'Bestellungen und Bewertungen',
    messages: 'Nachrichten',
    governance: 'Mitbestimmung',
    money: 'Konto in Taler und Überschuss',
    administration: 'Verwaltung und Prüfung',
  },
  audience: {
    self: 'Sie',
    counterparty: 'Ihr Gegenüber',
    members: 'Mitglieder',
    public: 'alle, auch ohne Anmeldung',
    board: 'Vorstand',
    accountants: 'Buchprüfung',
    nobody: 'niemand',
  },
  rights: {
    title: 'Ihre Daten herunterladen oder löschen',
    export: 'Unter „Meine Daten“ laden Sie alles, was wir über Sie speichern, als eine Datei herunter.',
    exportLink: 'Meine Daten herunterladen',
    leave: 'Wenn Sie austreten, werden Ihre persönlichen Daten gelöscht; was oben „unter Pseudonym“ heißt, bleibt ohne Ihren Namen erhalten.',
    leaveLink: 'Austreten',
    statistics: 'Die offene Statistik veröffentlicht nur Zahlen, die mindestens so viele Mitglieder beschreiben, wie die Datenrichtlinie verlangt.',
  },
};
