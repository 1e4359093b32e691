import { schema } from '../../schema';
import { listingNeutralMutations, offerChangingMutations } from './listing-cache';

describe('the listing cache and the schema', () => {
  // A mutation in neither set could change what listings show without clearing them: its author must
  // decide which set it belongs to.
  it('knows every mutation as either changing listings or leaving them as they are', () => {
    const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {}).sort();
    const unclassified = mutations.filter((name) => !offerChangingMutations.has(name) && !listingNeutralMutations.has(name));
    const both = mutations.filter((name) => offerChangingMutations.has(name) && listingNeutralMutations.has(name));
    const unknown = [...offerChangingMutations, ...listingNeutralMutations].filter((name) => !mutations.includes(name));
    expect({ unclassified, both, unknown }).toEqual({ unclassified: [], both: [], unknown: [] });
  });
});
