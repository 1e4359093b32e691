// The inbox over HTTP: which threads a member sees, their order, paging, unread counts and access.
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import type { OrderStatus } from '../src/orders/order-status';
import { createTestApi, type TestApi } from './support/api';
import { createMember, createOffer, type TestMember } from './support/orders';

const threadsQuery = `query Threads($first: Int, $after: String) {
  orderThreads(first: $first, after: $after) {
    edges { cursor node { order { id status items { title } } otherPartyName unreadCount lastMessage { excerpt mine createdAt } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const markMutation = `mutation Mark($orderId: ID!) { markOrderMessagesRead(orderId: $orderId) { __typename } }`;

type ThreadNode = {
  order: { id: string; status: string; items: { title: string }[] };
  otherPartyName: string;
  unreadCount: number;
  lastMessage: { excerpt: string; mine: boolean; createdAt: string };
};
type ThreadsData = { orderThreads: { edges: { cursor: string; node: ThreadNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

const base = Date.parse('2026-05-01T10:00:00.000Z');
const at = (minutes: number) => new Date(base + minutes * 60_000);

describe('order threads', () => {
  let api: TestApi;
  let alice: TestMember;
  let bruno: TestMember;
  let carla: TestMember;
  let dora: TestMember;
  let keyCounter = 0;

  beforeAll(async () => {
    api = await createTestApi();
    alice = await createMember(api, 'Alice', ['member', 'producer']);
    bruno = await createMember(api, 'Bruno', ['member', 'producer']);
    carla = await createMember(api, 'Carla');
    dora = await createMember(api, 'Dora', ['member', 'producer']);
  });
  afterAll(() => api.close());

  async function createOrder(buyer: TestMember, producer: TestMember, title: string, status: OrderStatus = 'placed'): Promise<string> {
    const offer = await createOffer(api, producer.id, { title, price: '3.00', stock: null });
    keyCounter += 1;
    const order = await api.database.prisma.order.create({
      data: {
        buyerId: buyer.id,
        producerId: producer.id,
        checkoutKey: `threads-${keyCounter}`,
        status,
        total: '3.00',
        items: { create: { offerId: offer.id, title, unit: 'kg', unitPrice: '3.00', quantity: 1, lineTotal: '3.00' } },
      },
    });
    return order.id;
  }

  async function createOrderItem(orderId: string, producer: TestMember, title: string) {
    const offer = await createOffer(api, producer.id, { title, price: '1.00', stock: null });
    await api.database.prisma.orderItem.create({ data: { orderId, offerId: offer.id, title, unit: 'kg', unitPrice: '1.00', quantity: 1, lineTotal: '1.00' } });
  }

  async function write(orderId: string, author: TestMember, body: string, createdAt: Date) {
    await api.database.prisma.orderMessage.create({ data: { orderId, authorId: author.id, body, createdAt } });
  }

  async function threadsOf(member: TestMember, variables: { first?: number; after?: string | null } = {}) {
    const result = await member.client.graphql<ThreadsData>(threadsQuery, variables);
    expect(result.errors).toBeUndefined();
    return result.data!.orderThreads;
  }

  async function allPages(member: TestMember, first: number): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (let pageCount = 0; pageCount < 100; pageCount += 1) {
      const page = await threadsOf(member, { first, after });
      ids.push(...page.edges.map((edge) => edge.node.order.id));
      if (!page.pageInfo.hasNextPage) return ids;
      after = page.pageInfo.endCursor;
    }
    throw new Error('paging did not end');
  }

  const rowId = (globalId: string) => decodeGlobalID(globalId).id;

  it('lists the threads of bought and sold orders, newest message first, with unread counts', async () => {
    const fromBruno = await createOrder(alice, bruno, 'Honig');
    const fromDora = await createOrder(alice, dora, 'Brot');
    const toCarla = await createOrder(carla, alice, 'Eier');
    const silent = await createOrder(alice, bruno, 'Käse');
    const unfinished = await createOrder(alice, bruno, 'Milch', 'failed');
    const others = await createOrder(carla, dora, 'Mehl');
    await write(fromBruno, bruno, 'Ist abholbereit.', at(1));
    await write(toCarla, carla, 'Wann kann ich kommen?', at(2));
    await write(fromDora, dora, 'Danke für die Bestellung.', at(3));
    await write(fromDora, dora, 'Das Brot ist morgen fertig.', at(4));
    await write(fromBruno, alice, 'x'.repeat(300), at(5));
    await write(unfinished, bruno, 'Nicht sichtbar', at(6));
    await write(others, carla, 'Nur für Dora', at(7));

    const page = await threadsOf(alice);
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(page.edges.map((edge) => rowId(edge.node.order.id))).toEqual([fromBruno, fromDora, toCarla]);
    expect(page.edges.map((edge) => rowId(edge.node.order.id))).not.toContain(silent);
    expect(page.edges.map(({ node }) => ({ name: node.otherPartyName, unread: node.unreadCount, mine: node.lastMessage.mine, title: node.order.items[0]?.title }))).toEqual([
      { name: 'Bruno Test', unread: 1, mine: true, title: 'Honig' },
      { name: 'Dora Test', unread: 2, mine: false, title: 'Brot' },
      { name: 'Carla Test', unread: 1, mine: false, title: 'Eier' },
    ]);
    expect(page.edges[0]!.node.lastMessage.excerpt).toBe(`${'x'.repeat(139)}…`);
    expect(page.edges[1]!.node.lastMessage).toEqual({ excerpt: 'Das Brot ist morgen fertig.', mine: false, createdAt: at(4).toISOString() });

    const marked = await alice.client.graphql(markMutation, { orderId: encodeGlobalID('Order', fromDora) });
    expect(marked.data?.markOrderMessagesRead.__typename).toBe('MutationMarkOrderMessagesReadSuccess');
    await write(fromBruno, bruno, 'Bis Samstag.', at(8));
    const after = await threadsOf(alice);
    expect(after.edges.map(({ node }) => [rowId(node.order.id), node.unreadCount])).toEqual([
      [fromBruno, 2],
      [fromDora, 0],
      [toCarla, 1],
    ]);

    // Carla takes part in two threads: her purchase from Alice and the one from Dora, and no others.
    const carlas = await threadsOf(carla);
    expect(carlas.edges.map(({ node }) => [rowId(node.order.id), node.otherPartyName, node.unreadCount])).toEqual([
      [others, 'Dora Test', 0],
      [toCarla, 'Alice Test', 0],
    ]);
  });

  it('pages through threads with equal times without duplicates or gaps', async () => {
    const buyer = await createMember(api, 'Emil');
    const expected: string[] = [];
    for (let index = 0; index < 7; index += 1) {
      const orderId = await createOrder(buyer, index % 2 === 0 ? bruno : dora, `Ware ${index}`);
      // Pairs of threads share their newest message's time, so only the order id tells them apart.
      await write(orderId, buyer, `Frage ${index}`, at(100 + Math.floor(index / 2)));
      expected.push(orderId);
    }
    const whole = (await threadsOf(buyer, { first: 50 })).edges.map((edge) => rowId(edge.node.order.id));
    expect(new Set(whole)).toEqual(new Set(expected));
    for (let index = 1; index < whole.length; index += 1) {
      const [previous, current] = [whole[index - 1]!, whole[index]!];
      const [previousTime, currentTime] = [expected.indexOf(previous), expected.indexOf(current)].map((position) => Math.floor(position / 2));
      expect(previousTime! > currentTime! || (previousTime === currentTime && previous > current)).toBe(true);
    }
    for (const size of [1, 2, 3]) {
      expect((await allPages(buyer, size)).map(rowId)).toEqual(whole);
    }
  });

  // The SQL a request sends can be watched on the in-process PGlite only; Prisma sends the same
  // statements to PostgreSQL. Session and member lookups are not counted: they come with every request.
  it('asks the same few queries for a page of one thread and a page of three', async () => {
    const pglite = api.database.pglite;
    if (!pglite) return;
    const buyer = await createMember(api, 'Gesa');
    const hanna = await createMember(api, 'Hanna', ['member', 'producer']);
    for (const [index, producer] of [bruno, dora, hanna].entries()) {
      const orderId = await createOrder(buyer, producer, `Posten ${index}`);
      await createOrderItem(orderId, producer, `Zugabe ${index}`);
      await write(orderId, producer, `Antwort ${index}`, at(200 + index));
    }
    const statements: string[] = [];
    const original = pglite.query.bind(pglite);
    const query = jest.spyOn(pglite, 'query').mockImplementation(((...args: Parameters<typeof original>) => {
      statements.push(String(args[0]));
      return original(...args);
    }) as typeof original);
    const orderStatements = async (first: number) => {
      statements.length = 0;
      const page = await threadsOf(buyer, { first });
      expect(page.edges).toHaveLength(first);
      return statements.filter((sql) => /"Order(Item|Message|MessageRead)?"/.test(sql)).length;
    };
    try {
      const forOne = await orderStatements(1);
      expect(forOne).toBeGreaterThan(0);
      expect(forOne).toBeLessThanOrEqual(3);
      expect(await orderStatements(3)).toBe(forOne);
    } finally {
      query.mockRestore();
    }
  });

  it('refuses anonymous callers and bad page arguments', async () => {
    const anonymous = await api.client().graphql(threadsQuery, {});
    expect(anonymous.data?.orderThreads ?? null).toBeNull();
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const badCursor = await alice.client.graphql(threadsQuery, { after: 'bm9wZQ' });
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('validation_failed');
    const tooMany = await alice.client.graphql(threadsQuery, { first: 51 });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('validation_failed');
  });

  it('gives an empty list to a member without threads', async () => {
    const newcomer = await createMember(api, 'Fritz');
    expect(await threadsOf(newcomer)).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });
});
