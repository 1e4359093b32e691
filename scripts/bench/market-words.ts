// Word lists for the market benchmark's offers, per category, in German and English. Earlier words
// in a list are drawn more often (see pickSkewed), so full-text search meets common terms that match
// thousands of offers and rare ones that match a few dozen, as in a real marketplace.

export type Language = 'de' | 'en';

interface CategoryWords {
  units: readonly string[];
  nouns: Record<Language, readonly string[]>;
}

export const adjectives: Record<Language, readonly string[]> = {
  de: [
    'frisch', 'regional', 'hausgemacht', 'klein', 'groß', 'alt', 'neu', 'handgemacht', 'saisonal', 'rot', 'grün', 'gelb',
    'naturbelassen', 'gebraucht', 'robust', 'würzig', 'mild', 'süß', 'herzhaft', 'traditionell', 'reparierbar', 'unverpackt',
    'fair', 'kräftig', 'zart', 'knusprig', 'rustikal', 'bunt', 'gepflegt', 'vollwertig', 'sortenrein', 'wetterfest',
    'kaltgepresst', 'ungespritzt', 'steinofengebacken', 'mundgeblasen', 'handgedrechselt', 'wildgesammelt',
  ],
  en: [
    'fresh', 'local', 'homemade', 'small', 'large', 'old', 'new', 'handmade', 'seasonal', 'red', 'green', 'yellow',
    'natural', 'used', 'sturdy', 'spicy', 'mild', 'sweet', 'hearty', 'traditional', 'repairable', 'unpackaged', 'fair',
    'strong', 'tender', 'crunchy', 'rustic', 'colourful', 'well-kept', 'wholesome', 'single-variety', 'weatherproof',
    'cold-pressed', 'unsprayed', 'stone-baked', 'mouth-blown', 'hand-turned', 'wild-harvested',
  ],
};

/** Phrases of descriptions; "{n}" is the offer's noun. */
export const descriptionPhrases: Record<Language, readonly string[]> = {
  de: [
    'Direkt vom Hof in der Region.', 'Aus eigener Herstellung.', 'Abholung am Wochenende möglich.', 'Nach altem Familienrezept.',
    'Ohne Zusatzstoffe.', 'Lieferung im Umkreis von 20 km.', 'Solange der Vorrat reicht.', 'Jede Woche frisch.',
    'Gut erhalten und geprüft.', 'Auf Wunsch auch in größeren Mengen.', 'Aus kontrolliert biologischem Anbau.',
    'Verpackt in Mehrweggläsern.', 'Ideal für Familien.', 'Kleine Macken, voll funktionsfähig.', 'Im Hofladen erhältlich.',
    'Mit Liebe gemacht.', 'Geerntet am Morgen der Abholung.', 'Aus Streuobstwiesen der Umgebung.', 'Termine nach Absprache.',
    'Reparatur statt Neukauf.', 'Demeter-zertifiziert.', 'Lastenradlieferung in der Innenstadt.', 'Imkerei seit 1953.',
  ],
  en: [
    'Straight from the farm nearby.', 'Made by us.', 'Pick-up at weekends.', 'From an old family recipe.', 'No additives.',
    'Delivery within 20 km.', 'While stocks last.', 'Fresh every week.', 'Well kept and checked.', 'Larger amounts on request.',
    'From certified organic farming.', 'Packed in returnable jars.', 'Great for families.', 'Small marks, works perfectly.',
    'Available in the farm shop.', 'Made with care.', 'Harvested on the morning of pick-up.', 'From meadow orchards around here.',
    'Appointments by arrangement.', 'Repair instead of buying new.', 'Demeter certified.', 'Cargo-bike delivery in the city centre.',
    'Beekeeping since 1953.',
  ],
};

