import { createTestApi, type ApiClient, type TestApi } from './support/api';
import { buildMember } from './support/builders';

const password = 'richtig-geheim-42';

const loginMutation = `mutation Login($input: LoginInput!) { login(input: $input) { __typename } }`;

const offerFields = `id title status price stock availability postcode place latitude longitude deliveryOptions ecologicalAttributes kind categoryCode producer { displayName }`;

const createOfferMutation = `mutation Create($input: OfferInput!, $publish: Boolean) {
  createOffer(input: $input, publish: $publish) {
    __typename
    ... on MutationCreateOfferSuccess { data { ${offerFields} } }
    ... on ValidationError { fieldErrors { field message } }
    ... on Error { code }
  }
}`;

const updateOfferMutation = `mutation Update($id: ID!, $input: OfferInput!) {
  updateOffer(id: $id, input: $input) {
    __typename
    ... on MutationUpdateOfferSuccess { data { ${offerFields} } }
    ... on ValidationError { fieldErrors { field message } }
    ... on Error { code }
  }
}`;

const setStatusMutation = `mutation SetStatus($id: ID!, $status: OfferStatus!) {
  setOfferStatus(id: $id, status: $status) {
    __typename
    ... on MutationSetOfferStatusSuccess { data { id status } }
    ... on Error { code }
  }
}`;

const profileMutation = `mutation Profile($input: ProducerProfileInput!) {
  updateProducerProfile(input: $input) {
    __typename
    ... on MutationUpdateProducerProfileSuccess { data { id name postcode place latitude longitude deliveryOptions openingHours } }
    ... on ValidationError { fieldErrors { field message } }
    ... on Error { code }
  }
}`;

const searchQuery = `query Search($filter: OfferFilterInput, $first: Int, $after: String) {
  offers(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id title } }
    pageInfo { hasNextPage endCursor }
  }
}`;

function baseOffer(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Äpfel, Boskoop',
    description: 'Alte Sorte aus der Streuobstwiese.',
    categoryCode: 'food.fruit',
    kind: 'good',
    price: '2.90',
    unit: 'kg',
    ...overrides,
  };
}

