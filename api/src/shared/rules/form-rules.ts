// The fields of the marketplace's forms, as one definition the API parses its input with and the
// web app checks a form with before sending it. Server-only parts (the category taxonomy, locations)
// are added by the API's own schemas on top of these.
import { z } from 'zod';
import { amountAtMost } from './amount-rules';
import { problem } from './field-problems';
import { dateAheadSchema, optionalEmailSchema, optionalText, postcodePattern, postcodeSchema, requiredText } from './text-rules';

export const cartQuantityMaximum = 999;

/** Units of one offer put into the cart. */
export const cartQuantitySchema = z.number().int('a whole number').min(1, 'at least 1').max(cartQuantityMaximum, `at most ${cartQuantityMaximum}`);
/** A new quantity for a cart line; zero removes the line. */
export const cartQuantityChangeSchema = z.number().int('a whole number').min(0, 'at least 0').max(cartQuantityMaximum, `at most ${cartQuantityMaximum}`);

export const stockMax = 1_000_000;
/** Units in stock of a good; none given (null) means unlimited. */
export const stockSchema = z.number().int('a whole number').min(0, 'at least 0').max(stockMax, `at most ${stockMax}`);

export const priceMax = '1000000';
/** A price in credits: a positive amount with at most two fraction digits, up to priceMax. */
export const priceSchema = amountAtMost(priceMax);

/**
 * A whole number as typed into a form field: absent when the field is empty, not a number (NaN) when
 * it is text, so the number rules report "required" or "not a number". A decimal comma counts as a
 * decimal sign, so "2,5" is reported as not whole rather than as text.
 */
export function numberFromText(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^[+-]?\d+([.,]\d+)?$/.test(trimmed) ? Number(trimmed.replace(',', '.')) : Number.NaN;
}

export const offerTitleLength = { min: 3, max: 120 } as const;

/** The fields of an offer a producer types. */
export const offerFieldsSchema = z.object({
  title: requiredText(offerTitleLength.min, offerTitleLength.max),
  description: optionalText(4000),
  price: priceSchema,
  unit: requiredText(1, 30),
  /** Goods only; null or absent means unlimited. */
  stock: stockSchema.nullish(),
  /** Services only: when the service is available. */
  availability: optionalText(500),
  /** Without postcode and coordinates the offer is where the producer is. */
  postcode: postcodeSchema.nullish(),
  place: optionalText(100),
});

export const needLifetimeDaysMax = 180;

/** The fields of a need a member types. */
export const needFieldsSchema = z.object({
  title: requiredText(3, 120),
  description: optionalText(2000),
  place: optionalText(100),
  expiresAt: dateAheadSchema(needLifetimeDaysMax),
});

/** The fields of a producer's public profile. */
export const producerProfileFieldsSchema = z.object({
  name: requiredText(2, 100),
  description: optionalText(4000),
  contactEmail: optionalEmailSchema,
  contactPhone: optionalText(40),
  // No postcode is stored as ''. The API checks the GraphQL input and then the use case's input
  // again, so the schema accepts its own output.
  postcode: z
    .string()
    .trim()
    .refine((postcode) => postcode === '' || postcodePattern.test(postcode), problem('invalid_postcode', {}, 'five digits'))
    .nullish()
    .transform((postcode) => postcode ?? ''),
  place: optionalText(100),
  openingHours: optionalText(500),
});
