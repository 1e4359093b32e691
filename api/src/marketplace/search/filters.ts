// Filters of the marketplace search, validated, and their translation into SQL conditions on the
// "Offer" table. Only active offers are ever listed.
import { z } from 'zod';
import { Prisma } from '../../../../prisma/generated/client/client';
import { categoryCodesOf } from '../categories';
import { distanceBox, geoCellCover } from './distance-cells';
import { NotFoundError } from '../errors';
import type { FindPostcode } from './postcodes';
import { textQuery } from './text-query';
import { rowIdOf } from '../../shared/global-id';
import {
  categoryFilterSchema,
  deliveryOptionsSchema,
  ecologicalAttributesSchema,
  latitudeSchema,
  longitudeSchema,
  offerKindSchema,
  postcodeSchema,
  priceSchema,
} from '../validation';
import { parseInput } from '../../shared/input';

export const radiusKmMax = 500;

export const offerFiltersSchema = z
  .object({
    query: z.string().trim().max(200, 'at most 200 characters').nullish(),
    category: categoryFilterSchema.nullish(),
    kind: offerKindSchema.nullish(),
    priceMin: priceSchema.nullish(),
    priceMax: priceSchema.nullish(),
    ecologicalAttributes: ecologicalAttributesSchema,
    deliveryOptions: deliveryOptionsSchema,
    /** A ProducerProfile's or Member's global id; one that names neither matches no offer. */
    producer: z.string().max(200, 'at most 200 characters').nullish(),
    near: z
      .object({
        postcode: postcodeSchema.nullish(),
        latitude: latitudeSchema.nullish(),
        longitude: longitudeSchema.nullish(),
        radiusKm: z.number().positive().max(radiusKmMax, `at most ${radiusKmMax}`),
      })
      .refine((near) => near.postcode || (near.latitude != null && near.longitude != null), {
        message: 'give a postcode or both coordinates',
        path: ['postcode'],
      })
      .nullish(),
  })
  .refine((filters) => !filters.priceMin || !filters.priceMax || Number(filters.priceMin) <= Number(filters.priceMax), {
    message: 'must not be above the maximum price',
    path: ['priceMin'],
  });

export type OfferFilters = z.input<typeof offerFiltersSchema>;

export interface ResolvedPoint {
  latitude: number;
  longitude: number;
  radiusMeters: number;
}

/** Parses the filters and looks up the coordinates of a postcode filter. */
export async function resolveOfferFilters(input: OfferFilters, findPostcode: FindPostcode) {
  const filters = parseInput(offerFiltersSchema, input);
  let point: ResolvedPoint | null = null;
  if (filters.near) {
    const { near } = filters;
    if (near.latitude != null && near.longitude != null) {
      point = { latitude: near.latitude, longitude: near.longitude, radiusMeters: near.radiusKm * 1000 };
    } else {
      const postcode = await findPostcode(near.postcode ?? '');
      if (!postcode) throw new NotFoundError('postcode');
      point = { latitude: postcode.latitude, longitude: postcode.longitude, radiusMeters: near.radiusKm * 1000 };
    }
  }
  const producerId = filters.producer ? rowIdOf(filters.producer, ['ProducerProfile', 'Member']) : null;
  return { ...filters, producerId, point };
}

export type ResolvedOfferFilters = Awaited<ReturnType<typeof resolveOfferFilters>>;

/**
 * The category filter. A group is spelled out as the list of its categories rather than a LIKE on
 * the code prefix, so that the (status, categoryCode, createdAt) index serves both.
 */
function categoryCondition(filters: Pick<ResolvedOfferFilters, 'category'>): Prisma.Sql | null {
  if (!filters.category) return null;
  const codes = categoryCodesOf(filters.category);
  return codes.length === 1 ? Prisma.sql`o."categoryCode" = ${codes[0]}` : Prisma.sql`o."categoryCode" = ANY(${codes}::text[])`;
}

/**
 * An enum array as ARRAY[$1, $2, …]::"Enum"[]. The planner folds it into a constant and estimates the
 * condition from the column's statistics; a text[] parameter cast to the enum array is not folded
 * (the cast of each element is not immutable), so the planner assumed 0.5 % of the rows and chose to
 * intersect bitmaps of 25,000–40,000 offers for a term with a few hundred matches.
 */
function enumArray(values: readonly string[], type: 'EcologicalAttribute' | 'DeliveryOption'): Prisma.Sql {
  return Prisma.sql`ARRAY[${Prisma.join(values)}]::${Prisma.raw(`"${type}"[]`)}`;
}

/** SQL conditions for the filters, joined with AND. */
export function offerFilterConditions(filters: ResolvedOfferFilters): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`o."status" = 'active'`];
  const text = filters.query ? textQuery(filters.query) : null;
  if (text) conditions.push(Prisma.sql`o."searchVector" @@ (${text})`);
  const category = categoryCondition(filters);
  if (category) conditions.push(category);
  if (filters.kind) conditions.push(Prisma.sql`o."kind" = ${filters.kind}::"OfferKind"`);
  // With a search term the price is tested on the rows of the text matches: given the price index,
  // the planner intersects the matches with every offer in the range (36,000 index entries for
  // 5-50 Taler, 3-4 ms) to save reading about a thousand rows (1 ms). "+ 0" keeps the index out.
  const price = filters.query ? Prisma.sql`(o."price" + 0)` : Prisma.sql`o."price"`;
  if (filters.priceMin) conditions.push(Prisma.sql`${price} >= ${filters.priceMin}::numeric`);
  if (filters.priceMax) conditions.push(Prisma.sql`${price} <= ${filters.priceMax}::numeric`);
  if (filters.ecologicalAttributes.length) {
    conditions.push(Prisma.sql`o."ecologicalAttributes" @> ${enumArray(filters.ecologicalAttributes, 'EcologicalAttribute')}`);
  }
  if (filters.deliveryOptions.length) {
    // Any of the wanted options will do.
    conditions.push(Prisma.sql`o."deliveryOptions" && ${enumArray(filters.deliveryOptions, 'DeliveryOption')}`);
  }
  if (filters.producer) conditions.push(filters.producerId ? Prisma.sql`o."producerId" = ${filters.producerId}::uuid` : Prisma.sql`false`);
  if (filters.point) {
    const { latitude, longitude, radiusMeters } = filters.point;
    // The grid cells covering the circle's box are one more key of the search's GIN index (see
    // distance-box.ts); earth_distance on "location", which the database stores as
    // ll_to_earth(latitude, longitude), then keeps the offers within the radius.
    const cells = geoCellCover(distanceBox({ latitude, longitude }, radiusMeters));
    if (cells) conditions.push(Prisma.sql`o."geoCells" && ${cells}::text[]`);
    conditions.push(Prisma.sql`earth_distance(ll_to_earth(${latitude}::float8, ${longitude}::float8), o."location") <= ${radiusMeters}::float8`);
  }
  return Prisma.join(conditions, ' AND ');
}

/** Whether the filters hold nothing but a term (filters only ever remove matches). */
export function isTermOnly(filters: ResolvedOfferFilters): boolean {
  return (
    !filters.category &&
    !filters.kind &&
    !filters.priceMin &&
    !filters.priceMax &&
    filters.ecologicalAttributes.length === 0 &&
    filters.deliveryOptions.length === 0 &&
    !filters.producer &&
    !filters.point
  );
}
