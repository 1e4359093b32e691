// The demo cooperative: who is in it and what they offer. Written by seedDemoCooperative.
import type { Role } from '../../../prisma/generated/client/enums';

export const demoPassword = 'allmende-demo-2026';
export const demoEmailDomain = 'demo.allmende.coop';

type OfferRow = [title: string, description: string, categoryCode: string, kind: 'good' | 'service', price: string, unit: string];

export interface DemoMember {
  key: string;
  displayName: string;
  roles: Role[];
  offers?: OfferRow[];
}

export const demoCooperative = {
  name: 'Allmende Demo eG',
  description:
    'Eine Genossenschaft von Erzeugerinnen, Handwerkern und Nachbarn, die mit Talern handeln, einer gemeinsamen Währung auf Gegenseitigkeit.',
};

export const demoMembers: DemoMember[] = [
  { key: 'jonas', displayName: 'Jonas Weber', roles: ['member', 'admin'] },
  { key: 'lena', displayName: 'Lena Fischer', roles: ['member'] },
  { key: 'ben', displayName: 'Ben Schulz', roles: ['member'] },
  { key: 'mia', displayName: 'Mia Koch', roles: ['member'] },
  { key: 'noah', displayName: 'Noah Bauer', roles: ['member'] },
  {
    key: 'martin',
    displayName: 'Hof Sonnenwiese (Martin Hofmann)',
    roles: ['member', 'producer'],
    offers: [
      ['Kartoffeln, festkochend', 'Bio-Kartoffeln der Sorte Linda, frisch vom Feld.', 'food.vegetables', 'good', '2.40', 'kg'],
      ['Möhren mit Grün', 'Knackige Möhren aus eigenem Anbau.', 'food.vegetables', 'good', '1.80', 'Bund'],
      ['Gemüsekiste klein', 'Saisonales Gemüse für 1–2 Personen, jede Woche anders.', 'food.vegetables', 'good', '14.00', 'Kiste'],
      ['Gemüsekiste groß', 'Saisonales Gemüse für eine Familie.', 'food.vegetables', 'good', '24.00', 'Kiste'],
      ['Freilandeier', 'Eier von Hühnern mit Auslauf auf der Streuobstwiese.', 'food.dairy', 'good', '4.20', '10 Stück'],
      ['Äpfel, Boskoop', 'Alte Sorte aus der Streuobstwiese, ideal zum Backen.', 'food.fruit', 'good', '2.90', 'kg'],
      ['Kürbis Hokkaido', 'Aromatischer Hokkaido, lagerfähig bis Februar.', 'food.vegetables', 'good', '3.50', 'Stück'],
      ['Hofführung für Gruppen', 'Zwei Stunden über den Hof, mit Verkostung.', 'services.teaching', 'service', '45.00', 'Führung'],
    ],
  },
  {
    key: 'aylin',
    displayName: 'Bäckerei Korn (Aylin Demir)',
    roles: ['member', 'producer'],
    offers: [
      ['Roggenmischbrot', 'Sauerteigbrot aus regionalem Roggen, 1 kg.', 'food.bakery', 'good', '5.20', 'Laib'],
      ['Dinkelvollkornbrot', 'Mit Saaten, lange Teigführung.', 'food.bakery', 'good', '5.80', 'Laib'],
      ['Brötchen, gemischt', 'Sechs Brötchen: Weizen, Dinkel, Roggen.', 'food.bakery', 'good', '3.00', '6 Stück'],
      ['Zimtschnecken', 'Mit Butter und Ceylon-Zimt.', 'food.bakery', 'good', '2.20', 'Stück'],
      ['Apfelkuchen vom Blech', 'Mit Äpfeln vom Hof Sonnenwiese.', 'food.bakery', 'good', '2.50', 'Stück'],
      ['Sauerteig-Anstellgut', 'Aktiver Roggensauerteig für das Backen zu Hause.', 'food.bakery', 'good', '2.00', 'Glas'],
      ['Brotbackkurs', 'Einen Nachmittag lang Sauerteigbrot backen lernen.', 'services.teaching', 'service', '35.00', 'Person'],
      ['Geburtstagstorte auf Bestellung', 'Nach Absprache, für 12 Stücke.', 'food.bakery', 'good', '38.00', 'Torte'],
    ],
  },
  {
    key: 'paul',
    displayName: 'Imkerei Summ (Paul Schneider)',
    roles: ['member', 'producer'],
    offers: [
      ['Blütenhonig', 'Cremig gerührter Frühjahrshonig, 500 g.', 'food.preserves', 'good', '7.50', 'Glas'],
      ['Waldhonig', 'Kräftiger Sommerhonig, 500 g.', 'food.preserves', 'good', '8.50', 'Glas'],
      ['Bienenwachskerze', 'Handgezogen aus eigenem Wachs.', 'crafts.wood', 'good', '6.00', 'Stück'],
      ['Bienenwachstücher', 'Drei Tücher statt Frischhaltefolie.', 'household.cleaning', 'good', '12.00', 'Set'],
      ['Propolis-Tinktur', '20 ml.', 'food.preserves', 'good', '9.00', 'Flasche'],
      ['Einführung in die Imkerei', 'Ein Samstag am Bienenstand.', 'services.teaching', 'service', '40.00', 'Person'],
      ['Quittengelee', 'Aus Quitten der Nachbarschaft.', 'food.preserves', 'good', '4.80', 'Glas'],
      ['Apfelsaft naturtrüb', 'Direktsaft aus Streuobst, 1 l.', 'food.drinks', 'good', '2.60', 'Flasche'],
    ],
  },
  {
    key: 'marie',
    displayName: 'Holzwerkstatt Eiche (Marie Wagner)',
    roles: ['member', 'producer'],
    offers: [
      ['Schneidebrett aus Eiche', 'Geölt, 40 × 25 cm.', 'crafts.wood', 'good', '28.00', 'Stück'],
      ['Kinderhocker', 'Stabil, aus heimischer Buche.', 'crafts.wood', 'good', '45.00', 'Stück'],
      ['Vogelhaus', 'Mit Marderschutz.', 'household.garden', 'good', '22.00', 'Stück'],
      ['Holzlöffel-Set', 'Drei Kochlöffel aus Kirschholz.', 'crafts.wood', 'good', '18.00', 'Set'],
      ['Möbelreparatur', 'Wackelige Stühle, lose Schubladen, neue Oberflächen.', 'services.repair', 'service', '30.00', 'Stunde'],
      ['Regal nach Maß', 'Aus Altholz, auf Bestellung.', 'crafts.wood', 'good', '180.00', 'Stück'],
      ['Schnitzkurs für Kinder', 'Zwei Stunden, Material inklusive.', 'services.teaching', 'service', '20.00', 'Kind'],
      ['Hochbeet-Bausatz', 'Lärche, 120 × 80 cm.', 'household.garden', 'good', '95.00', 'Bausatz'],
    ],
  },
  {
    key: 'fatma',
    displayName: 'Nähstube Faden (Fatma Yilmaz)',
    roles: ['member', 'producer'],
    offers: [
      ['Änderungen und Flickarbeiten', 'Säume, Reißverschlüsse, Löcher.', 'services.repair', 'service', '15.00', 'Auftrag'],
      ['Einkaufsbeutel aus Stoffresten', 'Robust und waschbar.', 'crafts.textiles', 'good', '9.00', 'Stück'],
      ['Kissenbezug, Leinen', '40 × 40 cm, mit Hotelverschluss.', 'crafts.textiles', 'good', '19.00', 'Stück'],
      ['Babydecke, Bio-Baumwolle', 'Gesteppt, 75 × 100 cm.', 'crafts.textiles', 'good', '48.00', 'Stück'],
      ['Nähkurs für Einsteiger', 'Vier Abende an der Maschine.', 'services.teaching', 'service', '60.00', 'Person'],
      ['Gebrauchte Nähmaschine, überholt', 'Gewartet, mit Zubehör.', 'household.secondhand', 'good', '85.00', 'Stück'],
      ['Schürze', 'Aus Canvas mit Taschen.', 'crafts.textiles', 'good', '24.00', 'Stück'],
      ['Vorhänge kürzen', 'Pro Paar.', 'services.repair', 'service', '18.00', 'Paar'],
    ],
  },
  {
    key: 'tobias',
    displayName: 'Repair-Café (Tobias Braun)',
    roles: ['member', 'producer'],
    offers: [
      ['Fahrradreparatur', 'Bremsen, Schaltung, Schlauch; Teile nach Aufwand.', 'services.repair', 'service', '20.00', 'Stunde'],
      ['Elektrogeräte-Check', 'Toaster, Lampe, Radio: Fehlersuche und Reparatur.', 'services.repair', 'service', '15.00', 'Gerät'],
      ['Gebrauchtes Stadtrad', 'Überholt, mit Licht und Gepäckträger.', 'household.secondhand', 'good', '140.00', 'Stück'],
      ['Laptop aufbereiten', 'Neue SSD, frisches System, Datenübernahme.', 'services.repair', 'service', '45.00', 'Gerät'],
      ['Handy-Akku tauschen', 'Für gängige Modelle, Akku inklusive.', 'services.repair', 'service', '35.00', 'Gerät'],
      ['Generalüberholter Staubsauger', 'Mit neuem Filter.', 'household.secondhand', 'good', '40.00', 'Stück'],
      ['Werkzeugverleih', 'Bohrmaschine, Stichsäge, Leiter – pro Tag.', 'household.secondhand', 'service', '5.00', 'Tag'],
      ['Lötkurs', 'Einen Abend lang Grundlagen der Elektronik.', 'services.teaching', 'service', '25.00', 'Person'],
    ],
  },
  {
    key: 'clara',
    displayName: 'Gärtnerei Grünkraft (Clara Neumann)',
    roles: ['member', 'producer'],
    offers: [
      ['Tomatenjungpflanzen', 'Samenfeste Sorten, torffrei gezogen.', 'household.garden', 'good', '2.50', 'Topf'],
      ['Kräutertopf-Set', 'Basilikum, Thymian, Schnittlauch.', 'household.garden', 'good', '8.00', 'Set'],
      ['Salatmischung', 'Pflücksalat, frisch geschnitten, 200 g.', 'food.vegetables', 'good', '3.20', 'Beutel'],
      ['Gartenberatung', 'Eine Stunde im eigenen Garten.', 'services.craft', 'service', '30.00', 'Stunde'],
      ['Obstbaumschnitt', 'Fachgerechter Winterschnitt.', 'services.craft', 'service', '35.00', 'Baum'],
      ['Saatgut-Paket', 'Zehn samenfeste Gemüsesorten.', 'household.garden', 'good', '12.00', 'Paket'],
      ['Kompost', 'Reifer Grünschnittkompost, 40 l.', 'household.garden', 'good', '6.00', 'Sack'],
      ['Blumenstrauß der Saison', 'Aus dem eigenen Schnittgarten.', 'household.garden', 'good', '15.00', 'Strauß'],
    ],
  },
  {
    key: 'felix',
    displayName: 'Lastenrad-Kurier (Felix Richter)',
    roles: ['member', 'producer'],
    offers: [
      ['Lieferung im Stadtgebiet', 'Per Lastenrad, bis 50 kg.', 'services.transport', 'service', '6.00', 'Fahrt'],
      ['Umzugshilfe', 'Zwei Personen mit Lastenrad und Anhänger.', 'services.transport', 'service', '40.00', 'Stunde'],
      ['Wocheneinkauf liefern', 'Einkauf nach Liste, für Menschen ohne Auto.', 'services.care', 'service', '10.00', 'Einkauf'],
      ['Lastenrad ausleihen', 'Pro Tag, mit Schloss und Regenplane.', 'services.transport', 'service', '12.00', 'Tag'],
      ['Sperrmüll zum Wertstoffhof', 'Bis 1 m³.', 'services.transport', 'service', '25.00', 'Fahrt'],
      ['Kinderbetreuung am Nachmittag', 'Abholen von der Kita, Spielplatz.', 'services.care', 'service', '12.00', 'Stunde'],
      ['Hundeausführen', 'Eine Stunde im Park.', 'services.care', 'service', '9.00', 'Stunde'],
      ['Fahrradanhänger, gebraucht', 'Zweisitzer, guter Zustand.', 'household.secondhand', 'good', '90.00', 'Stück'],
    ],
  },
];

