// The listing cache in the real request handling: which responses it keeps (the ETag header marks
// them), that public listings are shared while what depends on the viewer is never kept, and that
// offer changes show at once. Public listings also run without looking the session up.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { createTestApi, type ApiClient, type TestApi } from './support/api';
import { createGraphQLHandler } from '../src/server';
import { PrismaClient } from '../../prisma/generated/client/client';
import { buildMember } from './support/builders';

const password = 'richtig-geheim-42';
const loginMutation = `mutation Login($input: LoginInput!) { login(input: $input) { __typename } }`;
const listing = `query { offers(first: 10) { edges { node { id title } } } }`;
const listingWithEmails = `query { offers(first: 10) { edges { node { title producer { email } } } } }`;

describe('offer list cache', () => {
  let api: TestApi;
  let farmer: ApiClient;
  let admin: ApiClient;

  async function logIn(email: string): Promise<ApiClient> {
    const client = api.client();
    const result = await client.graphql(loginMutation, { input: { email, password } });
    expect(result.data?.login.__typename).toBe('MutationLoginSuccess');
    return client;
  }

  async function post(client: ApiClient, query: string, variables: Record<string, unknown> = {}) {
    const response = await client.request({
      body: JSON.stringify({ query, variables }),
      headers: { 'content-type': 'application/json', 'x-allmende-csrf': '1' },
    });
    return { etag: response.headers.get('etag'), body: (await response.json()) as { data?: any; errors?: unknown[] } };
  }

  async function createOffer(client: ApiClient, title: string): Promise<string> {
    const result = await post(
      client,
      `mutation Create($input: OfferInput!) { createOffer(input: $input, publish: true) { __typename ... on MutationCreateOfferSuccess { data { id } } } }`,
      { input: { title, categoryCode: 'food.fruit', kind: 'good', price: '2.50', unit: 'kg' } },
    );
    expect(result.body.data?.createOffer.__typename).toBe('MutationCreateOfferSuccess');
    return result.body.data.createOffer.data.id as string;
  }

  beforeAll(async () => {
    // Long enough that no entry expires during the test, so a fresh answer can only come from clearing.
    api = await createTestApi({ OFFER_LIST_CACHE_SECONDS: '300' });
    await buildMember(api, { email: 'farmer@example.org', displayName: 'Hof Linde', roles: ['member', 'producer'], password });
    await buildMember(api, { email: 'admin@example.org', displayName: 'Admin', roles: ['member', 'admin'], password });
    farmer = await logIn('farmer@example.org');
    admin = await logIn('admin@example.org');
  });
  afterAll(() => api.close());

  /** A handler of its own (with empty caches) whose Prisma client reports every statement it sends. */
  function countingHandler() {
    const counting = new PrismaClient({ adapter: api.database.adapterFactory, log: [{ emit: 'event', level: 'query' }] });
    const statements: string[] = [];
    counting.$on('query', (event) => {
      statements.push(event.query);
    });
    // Hot reads (the session lookup among them) go past Prisma on PostgreSQL; they are counted too.
    const readQuery: typeof api.services.readQuery = (statement, options) => {
      statements.push(statement.sql);
      return api.services.readQuery(statement, options);
    };
    const handler = createGraphQLHandler({ ...api.services, prisma: counting, readQuery });
    let cookie = '';
    const send = async (query: string, variables: Record<string, unknown> = {}) => {
      statements.length = 0;
      const response = await handler.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-allmende-csrf': '1', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      cookie = response.headers.getSetCookie()[0]?.split(';')[0] ?? cookie;
      const body = (await response.json()) as { data?: any; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      return { body, statements: [...statements] };
    };
    return { send, close: () => counting.$disconnect() };
  }

  it('shares public listings between visitors and members', async () => {
    // The ETag is the cache key of a cacheable response.
    const anonymousListing = await post(api.client(), listing);
    expect(anonymousListing.body.errors).toBeUndefined();
    expect(anonymousListing.etag).toBeTruthy();
    expect((await post(api.client(), listing)).etag).toBe(anonymousListing.etag);
    expect((await post(admin, listing)).etag).toBe(anonymousListing.etag);
  });

  it('never serves a document with other root fields, or another field named offers, from the cache', async () => {
    const id = await createOffer(farmer, 'Holunderbeeren');
    const rename = (title: string) => api.database.prisma.offer.update({ where: { id: decodeGlobalID(id).id }, data: { title } });
    const anonymous = api.client();
    const mixed = `query { offers(first: 10) { edges { node { title } } } categoryGroups { code } }`;
    const aliased = `query A($id: ID!) { offers: offer(id: $id) { title } }`;
    const mixedTitles = async () => (await post(anonymous, mixed)).body.data.offers.edges.map((edge: any) => edge.node.title as string);
    const aliasedTitle = async () => (await post(anonymous, aliased, { id })).body.data.offers.title as string;

    expect(await mixedTitles()).toContain('Holunderbeeren');
    expect(await aliasedTitle()).toBe('Holunderbeeren');
    // Written past the API, so no mutation clears the cache: only a fresh answer shows it.
    await rename('Holunderblüten');
    expect(await mixedTitles()).toContain('Holunderblüten');
    expect(await aliasedTitle()).toBe('Holunderblüten');
  });

  it('never serves what one member may see to another', async () => {
    await createOffer(farmer, 'Quitten');
    const seenByAdmin = await post(admin, listingWithEmails);
    expect(seenByAdmin.body.data.offers.edges.map((edge: any) => edge.node.producer.email)).toContain('farmer@example.org');
    const seenByAnonymous = await post(api.client(), listingWithEmails);
    expect(seenByAnonymous.body.data.offers.edges.map((edge: any) => edge.node.producer.email)).not.toContain('farmer@example.org');
    // Nor is such a response kept for the one who asked: it carries no cache key.
    expect(seenByAdmin.etag).toBeNull();
    expect(seenByAnonymous.etag).toBeNull();
    const farmerSettings = await post(farmer, `query { offers(first: 10) { edges { node { producer { emailNotifications } } } } }`);
    expect(farmerSettings.etag).toBeNull();
  });

  it('shows new, changed and paused offers at once', async () => {
    const anonymous = api.client();
    const titles = async () => (await post(anonymous, listing)).body.data.offers.edges.map((edge: any) => edge.node.title as string);
    expect(await titles()).not.toContain('Mirabellen');
    const id = await createOffer(farmer, 'Mirabellen');
    expect(await titles()).toContain('Mirabellen');

    const paused = await post(farmer, `mutation P($id: ID!) { setOfferStatus(id: $id, status: paused) { __typename } }`, { id });
    expect(paused.body.data.setOfferStatus.__typename).toBe('MutationSetOfferStatusSuccess');
    expect(await titles()).not.toContain('Mirabellen');
  });

  it('looks the session up for everything but public listings', async () => {
    const { send: sendCounting, close } = countingHandler();
    const send = async (query: string, variables: Record<string, unknown> = {}) => {
      const { body, statements } = await sendCounting(query, variables);
      return { body, lookups: statements.filter((sql) => sql.includes('"Session"')).length, statements: statements.length };
    };
    try {
      const login = await send(loginMutation, { input: { email: 'farmer@example.org', password } });
      expect(login.body.data.login.__typename).toBe('MutationLoginSuccess');
      // Variables no other test uses, so the listing is computed, not served from the cache.
      const listingPage = await send(`query L($first: Int!) { offers(first: $first) { edges { node { title producer { displayName } } } } }`, { first: 7 });
      expect(listingPage.statements).toBeGreaterThan(0);
      expect(listingPage.lookups).toBe(0);
      const me = await send(`query { me { displayName } }`);
      expect(me.body.data.me).toEqual({ displayName: 'Hof Linde' });
      expect(me.lookups).toBe(1);
      // A listing that shows the viewer's own e-mail address is not public: it needs the session.
      const withEmails = await send(listingWithEmails);
      expect(withEmails.lookups).toBe(1);
      expect(withEmails.body.data.offers.edges.map((edge: any) => edge.node.producer.email)).toContain('farmer@example.org');
    } finally {
      await close();
    }
  });

  it('answers a logged-in member every field a public listing can reach, without the session', async () => {
    await createOffer(farmer, 'Schlehen');
    const farmerRow = await api.database.prisma.member.findUniqueOrThrow({ where: { email: 'farmer@example.org' } });
    await api.database.prisma.producerProfile.upsert({
      where: { memberId: farmerRow.id },
      create: { memberId: farmerRow.id, name: 'Hof Linde', logoStorageKey: '00000000-0000-4000-8000-00000000a11e', logoWidth: 64, logoHeight: 64 },
      update: {},
    });
    const everything = `query Everything($first: Int!) {
      offers(first: $first) {
        edges {
          cursor
          distanceKm
          node {
            id title description categoryCode kind price unit status stock availability postcode place latitude longitude
            deliveryOptions ecologicalAttributes createdAt updatedAt
            rating { count average sum }
            images { id alt url thumbnailUrl width height position }
            reviews(first: 5) { edges { node { id rating text answer answeredAt createdAt offerTitles producerName reviewerName } } }
            producer {
              id displayName roles createdAt
              producerProfile {
                id name description postcode place latitude longitude openingHours contactEmail contactPhone deliveryOptions logoUrl updatedAt
                logo { alt url thumbnailUrl width height }
                rating { count average }
                member { id displayName }
                reviews(first: 5) { edges { node { id text } } }
              }
            }
          }
        }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }`;
    // Variables no other test uses, so the listing is computed, not served from the cache.
    const seenByFarmer = await post(farmer, everything, { first: 9 });
    expect(seenByFarmer.body.errors).toBeUndefined();
    expect(seenByFarmer.etag).toBeTruthy();
    const schlehen = seenByFarmer.body.data.offers.edges.find((edge: any) => edge.node.title === 'Schlehen');
    expect(schlehen.node.producer.producerProfile).toMatchObject({ name: 'Hof Linde', member: { displayName: 'Hof Linde' } });
    expect(schlehen.node.producer.producerProfile.logo).toMatchObject({ width: 64, height: 64 });
  });

  it('loads only the offers of a page that no recent listing loaded, and loads them again after a change', async () => {
    const { send: sendCounting, close } = countingHandler();
    const send = async (query: string, variables: Record<string, unknown> = {}) => {
      const { body, statements } = await sendCounting(query, variables);
      // Prisma's statements that read offer rows (the ranking is SQL of its own on "Offer" o).
      return { body, offerReads: statements.filter((sql) => sql.includes('"public"."Offer"')).length };
    };
    const page = `query Page($first: Int!) { offers(first: $first) { edges { node { id title } } } }`;
    const titles = (result: { body: { data?: any } }) => result.body.data.offers.edges.map((edge: any) => edge.node.title as string);
    try {
      const three = await send(page, { first: 3 });
      expect(three.offerReads).toBe(1);
      expect(titles(three)).toHaveLength(3);
      // Another listing (not cached) of offers the first one loaded: ranked, but no rows read.
      const two = await send(page, { first: 2 });
      expect(two.offerReads).toBe(0);
      expect(titles(two)).toEqual(titles(three).slice(0, 2));
      // What is not a public listing reads its rows.
      const mixed = await send(`query Mixed($first: Int!) { offers(first: $first) { edges { node { id title } } } categoryGroups { code } }`, { first: 2 });
      expect(mixed.offerReads).toBe(1);
      // Another selection (here with the producer) reads its own rows.
      const withProducers = await send(`query Producers($first: Int!) { offers(first: $first) { edges { node { id producer { displayName } } } } }`, { first: 3 });
      expect(withProducers.offerReads).toBe(1);

      const login = await send(loginMutation, { input: { email: 'farmer@example.org', password } });
      expect(login.body.data.login.__typename).toBe('MutationLoginSuccess');
      const first = three.body.data.offers.edges[0].node.id as string;
      const renamed = await send(
        `mutation Rename($id: ID!, $input: OfferInput!) { updateOffer(id: $id, input: $input) { __typename } }`,
        { id: first, input: { title: 'Hauszwetschgen', categoryCode: 'food.fruit', kind: 'good', price: '2.50', unit: 'kg' } },
      );
      expect(renamed.body.data.updateOffer.__typename).toBe('MutationUpdateOfferSuccess');
      const again = await send(page, { first: 1 });
      expect(again.offerReads).toBe(1);
      expect(titles(again)[0]).toBe('Hauszwetschgen');
    } finally {
      await close();
    }
  });
});
