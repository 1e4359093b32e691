// Distances on search results: each result of a search around a place says how far the offer lies
// from it, computed by the database as the distance filter does. The listing cache keeps listings by
// their variables, so two places never share a listing, and offer rows shared between listings never
// carry one search's distance.
import { createTestApi, type ApiClient, type TestApi } from './support/api';
import { buildMember, buildOffer } from './support/builders';

/** The radius of the sphere PostgreSQL's earthdistance module measures on (its earth() function). */
const earthRadiusMeters = 6_378_168;

/** Great-circle distance in kilometres, to compare the database's figures with. */
function greatCircleKm(from: { latitude: number; longitude: number }, to: { latitude: number; longitude: number }): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const deltaLatitude = radians(to.latitude - from.latitude);
  const deltaLongitude = radians(to.longitude - from.longitude);
  const a = Math.sin(deltaLatitude / 2) ** 2 + Math.cos(radians(from.latitude)) * Math.cos(radians(to.latitude)) * Math.sin(deltaLongitude / 2) ** 2;
  return (2 * earthRadiusMeters * Math.asin(Math.sqrt(a))) / 1000;
}

const search = `query Search($filter: OfferFilterInput) {
  offers(first: 20, filter: $filter) { edges { distanceKm node { title } } }
}`;

describe('distances on search results', () => {
  let api: TestApi;
  let visitor: ApiClient;
  const centre = { latitude: 51.0, longitude: 9.0 };
  // Postcode 34117 (Kassel) as the migration of postcodes has it.
  const kassel34117 = { latitude: 51.3127, longitude: 9.4797 };
  const kassel34131 = { latitude: 51.315, longitude: 9.437 };

  beforeAll(async () => {
    // Long enough that nothing expires during the test: every repeated listing comes from the cache.
    api = await createTestApi({ OFFER_LIST_CACHE_SECONDS: '300' });
    const producer = await buildMember(api, { email: 'hof@example.org', roles: ['member', 'producer'] });
    await buildOffer(api, producer.id, { title: 'In der Mitte', ...centre });
    await buildOffer(api, producer.id, { title: 'Nördlich', latitude: 51.1, longitude: 9.0 });
    await buildOffer(api, producer.id, { title: 'Östlich', latitude: 51.0, longitude: 9.2 });
    await buildOffer(api, producer.id, { title: 'In Kassel', ...kassel34117 });
    await buildOffer(api, producer.id, { title: 'Ohne Ort' });
    visitor = api.client();
  });
  afterAll(() => api.close());

  async function distances(filter: Record<string, unknown> | null): Promise<Record<string, number | null>> {
    const result = await visitor.graphql(search, { filter });
    expect(result.errors).toBeUndefined();
    return Object.fromEntries(result.data!.offers.edges.map((edge: { distanceKm: number | null; node: { title: string } }) => [edge.node.title, edge.distanceKm]));
  }

  it('gives each result its distance from the coordinates searched around', async () => {
    const found = await distances({ near: { ...centre, radiusKm: 30 } });
    expect(Object.keys(found).sort()).toEqual(['In der Mitte', 'Nördlich', 'Östlich']);
    expect(found['In der Mitte']).toBe(0);
    // A tenth of a degree along a meridian: 6,378,168 m × π / 1800.
    expect(found['Nördlich']).toBeCloseTo(11.132, 3);
    expect(found['Östlich']).toBeCloseTo(greatCircleKm(centre, { latitude: 51.0, longitude: 9.2 }), 3);
    expect(found['Östlich']).toBeCloseTo(14.011, 3);
  });

  it('measures from the postcode searched around', async () => {
    const found = await distances({ near: { postcode: '34131', radiusKm: 10 } });
    expect(Object.keys(found)).toEqual(['In Kassel']);
    expect(found['In Kassel']).toBeCloseTo(greatCircleKm(kassel34131, kassel34117), 3);
    expect(found['In Kassel']).toBeCloseTo(2.98, 2);
  });

  it('has no distance without a place, even for offers a search around a place listed before', async () => {
    await distances({ near: { ...centre, radiusKm: 500 } });
    const found = await distances(null);
    expect(Object.keys(found)).toHaveLength(5);
    expect(Object.values(found).every((distance) => distance === null)).toBe(true);
  });

  it('keeps the listings of different places apart in the cache', async () => {
    const fromCentre = await distances({ near: { ...centre, radiusKm: 500 } });
    const fromKassel = await distances({ near: { ...kassel34117, radiusKm: 500 } });
    expect(fromKassel['In Kassel']).toBe(0);
    expect(fromCentre['In Kassel']).toBeCloseTo(greatCircleKm(centre, kassel34117), 3);
    expect(fromKassel['In der Mitte']).toBe(fromCentre['In Kassel']);
    // Asked again, each place gets its own listing back.
    expect(await distances({ near: { ...centre, radiusKm: 500 } })).toEqual(fromCentre);
    expect(await distances({ near: { ...kassel34117, radiusKm: 500 } })).toEqual(fromKassel);
  });
});
