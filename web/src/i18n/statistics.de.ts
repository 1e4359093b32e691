// The open statistics page.
export const statisticsDe = {
  title: 'Offene Statistik',
  intro:
    'Zahlen der Genossenschaft für alle, ohne Anmeldung. Keine veröffentlichte Zahl beschreibt weniger als {k} Mitglieder; wo eine Zahl das täte oder sich aus den anderen ausrechnen ließe, steht „verborgen“. Monate in UTC.',
  hidden: 'verborgen',
  month: 'Monat',
  total: 'Summe',
  charts: {
    volume: 'Handelsvolumen je Monat',
    volumeDescription: 'Bezahlte Bestellungen in Taler, nach dem Monat ihres Abschlusses.',
    volumeSeries: 'Volumen',
    traders: 'Wer gehandelt hat',
    ecologicalSales: 'Verkäufe ökologischer Angebote',
  },
  columns: {
    members: 'Mitglieder',
    producers: 'Erzeuger',
    ecological: 'Ökologisch',
    other: 'Übrige',
  },
  tables: {
    tradeVolume: 'Handelsvolumen nach Bereich',
    trades: 'Anzahl der Bestellungen nach Bereich',
    traders: 'Mitglieder und Erzeuger, die gehandelt haben',
    ecologicalSales: 'Verkäufe ökologischer und übriger Angebote',
    ecologicalOffers: 'Aktive Angebote mit ökologischen Angaben',
  },
  ecologicalOffers: '{ecological} von {all} aktiven Angeboten machen mindestens eine ökologische Angabe.',
  ecologicalOffersHidden: 'Der Anteil ökologischer Angebote ist verborgen: Zu wenige Erzeuger würden beschrieben.',
  downloads: 'Herunterladen',
  downloadsIntro: 'Dieselben Zahlen als Daten zur freien Nutzung: alles als JSON, jede Tabelle als CSV. Verborgene Zahlen sind leer.',
  json: 'Alle Zahlen (JSON)',
  csv: '{table} (CSV)',
  nav: 'Statistik',
};
