import { parse } from 'graphql';
import { schema } from '../../schema';
import { createPublicListingCheck, isPublicListing } from './public-listing';

const publicListing = (document: string) => isPublicListing(schema, parse(document));

describe('isPublicListing', () => {
  it('accepts queries of offers alone, aliased, with fragments and page info', () => {
    expect(publicListing(`{ offers(first: 5) { edges { node { title producer { displayName } images { alt } } } } }`)).toBe(true);
    expect(publicListing(`query A { a: offers(first: 1) { pageInfo { hasNextPage } } b: offers(first: 2) { edges { cursor } } __typename }`)).toBe(true);
    expect(publicListing(`query { offers { edges { node { ...F } } } } fragment F on Offer { rating { count } producer { producerProfile { name } } }`)).toBe(true);
  });

  it('refuses other root fields, mutations and fields that depend on the viewer', () => {
    expect(publicListing(`{ offers { edges { cursor } } categoryGroups { code } }`)).toBe(false);
    expect(publicListing(`query ($id: ID!) { offers: offer(id: $id) { title } }`)).toBe(false);
    expect(publicListing(`query ($id: ID!) { node(id: $id) { id } }`)).toBe(false);
    expect(publicListing(`{ me { displayName } }`)).toBe(false);
    expect(publicListing(`{ offers { edges { node { producer { email } } } } }`)).toBe(false);
    expect(publicListing(`{ offers { edges { node { producer { ...M } } } } } fragment M on Member { emailNotifications }`)).toBe(false);
    expect(publicListing(`query { ...Q } fragment Q on Query { me { id } }`)).toBe(false);
    expect(publicListing(`mutation { logout { __typename } }`)).toBe(false);
    // A document with a listing and another operation counts as a whole.
    expect(publicListing(`query A { offers { edges { cursor } } } query B { me { id } }`)).toBe(false);
  });

  it('decides once per document', () => {
    const check = createPublicListingCheck(schema);
    const document = parse(`{ offers { edges { cursor } } }`);
    expect(check(document)).toBe(true);
    expect(check(document)).toBe(true);
  });
});
