import { z } from 'zod';
import type { Prisma } from '../../../prisma/generated/client/client';
import { resolveLocation } from './resolve-location';
import { categoryCodeSchema, deliveryOptionsSchema, ecologicalAttributesSchema, latitudeSchema, longitudeSchema, offerKindSchema } from './validation';
import { offerFieldsSchema } from '../shared/rules/form-rules';
import { problem } from '../shared/rules/field-problems';

export { stockMax } from '../shared/rules/form-rules';

/** The fields a producer writes when creating or editing an offer: the form's fields and the taxonomy. */
export const offerInputSchema = z
  .object({
    ...offerFieldsSchema.shape,
    categoryCode: categoryCodeSchema,
    kind: offerKindSchema,
    latitude: latitudeSchema.nullish(),
    longitude: longitudeSchema.nullish(),
    deliveryOptions: deliveryOptionsSchema,
    ecologicalAttributes: ecologicalAttributesSchema,
  })
  .refine((offer) => offer.kind === 'good' || offer.stock == null, { ...problem('invalid', {}, 'services have no stock'), path: ['stock'] })
  .refine((offer) => offer.kind === 'service' || offer.availability === '', {
    ...problem('invalid', {}, 'availability is for services'),
    path: ['availability'],
  })
  .refine((offer) => (offer.latitude == null) === (offer.longitude == null), {
    message: 'give both latitude and longitude or neither',
    path: ['latitude'],
  });

export type OfferInput = z.input<typeof offerInputSchema>;
export type ParsedOfferInput = z.output<typeof offerInputSchema>;

/** Column values for an offer; the location falls back to the producer's profile. */
export async function offerData(transaction: Prisma.TransactionClient, producerId: string, offer: ParsedOfferInput) {
  const hasOwnLocation = Boolean(offer.postcode) || offer.latitude != null;
  const location = hasOwnLocation
    ? await resolveLocation(transaction, { ...offer, postcode: offer.postcode ?? '' })
    : await producerLocation(transaction, producerId, offer.place);
  return {
    title: offer.title,
    description: offer.description,
    categoryCode: offer.categoryCode,
    kind: offer.kind,
    price: offer.price,
    unit: offer.unit,
    stock: offer.kind === 'good' ? (offer.stock ?? null) : null,
    availability: offer.availability,
    deliveryOptions: offer.deliveryOptions,
    ecologicalAttributes: offer.ecologicalAttributes,
    ...location,
  };
}

async function producerLocation(transaction: Prisma.TransactionClient, producerId: string, place: string) {
  const profile = await transaction.producerProfile.findUnique({ where: { memberId: producerId } });
  return {
    postcode: profile?.postcode ?? '',
    place: place || profile?.place || '',
    latitude: profile?.latitude ?? null,
    longitude: profile?.longitude ?? null,
  };
}