export const categoryWords: Record<string, CategoryWords> = {
  'food.vegetables': {
    units: ['kg', '500 g', 'Bund', 'Stück', 'Kiste'],
    nouns: {
      de: ['Kartoffeln', 'Tomaten', 'Möhren', 'Zwiebeln', 'Salat', 'Gurken', 'Kürbis', 'Zucchini', 'Spinat', 'Kohlrabi', 'Rote Bete', 'Lauch', 'Mangold', 'Pastinaken', 'Grünkohl', 'Topinambur', 'Schwarzwurzeln', 'Haferwurzel'],
      en: ['potatoes', 'tomatoes', 'carrots', 'onions', 'lettuce', 'cucumbers', 'pumpkin', 'courgettes', 'spinach', 'kohlrabi', 'beetroot', 'leeks', 'chard', 'parsnips', 'kale', 'sunchokes', 'salsify', 'oyster plant'],
    },
  },
  'food.fruit': {
    units: ['kg', '500 g', 'Schale', 'Stück', 'Kiste'],
    nouns: {
      de: ['Äpfel', 'Birnen', 'Erdbeeren', 'Kirschen', 'Pflaumen', 'Himbeeren', 'Johannisbeeren', 'Stachelbeeren', 'Heidelbeeren', 'Quitten', 'Mirabellen', 'Holunderbeeren', 'Aroniabeeren', 'Speierling'],
      en: ['apples', 'pears', 'strawberries', 'cherries', 'plums', 'raspberries', 'redcurrants', 'gooseberries', 'blueberries', 'quinces', 'mirabelles', 'elderberries', 'chokeberries', 'service tree fruit'],
    },
  },
  'food.bakery': {
    units: ['Stück', 'Laib', '6 Stück', 'kg'],
    nouns: {
      de: ['Brot', 'Brötchen', 'Sauerteigbrot', 'Kuchen', 'Dinkelbrot', 'Roggenbrot', 'Kekse', 'Brezeln', 'Stollen', 'Zwieback', 'Pumpernickel', 'Lebkuchen'],
      en: ['bread', 'rolls', 'sourdough loaf', 'cake', 'spelt bread', 'rye bread', 'biscuits', 'pretzels', 'stollen', 'rusks', 'pumpernickel', 'gingerbread'],
    },
  },
  'food.dairy': {
    units: ['Liter', 'Stück', '10 Eier', '250 g', 'kg'],
    nouns: {
      de: ['Milch', 'Eier', 'Käse', 'Joghurt', 'Butter', 'Quark', 'Ziegenkäse', 'Sahne', 'Bergkäse', 'Schafskäse', 'Buttermilch', 'Kefir'],
      en: ['milk', 'eggs', 'cheese', 'yoghurt', 'butter', 'quark', 'goat cheese', 'cream', 'mountain cheese', 'sheep cheese', 'buttermilk', 'kefir'],
    },
  },
  'food.preserves': {
    units: ['Glas', '500 g', 'Flasche', 'Stück'],
    nouns: {
      de: ['Honig', 'Marmelade', 'Apfelmus', 'Sauerkraut', 'Chutney', 'Pesto', 'Sirup', 'Gelee', 'Senf', 'Essig', 'Waldhonig', 'Lindenblütenhonig', 'Quittengelee'],
      en: ['honey', 'jam', 'apple sauce', 'sauerkraut', 'chutney', 'pesto', 'syrup', 'jelly', 'mustard', 'vinegar', 'forest honey', 'lime blossom honey', 'quince jelly'],
    },
  },
  'food.drinks': {
    units: ['Flasche', 'Liter', 'Kiste', '0,75 l'],
    nouns: {
      de: ['Apfelsaft', 'Wein', 'Bier', 'Most', 'Holundersaft', 'Kräutertee', 'Cidre', 'Birnensaft', 'Likör', 'Kombucha', 'Met'],
      en: ['apple juice', 'wine', 'beer', 'cider', 'elderflower cordial', 'herbal tea', 'sparkling cider', 'pear juice', 'liqueur', 'kombucha', 'mead'],
    },
  },
  'crafts.wood': {
    units: ['Stück', 'Set'],
    nouns: {
      de: ['Schneidebrett', 'Holzlöffel', 'Hocker', 'Regal', 'Schale', 'Vogelhaus', 'Spielzeug', 'Kochlöffel', 'Bilderrahmen', 'Schemel', 'Nistkasten'],
      en: ['chopping board', 'wooden spoon', 'stool', 'shelf', 'bowl', 'birdhouse', 'toy', 'cooking spoon', 'picture frame', 'footstool', 'nest box'],
    },
  },
  'crafts.textiles': {
    units: ['Stück', 'Paar'],
    nouns: {
      de: ['Mütze', 'Schal', 'Socken', 'Tasche', 'Decke', 'Kissen', 'Pullover', 'Handschuhe', 'Schürze', 'Topflappen', 'Filzpantoffeln'],
      en: ['hat', 'scarf', 'socks', 'bag', 'blanket', 'cushion', 'jumper', 'gloves', 'apron', 'pot holder', 'felt slippers'],
    },
  },
  'crafts.ceramics': {
    units: ['Stück', 'Set'],
    nouns: {
      de: ['Tasse', 'Teller', 'Vase', 'Krug', 'Müslischale', 'Blumentopf', 'Teekanne', 'Butterdose', 'Räucherschale'],
      en: ['mug', 'plate', 'vase', 'jug', 'cereal bowl', 'flower pot', 'teapot', 'butter dish', 'incense bowl'],
    },
  },
  'household.secondhand': {
    units: ['Stück'],
    nouns: {
      de: ['Fahrrad', 'Stuhl', 'Tisch', 'Lampe', 'Kinderwagen', 'Bücher', 'Schrank', 'Nähmaschine', 'Werkzeugkiste', 'Plattenspieler', 'Kommode', 'Schreibmaschine'],
      en: ['bicycle', 'chair', 'table', 'lamp', 'pram', 'books', 'wardrobe', 'sewing machine', 'toolbox', 'record player', 'chest of drawers', 'typewriter'],
    },
  },
  'household.cleaning': {
    units: ['Stück', 'Flasche', '500 g'],
    nouns: {
      de: ['Seife', 'Waschmittel', 'Spülmittel', 'Bürste', 'Bienenwachstuch', 'Putzlappen', 'Kernseife', 'Luffaschwamm'],
      en: ['soap', 'detergent', 'washing-up liquid', 'brush', 'beeswax wrap', 'cleaning cloth', 'curd soap', 'loofah sponge'],
    },
  },
  'household.garden': {
    units: ['Stück', 'Topf', 'Tüte', 'Sack'],
    nouns: {
      de: ['Setzlinge', 'Kräuter', 'Saatgut', 'Kompost', 'Tomatenpflanzen', 'Stauden', 'Obstbaum', 'Blumenzwiebeln', 'Wurmhumus', 'Beerensträucher'],
      en: ['seedlings', 'herbs', 'seeds', 'compost', 'tomato plants', 'perennials', 'fruit tree', 'flower bulbs', 'worm castings', 'berry bushes'],
    },
  },
  'services.repair': {
    units: ['Stunde', 'Auftrag'],
    nouns: {
      de: ['Fahrradreparatur', 'Schuhreparatur', 'Nähservice', 'Elektroreparatur', 'Möbelreparatur', 'Computerhilfe', 'Uhrenreparatur', 'Polsterei'],
      en: ['bicycle repair', 'shoe repair', 'sewing service', 'electrical repair', 'furniture repair', 'computer help', 'watch repair', 'upholstery'],
    },
  },
  'services.care': {
    units: ['Stunde'],
    nouns: {
      de: ['Kinderbetreuung', 'Seniorenbegleitung', 'Hundesitting', 'Gartenpflege', 'Einkaufshilfe', 'Hausaufgabenhilfe', 'Katzenbetreuung'],
      en: ['childcare', 'companionship for seniors', 'dog sitting', 'garden care', 'shopping help', 'homework help', 'cat sitting'],
    },
  },
  'services.teaching': {
    units: ['Stunde', 'Kurs'],
    nouns: {
      de: ['Nachhilfe', 'Gitarrenunterricht', 'Kochkurs', 'Sprachkurs', 'Nähkurs', 'Yogakurs', 'Imkerkurs', 'Schnitzkurs', 'Töpferkurs'],
      en: ['tutoring', 'guitar lessons', 'cooking class', 'language course', 'sewing class', 'yoga class', 'beekeeping course', 'carving class', 'pottery class'],
    },
  },
  'services.transport': {
    units: ['Fahrt', 'Stunde', 'km'],
    nouns: {
      de: ['Umzugshilfe', 'Lastenradtransport', 'Lieferfahrt', 'Mitfahrgelegenheit', 'Sperrmüllabholung', 'Kurierdienst'],
      en: ['moving help', 'cargo bike transport', 'delivery run', 'lift share', 'bulky waste pick-up', 'courier service'],
    },
  },
  'services.craft': {
    units: ['Stunde', 'Auftrag'],
    nouns: {
      de: ['Malerarbeiten', 'Tischlerarbeiten', 'Fliesenlegen', 'Heckenschnitt', 'Obstbaumschnitt', 'Dachrinnenreinigung', 'Lehmputz'],
      en: ['painting work', 'joinery', 'tiling', 'hedge trimming', 'fruit tree pruning', 'gutter cleaning', 'clay plastering'],
    },
  },
};

export const firstNames = [
  'Anna', 'Ben', 'Clara', 'David', 'Emma', 'Felix', 'Greta', 'Hannah', 'Ida', 'Jakob', 'Karl', 'Lea', 'Marie', 'Noah',
  'Olga', 'Paul', 'Rosa', 'Samuel', 'Tilda', 'Uwe', 'Vera', 'Wilhelm', 'Yusuf', 'Zoe', 'Aylin', 'Mehmet', 'Sophie', 'Lukas',
];

export const lastNames = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter',
  'Klein', 'Wolf', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hartmann', 'Lange', 'Werner', 'Krause', 'Yılmaz',
];

/** A small deterministic generator (mulberry32), so every run builds the same offers. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** An element with the first ones much more likely than the last (about a Zipf-like skew). */
export function pickSkewed<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() ** 2.2 * items.length)]!;
}

export function pickUniform<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}