/** The cooperative's outside auditor: the accountant role without membership (status external). */
export const demoAccountant = { key: 'sabine', displayName: 'Sabine Krüger', roles: ['accountant'] as Role[] };

/** Registered, waiting for the board's decision. */
export const demoApplicant = { key: 'jana', displayName: 'Jana Neumann', note: 'Ich backe Sauerteigbrot und möchte es hier anbieten.' };

/**
 * A vote in the demo's history: members lowered the contribution from 3 % to 2.5 %. Counts of yes,
 * no and abstain among the admitted members; the rest did not vote.
 */
export const demoClosedVote = {
  title: 'Beitrag zum Gemeinschaftsfonds auf 2,5 % senken',
  rationale:
    'Der Fonds ist gut gefüllt. Ein niedrigerer Beitrag macht kleine Verkäufe attraktiver, und die Rücklage reicht weiterhin für ein Jahr.',
  authorKey: 'lena',
  rate: '0.025',
  yes: 8,
  no: 2,
  abstain: 1,
  openedDaysAgo: 30,
  votingDays: 14,
};

/** A ranking proposal that favours ecological offers, open for voting with some votes cast. */
export const demoOpenRankingVote = {
  title: 'Ökologische Angebote zuerst zeigen',
  rationale:
    'Bisher stehen die neuesten Angebote oben. Wir schlagen vor, dass Bio, Regionalität, verpackungsfreie Ware und Reparatur mehr zählen, das Alter eines Angebots weniger, und dass kleine Höfe und Werkstätten sichtbar bleiben.',
  authorKey: 'noah',
  payload: {
    weights: { ecology: 40, proximity: 10, reuse: 10, price: 0, rating: 10, recency: 20, smallProducer: 10, available: 0, text: 0 },
    ecologyAttributeWeights: { organic_certified: 40, regional: 30, packaging_free: 20, low_co2_transport: 10 },
    recencyHalfLifeDays: 30,
    proximityHalfDistanceKm: 25,
  },
  openedDaysAgo: 2,
  votingDays: 10,
  votes: [
    ['noah', 'yes'],
    ['jonas', 'yes'],
    ['mia', 'abstain'],
    ['martin', 'no'],
  ],
} as const;

