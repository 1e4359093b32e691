// Zod schemas shared by the marketplace use cases and the GraphQL input types. The rules the web
// app's forms check as well live in ../shared/rules.
import { z } from 'zod';
import { DeliveryOption, EcologicalAttribute, OfferKind, OfferStatus } from '../../../prisma/generated/client/enums';
import { isCategoryCode, isCategoryGroupCode } from './categories';
import { problem } from '../shared/rules/field-problems';

export { priceSchema } from '../shared/rules/form-rules';
export { optionalText, postcodeSchema, requiredText } from '../shared/rules/text-rules';

export const categoryCodeSchema = z
  .string()
  .trim()
  .min(1, 'required')
  .refine(isCategoryCode, problem('invalid_choice', {}, 'not a category of the taxonomy'));

/** A category code or a group code, for filters. */
export const categoryFilterSchema = z
  .string()
  .trim()
  .refine((code) => isCategoryCode(code) || isCategoryGroupCode(code), 'not a category or category group');

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