describe('marketplace: profiles, offers, search, needs, notifications', () => {
  let api: TestApi;
  let farmer: ApiClient;
  let baker: ApiClient;
  let buyer: ApiClient;
  let anonymous: ApiClient;

  async function logIn(email: string): Promise<ApiClient> {
    const client = api.client();
    const result = await client.graphql(loginMutation, { input: { email, password } });
    expect(result.data?.login.__typename).toBe('MutationLoginSuccess');
    return client;
  }

  async function create(client: ApiClient, input: Record<string, unknown>, publish = true) {
    const result = await client.graphql(createOfferMutation, { input, publish });
    expect(result.data?.createOffer.__typename).toBe('MutationCreateOfferSuccess');
    return result.data?.createOffer.data as { id: string; title: string };
  }

  async function search(filter: Record<string, unknown>, first = 50): Promise<string[]> {
    const result = await anonymous.graphql(searchQuery, { filter, first });
    expect(result.errors).toBeUndefined();
    return result.data?.offers.edges.map((edge: { node: { title: string } }) => edge.node.title);
  }

  beforeAll(async () => {
    api = await createTestApi();
    await buildMember(api, { email: 'farmer@example.org', displayName: 'Hof Linde', roles: ['member', 'producer'], password });
    await buildMember(api, { email: 'baker@example.org', displayName: 'Backstube', roles: ['member', 'producer'], password });
    await buildMember(api, { email: 'buyer@example.org', displayName: 'Käuferin', roles: ['member'], password });
    farmer = await logIn('farmer@example.org');
    baker = await logIn('baker@example.org');
    buyer = await logIn('buyer@example.org');
    anonymous = api.client();
  });
  afterAll(() => api.close());

  it('lets a producer write their profile, filling coordinates from a known postcode', async () => {
    const result = await farmer.graphql(profileMutation, {
      input: { name: 'Hof Linde', postcode: '34117', deliveryOptions: ['pickup', 'delivery'], openingHours: 'Sa 9-13 Uhr' },
    });
    expect(result.data?.updateProducerProfile).toMatchObject({
      __typename: 'MutationUpdateProducerProfileSuccess',
      data: { name: 'Hof Linde', postcode: '34117', place: 'Kassel', deliveryOptions: ['pickup', 'delivery'] },
    });
    expect(result.data?.updateProducerProfile.data.latitude).toBeCloseTo(51.31, 1);

    const producer = await anonymous.graphql(`query P($id: ID!) { producer(id: $id) { name openingHours member { displayName } } }`, {
      id: result.data?.updateProducerProfile.data.id,
    });
    expect(producer.data?.producer).toEqual({ name: 'Hof Linde', openingHours: 'Sa 9-13 Uhr', member: { displayName: 'Hof Linde' } });

    const bad = await farmer.graphql(profileMutation, { input: { name: 'X', postcode: 'abc', contactEmail: 'nope', latitude: 10 } });
    expect(bad.data?.updateProducerProfile.__typename).toBe('ValidationError');
    expect(bad.data?.updateProducerProfile.fieldErrors.map((error: { field: string }) => error.field).sort()).toEqual([
      'contactEmail',
      'latitude',
      'name',
      'postcode',
    ]);
    const unknownPostcode = await farmer.graphql(profileMutation, { input: { name: 'Hof Linde', postcode: '99999' } });
    expect(unknownPostcode.data?.updateProducerProfile).toMatchObject({ __typename: 'NotFoundError', code: 'not_found' });

    const member = await buyer.graphql(profileMutation, { input: { name: 'Keine Erzeugerin' } });
    expect(member.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const nobody = await anonymous.graphql(profileMutation, { input: { name: 'Niemand' } });
    expect(nobody.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('creates offers with the producer location, validates them and keeps them to their producer', async () => {
    const offer = await create(farmer, baseOffer({ stock: 40, ecologicalAttributes: ['organic_certified', 'regional'] }), false);
    expect(offer).toMatchObject({
      status: 'draft',
      price: '2.90',
      stock: 40,
      postcode: '34117',
      place: 'Kassel',
      ecologicalAttributes: ['organic_certified', 'regional'],
      producer: { displayName: 'Hof Linde' },
    });

    const invalid = await farmer.graphql(createOfferMutation, {
      input: baseOffer({ title: 'A', price: '1.234', categoryCode: 'food.nothing', kind: 'service', stock: 3 }),
    });
    expect(invalid.data?.createOffer.__typename).toBe('ValidationError');
    expect(invalid.data?.createOffer.fieldErrors.map((error: { field: string }) => error.field).sort()).toEqual([
      'categoryCode',
      'price',
      'stock',
      'title',
    ]);
    const zero = await farmer.graphql(createOfferMutation, { input: baseOffer({ price: '0.00' }) });
    expect(zero.data?.createOffer.fieldErrors).toEqual([{ field: 'price', message: 'must be more than zero' }]);

    const member = await buyer.graphql(createOfferMutation, { input: baseOffer() });
    expect(member.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // A draft is visible to its producer only.
    const query = `query O($id: ID!) { offer(id: $id) { id status } }`;
    expect((await buyer.graphql(query, { id: offer.id })).data?.offer).toBeNull();
    expect((await farmer.graphql(query, { id: offer.id })).data?.offer).toEqual({ id: offer.id, status: 'draft' });
    // So is its node.
    const nodeQuery = `query N($id: ID!) { node(id: $id) { id ... on Offer { status } } }`;
    expect((await buyer.graphql(nodeQuery, { id: offer.id })).data?.node).toBeNull();
    expect((await anonymous.graphql(nodeQuery, { id: offer.id })).data?.node).toBeNull();
    expect((await farmer.graphql(nodeQuery, { id: offer.id })).data?.node).toEqual({ id: offer.id, status: 'draft' });

    const edited = await farmer.graphql(updateOfferMutation, { id: offer.id, input: baseOffer({ price: '3.10', postcode: '37073' }) });
    expect(edited.data?.updateOffer.data).toMatchObject({ price: '3.10', place: 'Göttingen', stock: null });
    const foreign = await baker.graphql(updateOfferMutation, { id: offer.id, input: baseOffer({ title: 'Gestohlen' }) });
    expect(foreign.data?.updateOffer).toMatchObject({ __typename: 'NotOwnerError', code: 'not_owner' });
    const missing = await farmer.graphql(updateOfferMutation, { id: 'bm9wZQ==', input: baseOffer() });
    expect(missing.data?.updateOffer).toMatchObject({ __typename: 'NotFoundError', code: 'not_found' });
  });

  it('moves offers along the status machine and refuses other moves', async () => {
    const offer = await create(farmer, baseOffer({ title: 'Birnen, Williams' }), false);
    const step = async (client: ApiClient, status: string) => (await client.graphql(setStatusMutation, { id: offer.id, status })).data?.setOfferStatus;
    expect(await step(farmer, 'paused')).toMatchObject({ __typename: 'StatusTransitionError', code: 'invalid_status_transition' });
    expect(await step(baker, 'active')).toMatchObject({ __typename: 'NotOwnerError' });
    expect(await step(farmer, 'active')).toMatchObject({ data: { status: 'active' } });
    expect(await step(farmer, 'paused')).toMatchObject({ data: { status: 'paused' } });
    expect(await search({ query: 'Birnen' })).toEqual([]);
    expect(await step(farmer, 'active')).toMatchObject({ data: { status: 'active' } });
    expect(await search({ query: 'Birnen' })).toEqual(['Birnen, Williams']);
    expect(await step(farmer, 'archived')).toMatchObject({ data: { status: 'archived' } });
    expect(await step(farmer, 'active')).toMatchObject({ __typename: 'StatusTransitionError' });
    const edit = await farmer.graphql(updateOfferMutation, { id: offer.id, input: baseOffer() });
    expect(edit.data?.updateOffer.__typename).toBe('StatusTransitionError');
    const mine = await farmer.graphql(`{ myOffers(first: 50) { edges { node { title status } } } }`);
    expect(mine.data?.myOffers.edges.map((edge: { node: { title: string } }) => edge.node.title)).toContain('Birnen, Williams');
    expect((await buyer.graphql(`{ myOffers { edges { node { id } } } }`)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  describe('search', () => {
    beforeAll(async () => {
      await baker.graphql(profileMutation, { input: { name: 'Backstube', postcode: '80331', deliveryOptions: ['shipping'] } });
      await create(farmer, baseOffer({ title: 'Apfel, Elstar', description: 'Süß und knackig.', ecologicalAttributes: ['organic_certified'], deliveryOptions: ['pickup'] }));
      await create(farmer, baseOffer({ title: 'Fresh apples for baking', description: 'Sour apples from old trees.', price: '4.00', deliveryOptions: ['delivery'] }));
      await create(baker, baseOffer({ title: 'Apfelkuchen vom Blech', description: 'Mit Äpfeln vom Hof.', categoryCode: 'food.bakery', price: '2.50', deliveryOptions: ['shipping'] }));
      await create(baker, baseOffer({ title: 'Brotbackkurs', description: 'Sauerteig lernen.', categoryCode: 'services.teaching', kind: 'service', price: '35.00', unit: 'Person', availability: 'Samstags' }));
    });

    it('stems German and English and combines the filters', async () => {
      // Stemmers differ on inflected forms ("Äpfeln") between PostgreSQL builds; the plural finds the singular on both.
      expect(await search({ query: 'Äpfel' })).toContain('Apfel, Elstar');
      expect(await search({ query: 'apple' })).toEqual(['Fresh apples for baking']);
      expect(await search({ query: 'Apfel', category: 'food.fruit' })).toEqual(['Apfel, Elstar']);
      expect(await search({ category: 'food', kind: 'service' })).toEqual([]);
      expect(await search({ kind: 'service' })).toEqual(['Brotbackkurs']);
      expect(await search({ priceMin: '3.00', priceMax: '10.00' })).toEqual(['Fresh apples for baking']);
      expect(await search({ ecologicalAttributes: ['organic_certified'] })).toEqual(['Apfel, Elstar']);
      expect(await search({ deliveryOptions: ['delivery', 'shipping'] })).toEqual(['Apfelkuchen vom Blech', 'Fresh apples for baking']);
    });

    it('filters by distance from a postcode or a point', async () => {
      const nearKassel = await search({ near: { postcode: '34131', radiusKm: 30 } });
      expect(nearKassel).toEqual(expect.arrayContaining(['Apfel, Elstar', 'Fresh apples for baking']));
      expect(nearKassel).not.toContain('Apfelkuchen vom Blech');
      expect(await search({ near: { latitude: 48.14, longitude: 11.58, radiusKm: 10 } })).toEqual(['Brotbackkurs', 'Apfelkuchen vom Blech']);
      const unknown = await anonymous.graphql(searchQuery, { filter: { near: { postcode: '99999', radiusKm: 10 } } });
      expect(unknown.errors?.[0]?.extensions?.code).toBe('not_found');
      const invalid = await anonymous.graphql(searchQuery, { filter: { category: 'nothing', near: { radiusKm: 9999 } } });
      expect(invalid.errors?.[0]?.extensions?.code).toBe('validation_failed');
    });

    it('pages through the results without duplicates', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page += 1) {
        const result: { data?: any } = await anonymous.graphql(searchQuery, { first: 2, after });
        for (const edge of result.data?.offers.edges ?? []) seen.push(edge.node.id);
        if (!result.data?.offers.pageInfo.hasNextPage) break;
        after = result.data.offers.pageInfo.endCursor;
      }
      const all = await anonymous.graphql(searchQuery, { first: 50 });
      expect(seen).toEqual(all.data?.offers.edges.map((edge: { node: { id: string } }) => edge.node.id));
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBeGreaterThanOrEqual(4);
      // A search pages the same way, whether a page comes from the newest offers or the text index.
      const matches: string[] = [];
      let searchAfter: string | null = null;
      for (let page = 0; page < 10; page += 1) {
        const result: { data?: any } = await anonymous.graphql(searchQuery, { filter: { query: 'Apfel or apples' }, first: 1, after: searchAfter });
        for (const edge of result.data?.offers.edges ?? []) matches.push(edge.node.title);
        if (!result.data?.offers.pageInfo.hasNextPage) break;
        searchAfter = result.data.offers.pageInfo.endCursor;
      }
      expect(matches).toEqual(await search({ query: 'Apfel or apples' }));
      expect(matches.length).toBeGreaterThanOrEqual(2);
      const bad = await anonymous.graphql(searchQuery, { after: 'garbage' });
      expect(bad.errors?.[0]?.extensions?.code).toBe('validation_failed');
    });

    it('lists categories and a producer page', async () => {
      const categories = await anonymous.graphql(`{ categoryGroups { code categories { code nameDe nameEn } } }`);
      expect(categories.data?.categoryGroups.map((group: { code: string }) => group.code)).toContain('food');
      const profile = await anonymous.graphql(`{ offers(first: 1, filter: { query: "Brotbackkurs" }) { edges { node { producer { producerProfile { id name } } } } } }`);
      const producerId = profile.data?.offers.edges[0].node.producer.producerProfile.id;
      expect(await search({ producer: producerId })).toEqual(['Brotbackkurs', 'Apfelkuchen vom Blech']);
    });

    it('finds the same offers one by one from the newest offers as all at once from the text index, with every filter', async () => {
      await create(farmer, baseOffer({ title: 'Apfelsaft naturtrüb', description: 'Aus Apfel und Birne.', categoryCode: 'food.drinks', ecologicalAttributes: ['organic_certified', 'regional'], deliveryOptions: ['pickup', 'delivery'] }));
      await create(farmer, baseOffer({ title: 'Apple juice', description: 'Pressed from our apples.', categoryCode: 'food.drinks', ecologicalAttributes: ['regional'], deliveryOptions: ['delivery'] }));
      await create(baker, baseOffer({ title: 'Apfelstrudel', description: 'Mit Apfel und Zimt.', categoryCode: 'food.bakery', price: '3.20', ecologicalAttributes: ['regional'], deliveryOptions: ['shipping'] }));
      // A page of one fills from the window of newest offers (all of them here); a page of 50 does
      // not, so that search takes the text index and is remembered to need it. Every way must give
      // the same offers in the same order.
      async function oneByOne(filter: Record<string, unknown>): Promise<string[]> {
        const titles: string[] = [];
        let after: string | null = null;
        for (let page = 0; page < 30; page += 1) {
          const result: { data?: any; errors?: unknown } = await anonymous.graphql(searchQuery, { filter, first: 1, after });
          expect(result.errors).toBeUndefined();
          for (const edge of result.data?.offers.edges ?? []) titles.push(edge.node.title);
          if (!result.data?.offers.pageInfo.hasNextPage) break;
          after = result.data.offers.pageInfo.endCursor;
        }
        return titles;
      }
      const term = 'Apfel or apple';
      const cases: { filter: Record<string, unknown>; found: string[]; notFound: string[] }[] = [
        { filter: { query: term, ecologicalAttributes: ['regional'] }, found: ['Apfelstrudel', 'Apple juice', 'Apfelsaft naturtrüb'], notFound: ['Apfel, Elstar'] },
        { filter: { query: term, ecologicalAttributes: ['organic_certified', 'regional'] }, found: ['Apfelsaft naturtrüb'], notFound: ['Apple juice', 'Apfel, Elstar'] },
        { filter: { query: term, deliveryOptions: ['delivery', 'shipping'] }, found: ['Apfelstrudel', 'Apple juice', 'Apfelsaft naturtrüb', 'Fresh apples for baking'], notFound: ['Apfel, Elstar'] },
        { filter: { query: term, category: 'food', kind: 'good', priceMin: '2.00', priceMax: '3.50' }, found: ['Apfelstrudel', 'Apfelsaft naturtrüb', 'Apfel, Elstar'], notFound: ['Fresh apples for baking'] },
        { filter: { query: term, category: 'food.drinks' }, found: ['Apple juice', 'Apfelsaft naturtrüb'], notFound: ['Apfelstrudel'] },
        { filter: { query: term, near: { postcode: '34131', radiusKm: 30 } }, found: ['Apple juice', 'Fresh apples for baking', 'Apfel, Elstar'], notFound: ['Apfelstrudel'] },
        { filter: { query: term, near: { latitude: 48.14, longitude: 11.58, radiusKm: 10 }, deliveryOptions: ['shipping'] }, found: ['Apfelstrudel'], notFound: ['Apple juice'] },
        // Last: once the term alone has needed the text index, its filtered searches go there first.
        { filter: { query: term }, found: ['Apfelstrudel', 'Apple juice', 'Apfelsaft naturtrüb', 'Fresh apples for baking', 'Apfel, Elstar'], notFound: ['Brotbackkurs'] },
      ];
      for (const { filter, found, notFound } of cases) {
        const before = await oneByOne(filter);
        const all = await search(filter);
        expect(all).toEqual(expect.arrayContaining(found));
        for (const title of notFound) expect(all).not.toContain(title);
        expect(before).toEqual(all);
        expect(await oneByOne(filter)).toEqual(all);
      }
      // A filtered search of that term, never seen before, goes straight to the text index.
      expect(await oneByOne({ query: term, kind: 'good', ecologicalAttributes: ['regional'] })).toEqual(await search({ query: term, kind: 'good', ecologicalAttributes: ['regional'] }));
    });

    it('finds German compounds by their last part, in any search of web search syntax', async () => {
      await create(farmer, baseOffer({ title: 'Waldhonig aus dem Kellerwald', description: 'Dunkel und kräftig.', categoryCode: 'food.preserves' }));
      await create(farmer, baseOffer({ title: 'Honigmelone', description: 'Süß und saftig.' }));
      await create(baker, baseOffer({ title: 'Roggenmischbrot', description: 'Mit Sauerteig.', categoryCode: 'food.bakery' }));
      expect(await search({ query: 'Honig' })).toEqual(['Waldhonig aus dem Kellerwald']);
      expect(await search({ query: 'honig', category: 'food.fruit' })).toEqual([]);
      expect(await search({ query: 'Brot' })).toEqual(['Roggenmischbrot']);
      expect(await search({ query: 'Wald' })).toEqual(['Waldhonig aus dem Kellerwald']);
      // Every word of several, quoted or with operators, finds compounds too; an excluded word is a whole word.
      expect(await search({ query: 'Honig Kellerwald' })).toEqual(['Waldhonig aus dem Kellerwald']);
      expect(await search({ query: 'Honig -xyz' })).toEqual(['Waldhonig aus dem Kellerwald']);
      expect(await search({ query: '"Honig"' })).toEqual(['Waldhonig aus dem Kellerwald']);
      expect((await search({ query: 'Brot or Honig' })).sort()).toEqual(['Roggenmischbrot', 'Waldhonig aus dem Kellerwald']);
      expect((await search({ query: 'Honig or Melone' })).sort()).toEqual(['Honigmelone', 'Waldhonig aus dem Kellerwald']);
      expect(await search({ query: 'Honig -Kellerwald' })).toEqual([]);
      expect(await search({ query: 'Waldhonig -Wald' })).toEqual(['Waldhonig aus dem Kellerwald']);
      // The first part alone is not enough, and neither are the last three letters.
      expect(await search({ query: 'Roggen' })).toEqual([]);
      expect(await search({ query: 'rot' })).toEqual([]);
    });
  });

  describe('needs and notifications', () => {
    const postNeedMutation = `mutation Post($input: PostNeedInput!) {
      postNeed(input: $input) { __typename ... on MutationPostNeedSuccess { data { id title isOpen } } ... on ValidationError { fieldErrors { field } } }
    }`;
    const answerMutation = `mutation Answer($input: AnswerNeedInput!) {
      answerNeed(input: $input) { __typename ... on MutationAnswerNeedSuccess { data { message offer { title } producer { displayName } } } ... on Error { code } }
    }`;
    const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

    it('posts a need, answers it with an own offer only, and notifies the member', async () => {
      const posted = await buyer.graphql(postNeedMutation, {
        input: { title: 'Suche Lageräpfel', description: 'Für den Winter', categoryCode: 'food.fruit', place: 'Kassel', expiresAt: inAWeek() },
      });
      expect(posted.data?.postNeed).toMatchObject({ __typename: 'MutationPostNeedSuccess', data: { title: 'Suche Lageräpfel', isOpen: true } });
      const needId = posted.data?.postNeed.data.id;

      const invalid = await buyer.graphql(postNeedMutation, { input: { title: 'x', categoryCode: 'none', expiresAt: '2020-01-01T00:00:00Z' } });
      expect(invalid.data?.postNeed.fieldErrors.map((error: { field: string }) => error.field).sort()).toEqual(['categoryCode', 'expiresAt', 'title']);
      expect((await anonymous.graphql(postNeedMutation, { input: { title: 'Anonym', categoryCode: 'food.fruit', expiresAt: inAWeek() } })).errors?.[0]?.extensions?.code).toBe(
        'UNAUTHENTICATED',
      );

      const needs = await anonymous.graphql(`{ needs(first: 10) { edges { node { id title member { displayName } } } } }`);
      expect(needs.data?.needs.edges).toEqual([{ node: { id: needId, title: 'Suche Lageräpfel', member: { displayName: 'Käuferin' } } }]);

      const farmerOffer = await create(farmer, baseOffer({ title: 'Lageräpfel Topaz' }));
      const bakerOffer = await create(baker, baseOffer({ title: 'Apfelbrot', categoryCode: 'food.bakery' }));
      const foreign = await baker.graphql(answerMutation, { input: { needId, offerId: farmerOffer.id } });
      expect(foreign.data?.answerNeed).toMatchObject({ __typename: 'NotOwnerError', code: 'not_owner' });
      expect((await buyer.graphql(answerMutation, { input: { needId, offerId: farmerOffer.id } })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const answered = await farmer.graphql(answerMutation, { input: { needId, offerId: farmerOffer.id, message: 'Haben wir!' } });
      expect(answered.data?.answerNeed).toMatchObject({ data: { message: 'Haben wir!', offer: { title: 'Lageräpfel Topaz' }, producer: { displayName: 'Hof Linde' } } });
      const again = await farmer.graphql(answerMutation, { input: { needId, offerId: farmerOffer.id } });
      expect(again.data?.answerNeed.__typename).toBe('AlreadyAnsweredError');
      expect((await baker.graphql(answerMutation, { input: { needId, offerId: bakerOffer.id } })).data?.answerNeed.__typename).toBe('MutationAnswerNeedSuccess');

      const unread = await buyer.graphql(`{ unreadNotificationCount notifications { edges { node { id kind link needTitle offerTitle actorName readAt } } } }`);
      expect(unread.data?.unreadNotificationCount).toBe(2);
      const [latest] = unread.data?.notifications.edges ?? [];
      expect(latest.node).toMatchObject({ kind: 'need_answered', needTitle: 'Suche Lageräpfel', offerTitle: 'Apfelbrot', actorName: 'Backstube', readAt: null });
      expect((await farmer.graphql(`{ unreadNotificationCount }`)).data?.unreadNotificationCount).toBe(0);
      // Marking someone else's notification changes nothing.
      expect((await farmer.graphql(`mutation M($ids: [ID!]) { markNotificationsRead(ids: $ids) }`, { ids: [latest.node.id] })).data?.markNotificationsRead).toBe(0);
      expect((await buyer.graphql(`mutation M($ids: [ID!]) { markNotificationsRead(ids: $ids) }`, { ids: [latest.node.id] })).data?.markNotificationsRead).toBe(1);
      expect((await buyer.graphql(`{ unreadNotificationCount }`)).data?.unreadNotificationCount).toBe(1);
      expect((await buyer.graphql(`mutation { markNotificationsRead }`)).data?.markNotificationsRead).toBe(1);
      expect((await anonymous.graphql(`{ notifications { edges { node { id } } } }`)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

      const detail = await anonymous.graphql(`query N($id: ID!) { need(id: $id) { answers { offer { title } } } }`, { id: needId });
      expect(detail.data?.need.answers.map((answer: { offer: { title: string } }) => answer.offer.title)).toEqual(['Lageräpfel Topaz', 'Apfelbrot']);

      // Only __typename of the success type: no columns selected at all.
      const close = `mutation C($id: ID!) { closeNeed(id: $id) { __typename ... on Error { code } } }`;
      expect((await farmer.graphql(close, { id: needId })).data?.closeNeed.__typename).toBe('NotOwnerError');
      const closed = await buyer.graphql(close, { id: needId });
      expect(closed.errors).toBeUndefined();
      expect(closed.data?.closeNeed.__typename).toBe('MutationCloseNeedSuccess');
      expect((await farmer.graphql(answerMutation, { input: { needId, offerId: farmerOffer.id } })).data?.answerNeed.__typename).toBe('NeedClosedError');
      expect((await anonymous.graphql(`{ needs { edges { node { id } } } }`)).data?.needs.edges).toEqual([]);
    });

    it('answers only with an offer the producer chose, and lets the producer withdraw the answer', async () => {
      const posted = await buyer.graphql(postNeedMutation, { input: { title: 'Suche Walnüsse', categoryCode: 'food.fruit', expiresAt: inAWeek() } });
      const needId = posted.data?.postNeed.data.id;
      await create(farmer, baseOffer({ title: 'Haselnüsse' }));
      const walnuts = await create(farmer, baseOffer({ title: 'Walnüsse' }));
      const paused = await create(farmer, baseOffer({ title: 'Walnussöl' }), false);
      const bakerOffer = await create(baker, baseOffer({ title: 'Nussbrot', categoryCode: 'food.bakery' }));

      // No offer chosen is no answer: neither a missing nor an empty offer falls back to another offer.
      expect((await farmer.graphql(answerMutation, { input: { needId } })).errors?.[0]?.message).toMatch(/offerId/);
      expect((await farmer.graphql(answerMutation, { input: { needId, offerId: '' } })).data?.answerNeed).toMatchObject({ __typename: 'NotFoundError', code: 'not_found' });
      expect((await farmer.graphql(answerMutation, { input: { needId, offerId: paused.id } })).data?.answerNeed.__typename).toBe('OfferNotActiveError');
      expect((await farmer.graphql(answerMutation, { input: { needId, offerId: bakerOffer.id } })).data?.answerNeed.__typename).toBe('NotOwnerError');
      const answerWithId = `mutation Answer($input: AnswerNeedInput!) { answerNeed(input: $input) { __typename ... on MutationAnswerNeedSuccess { data { id offer { title } } } } }`;
      const answered = await farmer.graphql(answerWithId, { input: { needId, offerId: walnuts.id, message: 'Frisch geknackt' } });
      expect(answered.data?.answerNeed.data.offer.title).toBe('Walnüsse');
      const answerId = answered.data?.answerNeed.data.id as string;
      expect((await buyer.graphql(`{ unreadNotificationCount }`)).data?.unreadNotificationCount).toBe(1);

      const withdraw = `mutation W($id: ID!) { withdrawNeedAnswer(id: $id) { __typename ... on MutationWithdrawNeedAnswerSuccess { data { id answers { id } } } ... on NotFoundError { code entity } ... on Error { code } } }`;
      expect((await baker.graphql(withdraw, { id: answerId })).data?.withdrawNeedAnswer.__typename).toBe('NotOwnerError');
      expect((await buyer.graphql(withdraw, { id: answerId })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await farmer.graphql(withdraw, { id: 'no-answer' })).data?.withdrawNeedAnswer).toMatchObject({ code: 'not_found', entity: 'need_answer' });
      const withdrawn = await farmer.graphql(withdraw, { id: answerId });
      expect(withdrawn.data?.withdrawNeedAnswer).toMatchObject({ __typename: 'MutationWithdrawNeedAnswerSuccess', data: { id: needId, answers: [] } });
      expect((await farmer.graphql(withdraw, { id: answerId })).data?.withdrawNeedAnswer.__typename).toBe('NotFoundError');

      // The member who posted the need sees neither the answer nor its unread notification any more.
      const seen = await buyer.graphql(`query N($id: ID!) { need(id: $id) { answers { id } } unreadNotificationCount }`, { id: needId });
      expect(seen.data).toEqual({ need: { answers: [] }, unreadNotificationCount: 0 });
      // The producer may answer again, with the same offer.
      expect((await farmer.graphql(answerMutation, { input: { needId, offerId: walnuts.id } })).data?.answerNeed.__typename).toBe('MutationAnswerNeedSuccess');
    });
  });
});
