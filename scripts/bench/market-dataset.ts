// The market benchmark's data: a cooperative with members (some of them producers with a profile),
// offers written in batches through unnest() rather than one GraphQL call each, and a ledger account
// with a high credit limit for every member, so checkouts are not refused for lack of credit.
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createLedger, createSqlLedgerStore } from '@allmende/ledger';
import type { Database } from '../../api/src/db/client';
import { categoryGroups } from '../../api/src/marketplace/categories';
import { hashPassword } from '../../api/src/members/password';
import { cooperativeCurrency } from '../../api/src/wallet/cooperative-currency';
import { ensureCooperativeLedger } from '../../api/src/wallet/ensure-cooperative-ledger';
import { memberAccountCode } from '../../api/src/wallet/ensure-member-account';
import {
  adjectives,
  categoryWords,
  descriptionPhrases,
  firstNames,
  lastNames,
  pickSkewed,
  pickUniform,
  seededRandom,
  type Language,
} from './market-words';

export interface DatasetSettings {
  members: number;
  producers: number;
  offers: number;
  /** Orders of the past year, closed before the ranking's window of recent sales. */
  pastOrders: number;
  password: string;
  creditLimit: string;
}

export interface BenchMember {
  id: string;
  email: string;
  producer: boolean;
}

export interface Dataset {
  members: BenchMember[];
}

const insertBatchSize = 5_000;
const dayMs = 86_400_000;
const deliveryOptions = ['pickup', 'delivery', 'shipping'] as const;
const ecologicalAttributes = ['organic_certified', 'regional', 'second_hand', 'repairable', 'packaging_free', 'low_co2_transport'] as const;

export function benchMemberEmail(index: number): string {
  return `member-${index}@bench.allmende.coop`;
}

interface Place {
  code: string;
  place: string;
  latitude: number;
  longitude: number;
}

