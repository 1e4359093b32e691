// A public listing runs without a session, and the listing cache shares its answer with every
// visitor. Whether a field depends on the viewer is therefore not left to a hand-kept list alone: this
// test selects every field a listing can reach and runs it as a public listing, where reading the
// viewer throws. A new field that reads the viewer fails here until it is named in
// viewerDependentFields (which makes documents that select it private).
import { getNamedType, isLeafType, isObjectType, type GraphQLObjectType } from 'graphql';
import { schema } from '../src/schema';
import { isPublicListing, viewerDependentFields } from '../src/marketplace/search/public-listing';
import { parse } from 'graphql';
import { createTestApi, type TestApi } from './support/api';
import { createMember, createOffer } from './support/orders';

/** Every field without required arguments, to `depth` levels of objects below the type. */
function selectAll(type: GraphQLObjectType, depth: number, path: readonly string[] = []): string {
  const fields = Object.values(type.getFields()).flatMap((field) => {
    if (viewerDependentFields.has(`${type.name}.${field.name}`)) return [];
    if (field.args.some((arg) => arg.type.toString().endsWith('!') && arg.defaultValue === undefined)) return [];
    const named = getNamedType(field.type);
    if (isLeafType(named)) return [field.name];
    if (!isObjectType(named) || depth === 0 || path.includes(named.name)) return [];
    const inner = selectAll(named, depth - 1, [...path, type.name]);
    return inner ? [`${field.name} { ${inner} }`] : [];
  });
  return fields.join(' ');
}

describe('public listings', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
    const producer = await createMember(api, 'Greta', ['member', 'producer']);
    await createOffer(api, producer.id, { title: 'Birnen', price: '3.20', stock: 5 });
  });
  afterAll(() => api.close());

  it('read nothing of the viewer in any field they can select', async () => {
    const offerType = schema.getType('Offer') as GraphQLObjectType;
    const document = `{ offers(first: 5) { edges { cursor node { ${selectAll(offerType, 3)} } } pageInfo { hasNextPage endCursor } } }`;
    expect(isPublicListing(schema, parse(document))).toBe(true);
    const result = await api.client().graphql(document);
    expect(result.errors).toBeUndefined();
    expect(result.data?.offers.edges).toHaveLength(1);
  });
});
