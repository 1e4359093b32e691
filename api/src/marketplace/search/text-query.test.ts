import { parseWebSearch } from './text-query';

const terms = (query: string) => parseWebSearch(query).map((group) => group.map((term) => `${term.excluded ? '-' : ''}${term.phrase ? `"${term.text}"` : term.text}`));

describe('parseWebSearch', () => {
  it('reads words, phrases, exclusions and alternatives as web search syntax does', () => {
    expect(terms('Honig')).toEqual([['Honig']]);
    expect(terms('Honig -xyz')).toEqual([['Honig'], ['-xyz']]);
    expect(terms('"Honig"')).toEqual([['"Honig"']]);
    expect(terms('Brot or Honig')).toEqual([['Brot', 'Honig']]);
    expect(terms('frisches Brot OR Brötchen -Toast')).toEqual([['frisches'], ['Brot', 'Brötchen'], ['-Toast']]);
    expect(terms('"roter Apfel" bio')).toEqual([['"roter Apfel"'], ['bio']]);
    expect(terms('or Brot or')).toEqual([['Brot']]);
    expect(terms(' - "" ')).toEqual([]);
    expect(terms('"offen')).toEqual([['"offen"']]);
  });
});
