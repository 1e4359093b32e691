// The open statistics over a real database and HTTP: figures of enough members are published as they
// are, a small cell is hidden together with what would give it away, and the JSON and CSV endpoints
// serve the same figures to anyone.
import type { Member } from '../../prisma/generated/client/client';
import { monthOf } from '../src/statistics/open-statistics';
import { determinedFigures, layoutOf } from '../src/statistics/suppression';
import { buildMember, buildOffer } from './support/builders';
import { startTestServer, type TestServer } from './support/server';

interface Table {
  name: string;
  columns: string[];
  rows: { label: string; values: (string | null)[]; total: string | null }[];
  columnTotals: (string | null)[];
  total: string | null;
}

describe('open statistics', () => {
  let server: TestServer;
  const now = new Date();
  const thisMonth = monthOf(now);

  beforeAll(async () => {
    server = await startTestServer('open-statistics');
    const api = { database: { prisma: server.app.services.prisma } } as Parameters<typeof buildMember>[0];
    const farm = await buildMember(api, { displayName: 'Hof Groß', roles: ['member', 'producer'] });
    const workshop = await buildMember(api, { displayName: 'Werkstatt Klein', roles: ['member', 'producer'] });
    const vegetables = await buildOffer(api, farm.id, { title: 'Möhren', categoryCode: 'food.vegetables', price: '2.00', ecologicalAttributes: ['regional'] });
    const chair = await buildOffer(api, workshop.id, { title: 'Stuhl', categoryCode: 'crafts.wood', price: '80.00' });
    const buyers: Member[] = [];
    for (let index = 0; index < 12; index += 1) buyers.push(await buildMember(api, { displayName: `Käufer ${index}` }));
    const { prisma } = server.app.services;
    let key = 0;
    const sell = async (buyer: Member, producer: Member, offer: { id: string; title: string }, amount: string, status: 'confirmed' | 'resolved' | 'placed' = 'confirmed', refund?: string) => {
      key += 1;
      await prisma.order.create({
        data: {
          buyerId: buyer.id,
          producerId: producer.id,
          checkoutKey: `statistics-${key}`,
          status,
          total: amount,
          refundAmount: refund ?? null,
          closedAt: status === 'placed' ? null : now,
          items: { create: [{ offerId: offer.id, title: offer.title, unit: 'Stück', unitPrice: amount, quantity: 1, lineTotal: amount }] },
        },
      });
    };
    // Twelve buyers of vegetables (13 members in the cell), one buyer of a chair (2 members).
    for (const buyer of buyers) await sell(buyer, farm, vegetables, '2.00');
    await sell(buyers[0]!, workshop, chair, '80.00');
    // Half refunded after a dispute: counts what was paid. An order not yet confirmed does not count.
    await sell(buyers[1]!, farm, vegetables, '2.00', 'resolved', '1.00');
    await sell(buyers[2]!, farm, vegetables, '2.00', 'placed');
  });
  afterAll(() => server.stop());

  async function statistics(): Promise<{ minimumGroupSize: number; months: string[]; tables: Table[] }> {
    const response = await fetch(`${server.app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-allmende-csrf': '1' },
      body: JSON.stringify({ query: `{ openStatistics { minimumGroupSize months tables { name columns rows { label values total } columnTotals total } } }` }),
    });
    const body = (await response.json()) as { data: { openStatistics: { minimumGroupSize: number; months: string[]; tables: Table[] } } };
    return body.data.openStatistics;
  }

  const cell = (table: Table, month: string, column: string) => table.rows.find((row) => row.label === month)!.values[table.columns.indexOf(column)];

  it('publishes what enough members did and hides a small cell with what would give it away', async () => {
    const open = await statistics();
    expect(open.minimumGroupSize).toBe(10);
    expect(open.months).toHaveLength(12);
    expect(open.months.at(-1)).toBe(thisMonth);
    const volume = open.tables.find((table) => table.name === 'tradeVolume')!;
    // The chair: two members, hidden, and so is whatever would let it be computed from the totals.
    expect(cell(volume, thisMonth, 'crafts')).toBeNull();
    const figures = [...volume.rows.flatMap((row) => row.values), ...volume.rows.map((row) => row.total), ...volume.columnTotals, volume.total];
    const hidden = new Set(figures.flatMap((value, index) => (value === null ? [index] : [])));
    expect(hidden.size).toBeGreaterThan(1);
    expect(determinedFigures(layoutOf(volume.rows.length, volume.columns.length), hidden)).toEqual([]);
    const food = cell(volume, thisMonth, 'food');
    if (food !== null) expect(food).toBe('25.00');
    // Months without trades are zeros, not hidden.
    expect(cell(volume, open.months[0]!, 'food')).toBe('0.00');
    const traders = open.tables.find((table) => table.name === 'traders')!;
    expect(cell(traders, thisMonth, 'members')).toBe('14');
    // Two producers: too few to publish.
    expect(cell(traders, thisMonth, 'producers')).toBeNull();
    const offers = open.tables.find((table) => table.name === 'ecologicalOffers')!;
    expect(offers.rows[0]!.values).toEqual([null, null]);
  });

  it('serves the same figures as JSON and CSV to anyone, and refuses other tables and methods', async () => {
    const json = await fetch(`${server.app.url}/statistics.json`);
    expect(json.status).toBe(200);
    const body = (await json.json()) as { tables: { name: string; cells: (string | null)[][]; rows: string[]; columns: string[] }[] };
    const volume = body.tables.find((table) => table.name === 'tradeVolume')!;
    const viaGraphQL = (await statistics()).tables.find((table) => table.name === 'tradeVolume')!;
    expect(volume.cells).toEqual(viaGraphQL.rows.map((row) => row.values));
    const csv = await fetch(`${server.app.url}/statistics/tradeVolume.csv`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(`,${volume.columns.join(',')},total`);
    const monthLine = lines.find((line) => line.startsWith(`${thisMonth},`))!;
    expect(monthLine.split(',')[volume.columns.indexOf('crafts') + 1]).toBe('');
    expect((await fetch(`${server.app.url}/statistics/members.csv`)).status).toBe(404);
    expect((await fetch(`${server.app.url}/statistics.json`, { method: 'POST' })).status).toBe(405);
  });
});
