// Zod schemas shared by the marketplace use cases and the GraphQL input types.
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { DeliveryOption, EcologicalAttribute, OfferKind, OfferStatus } from '../../../prisma/generated/client/enums';
import { isCategoryCode, isCategoryGroupCode } from './categories';

export const priceMax = new Decimal('1000000');

/** Optional text: trimmed, null and absent become "". */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .nullish()
    .transform((value) => value ?? '');
}

export function requiredText(min: number, max: number) {
  return z.string().trim().min(min, `at least ${min} characters`).max(max, `at most ${max} characters`);
}

/** A price in credits: a decimal string with at most two fraction digits, above zero. */
export const priceSchema = z
  .string()
  .trim()
  .regex(/^\d{1,7}(\.\d{1,2})?$/, 'a decimal with at most 2 fraction digits, e.g. "12.50"')
  .refine((value) => new Decimal(value).gt(0), 'must be greater than 0')
  .refine((value) => new Decimal(value).lte(priceMax), `at most ${priceMax.toFixed(0)}`);

export const categoryCodeSchema = z.string().trim().refine(isCategoryCode, 'not a category of the taxonomy');

/** A category code or a group code, for filters. */
export const categoryFilterSchema = z
  .string()
  .trim()
  .refine((code) => isCategoryCode(code) || isCategoryGroupCode(code), 'not a category or category group');

export const postcodeSchema = z.string().trim().regex(/^\d{5}$/, 'five digits');

export const latitudeSchema = z.number().min(-90).max(90);
export const longitudeSchema = z.number().min(-180).max(180);

export const deliveryOptionsSchema = z
  .array(z.enum(DeliveryOption))
  .max(3)
  .nullish()
  .transform((options) => [...new Set(options ?? [])]);

export const ecologicalAttributesSchema = z
  .array(z.enum(EcologicalAttribute))
  .max(6)
  .nullish()
  .transform((attributes) => [...new Set(attributes ?? [])]);

export const offerKindSchema = z.enum(OfferKind);
export const offerStatusSchema = z.enum(OfferStatus);