export function demoEmail(key: string): string {
  return `${key}@${demoEmailDomain}`;
}

export interface DemoNeed {
  memberKey: string;
  title: string;
  description: string;
  categoryCode: string;
  place: string;
  /** Days from the seed until the need expires. */
  openDays: number;
  /** Producers' answers, each with one of the producer's own offers (by title). */
  answers: { producerKey: string; offerTitle: string; message: string }[];
}

/**
 * What demo members are looking for: some needs already answered by a producer, some still open.
 * The needs page lists them in this order (the seed posts them from the last to the first).
 */
export const demoNeeds: DemoNeed[] = [
  {
    memberKey: 'lena',
    title: 'Torte für den 60. Geburtstag meiner Mutter',
    description: 'Für etwa 15 Gäste, gern mit Obst der Saison. Abholung am Samstagvormittag wäre ideal.',
    categoryCode: 'food.bakery',
    place: 'Kassel',
    openDays: 21,
    answers: [{ producerKey: 'aylin', offerTitle: 'Geburtstagstorte auf Bestellung', message: 'Sehr gern! Mit Äpfeln vom Hof Sonnenwiese? Schreib mir, wie groß sie sein soll.' }],
  },
  {
    memberKey: 'noah',
    title: 'Geschirr aus regionaler Keramik',
    description: 'Sechs Teller und sechs Schalen, gern handgetöpfert. Gibt es hier jemanden mit Töpferscheibe?',
    categoryCode: 'crafts.ceramics',
    place: 'Göttingen',
    openDays: 60,
    answers: [],
  },
  {
    memberKey: 'ben',
    title: 'Hilfe beim Umzug innerhalb der Stadt',
    description: 'Ein Zimmer, vor allem Kisten und ein Bücherregal, vom Vorderen Westen in die Nordstadt.',
    categoryCode: 'services.transport',
    place: 'Kassel',
    openDays: 14,
    answers: [{ producerKey: 'felix', offerTitle: 'Umzugshilfe', message: 'Das schaffen wir mit dem Anhänger in zwei bis drei Fahrten.' }],
  },
  {
    memberKey: 'lena',
    title: 'Ziegenkäse direkt vom Hof',
    description: 'Frischkäse oder gereift, regelmäßig einmal in der Woche.',
    categoryCode: 'food.dairy',
    place: '',
    openDays: 45,
    answers: [],
  },
  {
    memberKey: 'mia',
    title: 'Meine Nähmaschine näht nicht mehr',
    description: 'Der Unterfaden wird nicht mehr gegriffen. Eine alte Pfaff, die ich gern behalten möchte.',
    categoryCode: 'services.repair',
    place: 'Kassel',
    openDays: 30,
    answers: [
      { producerKey: 'tobias', offerTitle: 'Elektrogeräte-Check', message: 'Bring sie zum nächsten Repair-Café mit, wir schauen gemeinsam nach.' },
      { producerKey: 'fatma', offerTitle: 'Gebrauchte Nähmaschine, überholt', message: 'Falls sich die Reparatur nicht lohnt: diese hier ist frisch gewartet.' },
    ],
  },
  {
    memberKey: 'jonas',
    title: 'Nachhilfe in Mathematik, 8. Klasse',
    description: 'Für meinen Sohn, einmal pro Woche am Nachmittag, gern auch online.',
    categoryCode: 'services.teaching',
    place: 'Baunatal',
    openDays: 90,
    answers: [],
  },
];

/** A doubted ecological claim, answered by the producer and waiting for the board's decision. */
export const demoChallenge = {
  challengerKey: 'mia',
  producerKey: 'paul',
  offerTitleIncludes: 'honig',
  attribute: 'packaging_free',
  reason: 'Der Honig kommt im Glas mit Etikett und Deckel. Ist das wirklich verpackungsfrei, oder ist Pfand gemeint?',
  answer: 'Die Gläser nehmen wir zurück, spülen sie und füllen sie wieder; die Deckel sind aus Metall. Einwegverpackung gibt es bei uns nicht.',
};