export async function seedMarketDataset(pool: Pool, database: Database, settings: DatasetSettings): Promise<Dataset> {
  const random = seededRandom(20_261_124);
  const now = Date.now();
  const places = (await pool.query<Place>('SELECT "code", "place", "latitude", "longitude" FROM "Postcode" ORDER BY "code"')).rows;
  if (places.length === 0) throw new Error('The Postcode table is empty; are the migrations applied?');

  await pool.query(`INSERT INTO "Cooperative" ("id", "name", "description") VALUES ($1, 'Allmende Lasttest eG', 'Benchmark cooperative')`, [randomUUID()]);

  const passwordHash = await hashPassword(settings.password);
  const members: (BenchMember & { displayName: string; place: Place })[] = Array.from({ length: settings.members }, (_, index) => ({
    id: randomUUID(),
    email: benchMemberEmail(index),
    producer: index < settings.producers,
    displayName: `${pickUniform(firstNames, random)} ${pickUniform(lastNames, random)}`,
    place: pickUniform(places, random),
  }));
  await pool.query(
    `INSERT INTO "Member" ("id", "email", "displayName", "passwordHash", "roles", "locale", "status", "memberNumber", "admittedAt", "updatedAt")
     SELECT id, email, name, $4, roles::"Role"[], 'de', 'admitted', number::int, now(), now()
     FROM unnest($1::uuid[], $2::text[], $3::text[], $5::text[]) WITH ORDINALITY AS m(id, email, name, roles, number)`,
    [members.map((m) => m.id), members.map((m) => m.email), members.map((m) => m.displayName), passwordHash, members.map((m) => (m.producer ? '{member,producer}' : '{member}'))],
  );
  const producers = members.filter((member) => member.producer);
  await pool.query(
    `INSERT INTO "ProducerProfile" ("memberId", "name", "postcode", "place", "latitude", "longitude", "deliveryOptions", "updatedAt")
     SELECT id, name, postcode, place, latitude, longitude, '{pickup,delivery}', now()
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[]) AS p(id, name, postcode, place, latitude, longitude)`,
    [
      producers.map((p) => p.id),
      producers.map((p) => `Hof ${p.displayName.split(' ')[1]}`),
      producers.map((p) => p.place.code),
      producers.map((p) => p.place.place),
      producers.map((p) => p.place.latitude),
      producers.map((p) => p.place.longitude),
    ],
  );

  const categories = categoryGroups.flatMap((group) => group.categories.map((category) => category.code));
  for (let start = 0; start < settings.offers; start += insertBatchSize) {
    const rows = Array.from({ length: Math.min(insertBatchSize, settings.offers - start) }, () => offerRow(random, producers, categories, now));
    await pool.query(
      `INSERT INTO "Offer" ("id", "producerId", "title", "description", "categoryCode", "kind", "price", "unit", "status", "stock",
         "availability", "postcode", "place", "latitude", "longitude", "deliveryOptions", "ecologicalAttributes", "createdAt", "updatedAt")
       SELECT gen_random_uuid(), producer, title, description, category, kind::"OfferKind", price, unit, status::"OfferStatus", stock,
         availability, postcode, place, latitude, longitude, delivery::"DeliveryOption"[], ecological::"EcologicalAttribute"[], created, created
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::text[], $8::text[], $9::int[],
         $10::text[], $11::text[], $12::text[], $13::float8[], $14::float8[], $15::text[], $16::text[], $17::timestamptz[])
         AS o(producer, title, description, category, kind, price, unit, status, stock, availability, postcode, place, latitude, longitude,
           delivery, ecological, created)`,
      columns(rows),
    );
  }
  await seedPastOrders(pool, members, settings.pastOrders, random, now);
  await pool.query('ANALYZE');

  const ledger = createLedger({ store: createSqlLedgerStore(database.sqlDriver) });
  await ensureCooperativeLedger(ledger);
  let next = 0;
  const openAccounts = async () => {
    while (next < members.length) {
      const member = members[next++]!;
      const result = await ledger.createAccount({
        currency: cooperativeCurrency.code,
        type: 'member',
        code: memberAccountCode(member.id),
        name: `Member ${member.id}`,
        creditLimit: settings.creditLimit,
        maximumBalance: null,
      });
      if (!result.ok) throw new Error(`Could not open the account of member ${member.id}: ${result.code}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, openAccounts));
  await ledger.drain();
  return { members: members.map(({ id, email, producer }) => ({ id, email, producer })) };
}

/**
 * Confirmed orders of one item each, placed 40-365 days ago, so the order tables hold what a year of
 * trade leaves: statements on them are planned for tables of that size, as they are in a running
 * cooperative, rather than for empty ones. They lie before the ranking's 30 days of recent sales and
 * before any phase, so they change no score and no stock the benchmark checks. Their money is not in
 * the ledger: nothing the benchmark reads adds it up.
 */
async function seedPastOrders(pool: Pool, members: readonly BenchMember[], count: number, random: () => number, now: number): Promise<void> {
  if (count === 0) return;
  const offers = (
    await pool.query<{ id: string; producer_id: string; title: string; unit: string; price: string }>(
      `SELECT id, "producerId" AS producer_id, title, unit, price::text AS price FROM "Offer" WHERE status = 'active' ORDER BY id LIMIT 20000`,
    )
  ).rows;
  const orders = Array.from({ length: count }, (_, index) => {
    const offer = pickUniform(offers, random);
    let buyer = pickUniform(members, random);
    while (buyer.id === offer.producer_id) buyer = pickUniform(members, random);
    const quantity = 1 + Math.floor(random() * 3);
    const total = (Number(offer.price) * quantity).toFixed(2);
    const contribution = (Math.floor(Number(total) * 3) / 100).toFixed(2);
    return {
      buyer: buyer.id,
      offer,
      key: `past-${index}`,
      quantity,
      total,
      contribution,
      producerAmount: (Number(total) - Number(contribution)).toFixed(2),
      placed: new Date(now - (40 + Math.floor(random() * 325)) * dayMs).toISOString(),
    };
  });
  for (let start = 0; start < orders.length; start += insertBatchSize) {
    const rows = orders.slice(start, start + insertBatchSize);
    await pool.query(
      `WITH o AS (
         SELECT gen_random_uuid() AS id, * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[], $7::timestamptz[],
           $8::uuid[], $9::text[], $10::text[], $11::numeric[], $12::int[]) AS o(buyer, producer, key, total, producer_amount, contribution, placed,
           offer, title, unit, price, quantity)
       ),
       orders AS (
         INSERT INTO "Order" (id, "buyerId", "producerId", "checkoutKey", status, total, "producerAmount", "contributionAmount",
           "placedAt", "acceptedAt", "fulfilledAt", "closedAt", "createdAt", "updatedAt")
         SELECT id, buyer, producer, key, 'confirmed', total, producer_amount, contribution, placed, placed + interval '2 hours',
           placed + interval '1 day', placed + interval '3 days', placed, placed + interval '3 days'
         FROM o
       )
       INSERT INTO "OrderItem" (id, "orderId", "offerId", title, unit, "unitPrice", quantity, "lineTotal")
       SELECT gen_random_uuid(), id, offer, title, unit, price, quantity, total FROM o`,
      [
        rows.map((row) => row.buyer),
        rows.map((row) => row.offer.producer_id),
        rows.map((row) => row.key),
        rows.map((row) => row.total),
        rows.map((row) => row.producerAmount),
        rows.map((row) => row.contribution),
        rows.map((row) => row.placed),
        rows.map((row) => row.offer.id),
        rows.map((row) => row.offer.title),
        rows.map((row) => row.offer.unit),
        rows.map((row) => row.offer.price),
        rows.map((row) => row.quantity),
      ],
    );
  }
}

interface OfferRow {
  producer: string;
  title: string;
  description: string;
  category: string;
  kind: 'good' | 'service';
  price: string;
  unit: string;
  status: string;
  stock: number | null;
  availability: string;
  postcode: string;
  place: string;
  latitude: number;
  longitude: number;
  delivery: string;
  ecological: string;
  created: string;
}

function offerRow(random: () => number, producers: readonly { id: string; place: Place }[], categories: readonly string[], now: number): OfferRow {
  const producer = pickUniform(producers, random);
  const category = pickSkewed(categories, random);
  const words = categoryWords[category]!;
  const language: Language = random() < 0.7 ? 'de' : 'en';
  const noun = pickSkewed(words.nouns[language], random);
  const adjective = pickSkewed(adjectives[language], random);
  const title = language === 'de' ? `${capitalise(adjective)}e ${noun}` : `${capitalise(adjective)} ${noun}`;
  const phraseCount = 1 + Math.floor(random() * 3);
  const phrases = Array.from({ length: phraseCount }, () => pickSkewed(descriptionPhrases[language], random));
  const secondNoun = pickSkewed(words.nouns[language], random);
  const description = `${phrases.join(' ')} ${language === 'de' ? 'Passt gut zu' : 'Goes well with'} ${secondNoun}.`;
  const kind = category.startsWith('services.') ? 'service' : 'good';
  const roll = random();
  const status = roll < 0.94 ? 'active' : roll < 0.97 ? 'paused' : roll < 0.99 ? 'draft' : 'archived';
  const stock = kind === 'service' || random() < 0.3 ? null : Math.floor(random() * 200);
  const price = kind === 'service' ? 10 + Math.floor(random() * 50) : 0.5 + Math.floor(random() ** 2 * 25_000) / 100;
  return {
    producer: producer.id,
    title,
    description,
    category,
    kind,
    price: price.toFixed(2),
    unit: pickUniform(words.units, random),
    status,
    stock,
    availability: kind === 'service' ? (language === 'de' ? 'Mo-Fr nach Absprache' : 'Mon-Fri by arrangement') : '',
    postcode: producer.place.code,
    place: producer.place.place,
    // A few kilometres around the producer's postcode, so distance filters cut through places.
    latitude: round4(producer.place.latitude + (random() - 0.5) * 0.1),
    longitude: round4(producer.place.longitude + (random() - 0.5) * 0.15),
    delivery: `{${deliveryOptions.filter((_, index) => index === 0 || random() < 0.4).join(',')}}`,
    ecological: `{${ecologicalAttributes.filter(() => random() < 0.25).join(',')}}`,
    created: new Date(now - Math.floor(random() * 365 * dayMs)).toISOString(),
  };
}

function columns(rows: readonly OfferRow[]): unknown[] {
  const keys: (keyof OfferRow)[] = [
    'producer', 'title', 'description', 'category', 'kind', 'price', 'unit', 'status', 'stock',
    'availability', 'postcode', 'place', 'latitude', 'longitude', 'delivery', 'ecological', 'created',
  ];
  return keys.map((key) => rows.map((row) => row[key]));
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
