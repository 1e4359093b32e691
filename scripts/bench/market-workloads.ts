// What the market benchmark's callers send, with the web app's own GraphQL documents: browsing the
// ranked feed page by page (anonymous and logged in), searching with a mix of terms and filters, and
// buying (add to cart, check out).
import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { categoryGroups } from '../../api/src/marketplace/categories';
import type { CallOutcome } from './closed-loop';
import { type GraphQLHttpClient, webDocument, type GraphQLResponse } from './market-http';
import { pickUniform } from './market-words';

const feedDocument = webDocument('components/offers/OfferFeed.graphql');
const cartDocument = webDocument('components/orders/Cart.graphql');

/** The page size of the web app's feed (OfferFeed.vue). */
export const feedPageSize = 12;
const feedPagesMax = 5;

interface FeedData {
  offers: { edges: { cursor: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** Search terms by kind; the benchmark prints how many offers each matches. */
export const searchTerms = {
  common: ['frisch', 'Kartoffeln', 'regional', 'fresh', 'potatoes', 'Brot', 'homemade'],
  medium: ['Äpfel', 'Honig', 'Quitten', 'sourdough', 'Fahrradreparatur', 'cheese', 'Sauerteigbrot'],
  rare: ['Topinambur', 'Speierling', 'Haferwurzel', 'mead', 'typewriter', 'Räucherschale', 'salsify'],
  phrase: ['frische Äpfel', '"rye bread"', 'Honig -Waldhonig', 'Brot or Kuchen'],
  noMatch: ['Zeppelin', 'quantum computer', 'Schallplattenspieler xyz'],
} as const;

const allTerms = Object.values(searchTerms).flat();
const categoryCodes = categoryGroups.flatMap((group) => [group.code, ...group.categories.map((category) => category.code)]);
const attributeSets = [['organic_certified'], ['regional'], ['second_hand'], ['organic_certified', 'regional'], ['packaging_free', 'low_co2_transport']];
const postcodes = ['10115', '20095', '37213', '34117', '50667', '60311', '80331', '01067'];
const radiiKm = [5, 10, 25, 50, 100];

export interface Session {
  cookie: string;
}

/** Feed callers browse: a first page, then a few pages deeper by the cursor, anonymous or logged in. */
export function feedWorkload(client: GraphQLHttpClient, sessions: readonly Session[], random: () => number, order: 'newest' | null) {
  const states = new Map<number, { after: string | null; pagesLeft: number; cookie: string | undefined }>();
  return async (caller: number): Promise<CallOutcome> => {
    let state = states.get(caller);
    if (!state || state.pagesLeft === 0 || !state.after) {
      let pages = 1;
      while (pages < feedPagesMax && random() < 0.5) pages += 1;
      state = { after: null, pagesLeft: pages, cookie: random() < 0.5 ? undefined : pickUniform(sessions, random).cookie };
      states.set(caller, state);
    }
    const reply = await client.post<FeedData>(feedDocument, { first: feedPageSize, after: state.after, filter: null, order }, { cookie: state.cookie });
    state.pagesLeft -= 1;
    const offers = reply.body.data?.offers;
    if (!offers) return failed(reply.body);
    state.after = offers.pageInfo.hasNextPage ? offers.pageInfo.endCursor : null;
    return { ok: offers.edges.length > 0, failure: 'empty_page' };
  };
}

/**
 * A random search as the search form builds it: a term, sometimes filters, sometimes the next page;
 * half of the searches are around a place (which the ranking's proximity feature then weighs).
 */
export function randomSearchFilter(random: () => number): Record<string, unknown> {
  const filter: Record<string, unknown> = { query: pickUniform(allTerms, random) };
  if (random() < 0.5) filter.near = { postcode: pickUniform(postcodes, random), radiusKm: pickUniform(radiiKm, random) };
  const roll = random();
  if (roll < 0.35) return filter;
  if (roll < 0.6) filter.category = pickUniform(categoryCodes, random);
  else if (roll < 0.8) Object.assign(filter, random() < 0.5 ? { priceMax: '10.00' } : { priceMin: '5.00', priceMax: '50.00' });
  else filter.ecologicalAttributes = pickUniform(attributeSets, random);
  if (random() < 0.15) filter.kind = random() < 0.7 ? 'good' : 'service';
  if (random() < 0.1) filter.deliveryOptions = ['delivery'];
  return filter;
}

export function searchWorkload(client: GraphQLHttpClient, sessions: readonly Session[], random: () => number, order: 'newest' | null) {
  const nextPages = new Map<number, { filter: Record<string, unknown>; after: string; cookie: string | undefined }>();
  return async (caller: number): Promise<CallOutcome> => {
    const next = nextPages.get(caller);
    nextPages.delete(caller);
    const filter = next?.filter ?? randomSearchFilter(random);
    const cookie = next ? next.cookie : random() < 0.5 ? undefined : pickUniform(sessions, random).cookie;
    const reply = await client.post<FeedData>(feedDocument, { first: feedPageSize, after: next?.after ?? null, filter, order }, { cookie });
    const offers = reply.body.data?.offers;
    if (!offers) return failed(reply.body);
    if (!next && offers.pageInfo.hasNextPage && offers.pageInfo.endCursor && random() < 0.2) {
      nextPages.set(caller, { filter, after: offers.pageInfo.endCursor, cookie });
    }
    return { ok: true };
  };
}

export interface CheckoutOffer {
  id: string;
  price: string;
}

interface AddToCartData {
  addToCart: { __typename: string; code?: string };
}

interface CheckoutData {
  checkout: { __typename: string; code?: string; data?: { orders: { id: string }[] } };
}

/**
 * Each caller has its own buyers, so no cart is used by two requests at once. A call puts one unit of
 * a random offer of the pool in the cart and checks out at the price listed; a refused checkout
 * (sold out) empties the cart again.
 */
export function checkoutWorkload(client: GraphQLHttpClient, buyersByCaller: readonly (readonly Session[])[], pool: readonly CheckoutOffer[], random: () => number) {
  const turns = new Map<number, number>();
  return async (caller: number): Promise<CallOutcome> => {
    const buyers = buyersByCaller[caller]!;
    const turn = turns.get(caller) ?? 0;
    turns.set(caller, turn + 1);
    const { cookie } = buyers[turn % buyers.length]!;
    const offer = pickUniform(pool, random);
    const offerId = encodeGlobalID('Offer', offer.id);
    const added = await client.post<AddToCartData>(cartDocument, { input: { offerId, quantity: 1 } }, { operationName: 'AddToCart', cookie });
    const addResult = added.body.data?.addToCart;
    if (!addResult) return failed(added.body);
    if (addResult.__typename !== 'MutationAddToCartSuccess') return { ok: false, failure: `add_to_cart:${addResult.code ?? addResult.__typename}` };
    const input = { idempotencyKey: randomUUID(), expectedPrices: [{ offerId, price: offer.price }] };
    const checkedOut = await client.post<CheckoutData>(cartDocument, { input }, { operationName: 'Checkout', cookie });
    const result = checkedOut.body.data?.checkout;
    if (!result) return failed(checkedOut.body);
    if (result.__typename === 'MutationCheckoutSuccess') return { ok: true, units: result.data?.orders.length ?? 0 };
    await client.post(cartDocument, { input: { offerId, quantity: 0 } }, { operationName: 'SetCartQuantity', cookie });
    return { ok: false, failure: result.code ?? result.__typename };
  };
}

function failed(body: GraphQLResponse<unknown>): CallOutcome {
  return { ok: false, failure: body.errors?.[0]?.extensions?.code ?? body.errors?.[0]?.message ?? 'no_data' };
}
