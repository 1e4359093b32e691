// German is the default language and the source of truth for message keys: en.ts must have the same
// shape. vue-i18n treats `@`, `|`, `{` and `}` specially; write them as {'@'} etc. when needed.
export const de = {
  app: {
    fallbackName: 'Allmende',
    skipToContent: 'Zum Inhalt springen',
    loading: 'Wird geladen …',
    retry: 'Erneut versuchen',
  },
  nav: {
    label: 'Hauptnavigation',
    home: 'Marktplatz',
    login: 'Anmelden',
    register: 'Registrieren',
    account: 'Mein Konto',
    logout: 'Abmelden',
    loggingOut: 'Wird abgemeldet …',
  },
  language: {
    label: 'Sprache',
    de: 'Deutsch',
    en: 'English',
  },
  footer: {
    tagline: 'Ein Marktplatz, der seinen Mitgliedern gehört.',
    principles: 'Keine Werbung, kein Tracking, kein verstecktes Ranking.',
  },
  home: {
    title: 'Marktplatz',
    counts: {
      members: 'Mitglieder',
      producers: 'Erzeuger:innen',
      offers: 'aktive Angebote',
    },
    countsLabel: 'Die Genossenschaft in Zahlen',
    newestOffers: 'Neueste Angebote',
    empty: 'Noch keine Angebote. Schau bald wieder vorbei.',
    loadMore: 'Mehr laden',
    loadingMore: 'Lädt …',
    allLoaded: 'Das sind alle Angebote.',
  },
  offer: {
    price: '{amount} Taler',
    perUnit: 'je {unit}',
    by: 'von {name}',
    kind: {
      good: 'Ware',
      service: 'Dienstleistung',
    },
  },
  auth: {
    email: 'E-Mail-Adresse',
    password: 'Passwort',
    displayName: 'Anzeigename',
    displayNameHint: 'So sehen dich andere Mitglieder.',
    passwordRules:
      'Mindestens 10 Zeichen, nicht nur ein wiederholtes Zeichen, nicht deine E-Mail-Adresse und kein sehr häufiges Passwort.',
    login: {
      title: 'Anmelden',
      intro: 'Melde dich mit deiner E-Mail-Adresse und deinem Passwort an.',
      submit: 'Anmelden',
      submitting: 'Wird angemeldet …',
      noAccount: 'Noch kein Mitglied?',
      toRegister: 'Jetzt registrieren',
    },
    register: {
      title: 'Registrieren',
      intro: 'Werde Mitglied der Genossenschaft und handle mit unserer gemeinsamen Währung.',
      submit: 'Konto anlegen',
      submitting: 'Konto wird angelegt …',
      haveAccount: 'Schon Mitglied?',
      toLogin: 'Hier anmelden',
    },
  },
  account: {
    title: 'Mein Konto',
    displayName: 'Anzeigename',
    email: 'E-Mail-Adresse',
    roles: 'Rollen',
    memberSince: 'Mitglied seit',
    noEmail: 'nicht hinterlegt',
  },
  category: {
    food: {
      vegetables: 'Gemüse',
      fruit: 'Obst',
      bakery: 'Brot und Backwaren',
      dairy: 'Milchprodukte und Eier',
      preserves: 'Eingemachtes und Honig',
      drinks: 'Getränke',
    },
    crafts: {
      wood: 'Holzarbeiten',
      textiles: 'Textilien',
      ceramics: 'Keramik',
    },
    household: {
      secondhand: 'Gebrauchtwaren',
      cleaning: 'Reinigung und Pflege',
      garden: 'Garten und Pflanzen',
    },
    services: {
      repair: 'Reparatur',
      care: 'Betreuung und Pflege',
      teaching: 'Unterricht und Kurse',
      transport: 'Transport und Lieferung',
      craft: 'Handwerksleistungen',
    },
  },
  role: {
    member: 'Mitglied',
    producer: 'Erzeuger:in',
    accountant: 'Rechnungsprüfung',
    admin: 'Vorstand',
  },
  notFound: {
    title: 'Seite nicht gefunden',
    body: 'Diese Seite gibt es nicht (mehr).',
    back: 'Zurück zum Marktplatz',
  },
  validation: {
    required: 'Bitte ausfüllen.',
    email: 'Bitte eine gültige E-Mail-Adresse eingeben.',
    displayNameTooShort: 'Der Anzeigename braucht mindestens 2 Zeichen.',
    passwordTooShort: 'Das Passwort braucht mindestens 10 Zeichen.',
    invalid: 'Bitte prüfe diese Angabe.',
    fixFields: 'Bitte prüfe die markierten Felder.',
  },
  errors: {
    validation_failed: 'Einige Angaben sind ungültig. Bitte prüfe die markierten Felder.',
    email_taken: 'Mit dieser E-Mail-Adresse gibt es schon ein Konto.',
    weak_password: 'Dieses Passwort ist zu schwach. Bitte beachte die Regeln unter dem Feld.',
    invalid_credentials: 'E-Mail-Adresse oder Passwort stimmen nicht.',
    UNAUTHENTICATED: 'Bitte melde dich an.',
    FORBIDDEN: 'Dafür fehlen dir die Rechte.',
    network: 'Der Server ist gerade nicht erreichbar. Bitte versuche es gleich noch einmal.',
    unknown: 'Etwas ist schiefgegangen. Bitte versuche es noch einmal.',
    loadOffers: 'Die Angebote konnten nicht geladen werden.',
    loadCooperative: 'Die Genossenschaft konnte nicht geladen werden.',
  },
};

export type MessageSchema = typeof de;
