// A search first looks at the window of the newest offers and takes the text index only when the
// window holds less than a page of matches. With more offers than the window holds, the window has a
// real start (and below a cursor, a start of its own), so matches lie on both sides of it: paging
// through them in pages of every size must give the same offers, in the same order, as one page of
// all of them, and as the plain ranking without accelerators (the contract of every accelerator).
import { createTestApi, type TestApi } from './support/api';
import { createOfferSearch, type OfferFilters, type OfferSearch } from '../src/marketplace/search';
import { searchWindowSize } from '../src/marketplace/search/newest-window';

const searchQuery = `query Search($filter: OfferFilterInput, $first: Int, $after: String) {
  offers(filter: $filter, first: $first, after: $after, order: newest) {
    edges { node { title } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('search window', () => {
  let api: TestApi;
  // Offers one minute apart, the newest first; matches at these positions (0 is the newest).
  const offerCount = searchWindowSize + 400;
  const matchPositions = [3, 40, 41, 700, 1500, 1990, 2010, 2011, 2100, 2390];
  const fruitMatchPositions = new Set([40, 1500, 2010, 2390]);

  beforeAll(async () => {
    api = await createTestApi();
    const producer = await api.database.prisma.member.create({
      data: { email: 'imker@example.org', displayName: 'Imkerei Sommer', passwordHash: 'x', roles: ['member', 'producer'] },
    });
    const newest = Date.parse('2026-11-30T12:00:00Z');
    await api.database.prisma.offer.createMany({
      data: Array.from({ length: offerCount }, (_, position) => {
        const match = matchPositions.includes(position);
        return {
          producerId: producer.id,
          title: match ? `Quittengelee Nr. ${position}` : `Bienenwachskerze Nr. ${position}`,
          description: match ? 'Aus eigenen Quitten.' : 'Handgegossen.',
          categoryCode: fruitMatchPositions.has(position) ? 'food.fruit' : 'food.preserves',
          kind: 'good' as const,
          price: '4.50',
          unit: 'Glas',
          status: 'active' as const,
          createdAt: new Date(newest - position * 60_000),
        };
      }),
    });
  });
  afterAll(() => api.close());

  async function pageByPage(filter: Record<string, unknown>, first: number): Promise<string[]> {
    const client = api.client();
    const titles: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const result: { data?: any; errors?: unknown } = await client.graphql(searchQuery, { filter, first, after });
      expect(result.errors).toBeUndefined();
      titles.push(...result.data.offers.edges.map((edge: any) => edge.node.title as string));
      if (!result.data.offers.pageInfo.hasNextPage) return titles;
      after = result.data.offers.pageInfo.endCursor;
    }
    throw new Error('more pages than matches');
  }

  // A search that once needed the text index goes there directly for a while; each run below spells
  // the term differently (the search ignores case), so that every run starts at the window.
  const spellings = ['Quittengelee', 'quittengelee', 'QUITTENGELEE', 'QuittenGelee', 'quittenGelee', 'QUITTENgelee'];
  const titles = (positions: Iterable<number>) => [...positions].map((position) => `Quittengelee Nr. ${position}`);

  it('finds every match on both sides of the window, in order, whatever the page size', async () => {
    const sizes = [1, 2, 3, 4, 7, 50];
    for (const [index, first] of sizes.entries()) {
      expect(await pageByPage({ query: spellings[index] }, first)).toEqual(titles(matchPositions));
    }
  });

  it('does the same within one category, whose window is its own', async () => {
    const preserves = matchPositions.filter((position) => !fruitMatchPositions.has(position));
    for (const [index, first] of [1, 4, 50].entries()) {
      expect(await pageByPage({ query: spellings[index], category: 'food.preserves' }, first)).toEqual(titles(preserves));
      // Fewer fruit offers than a window holds: their window is all of them.
      expect(await pageByPage({ query: spellings[index], category: 'food.fruit' }, first)).toEqual(titles(fruitMatchPositions));
    }
  });

  describe('the accelerated search and the plain ranking', () => {
    let plain: OfferSearch;
    let accelerated: OfferSearch;
    beforeAll(() => {
      const { prisma, readQuery } = api.database;
      plain = createOfferSearch({ prisma, readQuery, listingCacheSeconds: 0, accelerated: false });
      accelerated = createOfferSearch({ prisma, readQuery, listingCacheSeconds: 0 });
    });

    async function allPages(search: OfferSearch, filters: OfferFilters, first: number): Promise<string[][]> {
      const pages: string[][] = [];
      let after: string | null = null;
      for (let page = 0; page < 3000; page += 1) {
        const result = await search.searchOffers(filters, { first, after }, 'newest');
        pages.push(result.offers.map((offer) => offer.cursor));
        if (!result.hasNextPage) return pages;
        after = result.offers.at(-1)!.cursor;
      }
      throw new Error('more pages than offers');
    }

    it('give the same pages for terms, filters and browsing, whatever the page size, twice over', async () => {
      // Rare terms in small pages; a common term and browsing in full pages (2,400 offers).
      const cases: [OfferFilters, number[]][] = [
        [{ query: 'Quittengelee' }, [1, 7, 50]],
        [{ query: 'Quittengelee', category: 'food.preserves' }, [1, 7]],
        [{ query: 'Quittengelee', category: 'food.fruit' }, [1, 50]],
        [{ query: 'Quittengelee', category: 'food' }, [3]],
        [{ query: 'nirgendwo' }, [20]],
        [{ query: 'Bienenwachskerze' }, [50]],
        [{ category: 'food.fruit' }, [2]],
        [{}, [50]],
      ];
      for (const [filters, sizes] of cases) {
        for (const first of sizes) {
          const expected = await allPages(plain, filters, first);
          // The second run of the accelerated search takes the route it remembered from the first.
          expect(await allPages(accelerated, filters, first)).toEqual(expected);
          expect(await allPages(accelerated, filters, first)).toEqual(expected);
        }
      }
    });
  });
});
