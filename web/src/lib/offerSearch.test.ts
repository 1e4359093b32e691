import { emptySearch, filterFromSearch, orderFromQuery, queryFromSearch, searchFromQuery } from './offerSearch';

describe('offer search in the URL', () => {
  it('round-trips a search through the URL query', () => {
    const search = {
      ...emptySearch(),
      query: ' Äpfel ',
      category: 'food',
      kind: 'good' as const,
      priceMin: '1,50',
      ecologicalAttributes: ['organic_certified' as const, 'regional' as const],
      deliveryOptions: ['pickup' as const],
      postcode: '34117',
      radiusKm: '10',
    };
    const query = queryFromSearch(search);
    expect(query).toEqual({
      q: 'Äpfel',
      category: 'food',
      kind: 'good',
      priceMin: '1,50',
      eco: 'organic_certified,regional',
      delivery: 'pickup',
      postcode: '34117',
      radius: '10',
    });
    expect(searchFromQuery(query as Record<string, string>)).toEqual({ ...search, query: 'Äpfel' });
  });

  it('turns the search into the API filter and drops what the API would reject', () => {
    expect(filterFromSearch(searchFromQuery({ q: 'Brot', priceMin: '1,5', priceMax: 'viel', postcode: '341', kind: 'other', eco: 'regional,unknown' }))).toEqual({
      query: 'Brot',
      priceMin: '1.5',
      ecologicalAttributes: ['regional'],
    });
    expect(filterFromSearch(searchFromQuery({ postcode: '34117', radius: '9999' }))).toEqual({ near: { postcode: '34117', radiusKm: 500 } });
    expect(filterFromSearch(emptySearch())).toEqual({});
  });

  it('reads the order from the URL: the voted ranking by default, nearest only with a place', () => {
    expect(orderFromQuery({}, {})).toBe('ranked');
    expect(orderFromQuery({ order: 'priceAscending' }, {})).toBe('priceAscending');
    expect(orderFromQuery({ order: 'newest' }, { query: 'Brot' })).toBe('newest');
    expect(orderFromQuery({ order: 'cheapest' }, {})).toBe('ranked');
    expect(orderFromQuery({ order: 'nearest' }, {})).toBe('ranked');
    expect(orderFromQuery({ order: 'nearest' }, { near: { postcode: '34117', radiusKm: 25 } })).toBe('nearest');
  });
});
