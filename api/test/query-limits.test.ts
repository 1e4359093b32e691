// Limits on GraphQL documents in the real request handling: documents over a limit are refused with
// the limit's code before they execute, listings included, and every document of the web app stays
// within the limits the server is configured with by default.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { formatDocument } from '@urql/core';
import { getIntrospectionQuery, Kind, parse, print, visit, type DefinitionNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { queryLimitCodes, queryLimitErrors } from '../src/query-limits';
import { schema } from '../src/schema';
import { createTestApi, testConfig, type ApiClient, type TestApi } from './support/api';

const webSource = path.resolve(__dirname, '../../web/src');
const offerFeed = readFileSync(path.join(webSource, 'components/offers/OfferFeed.graphql'), 'utf8');

/** A listing whose longest path has `depth` fields: offer, its producer, then profile and member in turn. */
function deepListing(depth: number): string {
  const path = ['offers(first: 1)', 'edges', 'node', 'producer'];
  while (path.length < depth - 1) path.push(path.length % 2 === 0 ? 'producerProfile' : 'member');
  return `query { ${path.map((field) => `${field} {`).join(' ')} id ${'}'.repeat(path.length)} }`;
}

function aliasedListings(count: number): string {
  const aliases = Array.from({ length: count }, (_, index) => `o${index}: offers(first: 10) { edges { node { id } } }`);
  return `query { ${aliases.join(' ')} }`;
}

/** Few fields, but 50 offers with 50 reviews each. */
const costlyListing = 'query { offers(first: 50) { edges { node { reviews(first: 50) { edges { node { id text } } } } } } }';

function codesOf(result: { errors?: { extensions?: { code?: string } }[] }): (string | undefined)[] {
  return (result.errors ?? []).map((error) => error.extensions?.code);
}

/** The documents of the web app as its client sends them: each operation with the fragments it uses. */
function webDocuments(): { name: string; text: string }[] {
  const files = readdirSync(webSource, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.graphql'));
  const definitions: DefinitionNode[] = files.flatMap((file) => parse(readFileSync(path.join(webSource, file), 'utf8')).definitions);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const operations = definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  return operations.map((operation) => {
    const used = new Map<string, FragmentDefinitionNode>();
    const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
      visit(node, {
        FragmentSpread(spread) {
          const fragment = fragments.get(spread.name.value);
          if (!fragment || used.has(fragment.name.value)) return;
          used.set(fragment.name.value, fragment);
          collect(fragment);
        },
      });
    collect(operation);
    // urql's document cache adds `__typename` to every selection, as the web app's client does.
    const document = formatDocument({ kind: Kind.DOCUMENT, definitions: [operation, ...used.values()] });
    return { name: operation.name?.value ?? '(anonymous)', text: print(document) };
  });
}

describe('query limits', () => {
  const limits = testConfig().queryLimits;

  describe.each(webDocuments())('the web app document $name', ({ text }) => {
    it('is within the default limits', () => {
      expect(queryLimitErrors(schema, text, limits)).toEqual([]);
    });
  });

  it('leaves the introspection query of GraphiQL alone', () => {
    expect(queryLimitErrors(schema, getIntrospectionQuery(), limits)).toEqual([]);
  });

  describe('in the request handling', () => {
    let api: TestApi;
    let client: ApiClient;

    beforeAll(async () => {
      // The listing cache is on, as in production, so refusals are checked on the listing path too.
      api = await createTestApi({ OFFER_LIST_CACHE_SECONDS: '5' });
      client = api.client();
    });
    afterAll(async () => {
      await api?.close();
    });

    async function post(query: string, variables: Record<string, unknown> = {}) {
      const response = await client.request({
        body: JSON.stringify({ query, variables }),
        headers: { 'content-type': 'application/json', 'x-allmende-csrf': '1' },
      });
      return { etag: response.headers.get('etag'), body: (await response.json()) as { data?: any; errors?: any[] } };
    }

    it('answers a normal listing, and from the cache the second time', async () => {
      const first = await post(offerFeed, { first: 20 });
      expect(first.body.errors).toBeUndefined();
      expect(first.body.data.offers.edges).toEqual([]);
      expect(first.etag).not.toBeNull();
      expect((await post(offerFeed, { first: 20 })).etag).toBe(first.etag);
    });

    it('refuses a query 50 levels deep with QUERY_TOO_DEEP, before executing it', async () => {
      const result = await post(deepListing(50));
      expect(result.body.data).toBeUndefined();
      // Cost grows with every level too, so the query is also too costly.
      expect(codesOf(result.body)).toEqual([queryLimitCodes.depth, queryLimitCodes.cost]);
      // A limit's depth itself passes.
      expect((await post(deepListing(limits.depthMax))).body.errors).toBeUndefined();
    });

    it('refuses 1,000 aliases of a listing while parsing, by their tokens', async () => {
      const result = await post(aliasedListings(1000));
      expect(codesOf(result.body)).toEqual([queryLimitCodes.tokens]);
    });

    it('refuses more aliases than allowed with TOO_MANY_ALIASES', async () => {
      const result = await post(aliasedListings(limits.aliasesMax + 1));
      expect(codesOf(result.body)).toEqual([queryLimitCodes.aliases]);
      expect((await post(aliasedListings(2))).body.errors).toBeUndefined();
    });

    it('refuses a short query that asks for too much with QUERY_TOO_COSTLY', async () => {
      expect(codesOf((await post(costlyListing)).body)).toEqual([queryLimitCodes.cost]);
    });

    it('refuses more directives than allowed with TOO_MANY_DIRECTIVES', async () => {
      const directives = ' @include(if: true)'.repeat(limits.directivesMax + 1);
      expect(codesOf((await post(`query { offers(first: 1) { edges { node { id${directives} } } } }`)).body)).toEqual([queryLimitCodes.directives]);
    });

    it('refuses again when the same refused document comes back', async () => {
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const result = await post(costlyListing);
        expect(result.etag).toBeNull();
        expect(codesOf(result.body)).toEqual([queryLimitCodes.cost]);
      }
    });

    it('names the limit a query broke, not its value', async () => {
      const results = await Promise.all([deepListing(50), aliasedListings(1000), costlyListing].map((query) => post(query)));
      for (const { body } of results) {
        for (const error of body.errors ?? []) {
          expect(error.message).not.toMatch(/\d/);
          expect(Object.keys(error.extensions)).toEqual(['code']);
        }
      }
    });
  });

  describe('with a token limit high enough to let 1,000 aliases through the parser', () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await createTestApi({ GRAPHQL_MAX_TOKENS: '100000' });
    });
    afterAll(async () => {
      await api?.close();
    });

    it('refuses them by their aliases and their cost', async () => {
      const result = await api.client().graphql(aliasedListings(1000));
      expect(result.data).toBeUndefined();
      expect(codesOf(result)).toEqual([queryLimitCodes.aliases, queryLimitCodes.cost]);
    });
  });
});
