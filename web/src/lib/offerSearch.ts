// The marketplace search lives in the URL (?q=…&category=…), so results can be linked and the
// browser's back button works. These functions translate between the URL query and the API filter.
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { DeliveryOption, EcologicalAttribute, OfferFilterInput, OfferKind, OfferOrder } from '../generated/graphql';

export const ecologicalAttributes: EcologicalAttribute[] = [
  'organic_certified',
  'regional',
  'second_hand',
  'repairable',
  'packaging_free',
  'low_co2_transport',
];
export const deliveryOptions: DeliveryOption[] = ['pickup', 'delivery', 'shipping'];

export interface OfferSearch {
  query: string;
  category: string;
  kind: '' | OfferKind;
  priceMin: string;
  priceMax: string;
  ecologicalAttributes: EcologicalAttribute[];
  deliveryOptions: DeliveryOption[];
  postcode: string;
  radiusKm: string;
}

export function emptySearch(): OfferSearch {
  return { query: '', category: '', kind: '', priceMin: '', priceMax: '', ecologicalAttributes: [], deliveryOptions: [], postcode: '', radiusKm: '25' };
}

function single(value: LocationQuery[string] | undefined): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

function list<T extends string>(value: LocationQuery[string] | undefined, allowed: readonly T[]): T[] {
  return single(value)
    .split(',')
    .filter((item): item is T => (allowed as readonly string[]).includes(item));
}

export function searchFromQuery(query: LocationQuery): OfferSearch {
  const kind = single(query.kind);
  return {
    query: single(query.q),
    category: single(query.category),
    kind: kind === 'good' || kind === 'service' ? kind : '',
    priceMin: single(query.priceMin),
    priceMax: single(query.priceMax),
    ecologicalAttributes: list(query.eco, ecologicalAttributes),
    deliveryOptions: list(query.delivery, deliveryOptions),
    postcode: single(query.postcode),
    radiusKm: single(query.radius) || '25',
  };
}

export function queryFromSearch(search: OfferSearch): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (search.query.trim()) query.q = search.query.trim();
  if (search.category) query.category = search.category;
  if (search.kind) query.kind = search.kind;
  if (search.priceMin.trim()) query.priceMin = search.priceMin.trim();
  if (search.priceMax.trim()) query.priceMax = search.priceMax.trim();
  if (search.ecologicalAttributes.length) query.eco = search.ecologicalAttributes.join(',');
  if (search.deliveryOptions.length) query.delivery = search.deliveryOptions.join(',');
  if (search.postcode.trim()) {
    query.postcode = search.postcode.trim();
    query.radius = search.radiusKm || '25';
  }
  return query;
}

/** A decimal string the API accepts, with a comma also taken as the decimal separator. */
function price(value: string): string | null {
  const normalised = value.trim().replace(',', '.');
  return /^\d{1,7}(\.\d{1,2})?$/.test(normalised) ? normalised : null;
}

export function filterFromSearch(search: OfferSearch): OfferFilterInput {
  const filter: OfferFilterInput = {};
  if (search.query.trim()) filter.query = search.query.trim();
  if (search.category) filter.category = search.category;
  if (search.kind) filter.kind = search.kind;
  const priceMin = price(search.priceMin);
  const priceMax = price(search.priceMax);
  if (priceMin) filter.priceMin = priceMin;
  if (priceMax) filter.priceMax = priceMax;
  if (search.ecologicalAttributes.length) filter.ecologicalAttributes = search.ecologicalAttributes;
  if (search.deliveryOptions.length) filter.deliveryOptions = search.deliveryOptions;
  const radiusKm = Number(search.radiusKm);
  if (/^\d{5}$/.test(search.postcode.trim())) {
    filter.near = { postcode: search.postcode.trim(), radiusKm: Number.isFinite(radiusKm) && radiusKm > 0 ? Math.min(radiusKm, 500) : 25 };
  }
  return filter;
}

/** The orders a visitor can switch to; the ranking the members voted is the default. */
export const offerOrders = ['ranked', 'newest', 'priceAscending', 'nearest'] as const satisfies readonly OfferOrder[];

/** The order in the URL (?order=…); nearest only when the search names a place, else the default. */
export function orderFromQuery(query: LocationQuery, filter: OfferFilterInput): OfferOrder {
  const order = single(query.order);
  if (!(offerOrders as readonly string[]).includes(order)) return 'ranked';
  if (order === 'nearest' && !filter.near) return 'ranked';
  return order as OfferOrder;
}
