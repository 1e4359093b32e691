import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import type { ProducerProfile } from '../../../prisma/generated/client/client';
import { resolveLocation } from './resolve-location';
import { deliveryOptionsSchema, latitudeSchema, longitudeSchema, optionalText, postcodeSchema, requiredText } from './validation';
import { parseInput } from '../shared/input';

export const producerProfileSchema = z
  .object({
    name: requiredText(2, 100),
    description: optionalText(4000),
    contactEmail: z
      .string()
      .trim()
      .max(254, 'at most 254 characters')
      .refine((email) => email === '' || z.email().safeParse(email).success, 'not a valid e-mail address')
      .nullish()
      .transform((email) => email ?? ''),
    contactPhone: optionalText(40),
    // No postcode is stored as ''. The schema checks the GraphQL input and then the use case's input
    // again, so it accepts its own output.
    postcode: postcodeSchema
      .or(z.literal(''))
      .nullish()
      .transform((postcode) => postcode ?? ''),
    place: optionalText(100),
    latitude: latitudeSchema.nullish(),
    longitude: longitudeSchema.nullish(),
    deliveryOptions: deliveryOptionsSchema,
    openingHours: optionalText(500),
  })
  .refine((profile) => (profile.latitude == null) === (profile.longitude == null), {
    message: 'give both latitude and longitude or neither',
    path: ['latitude'],
  });

export type ProducerProfileInput = z.input<typeof producerProfileSchema>;

/** Creates or replaces the caller's producer profile. The caller must have the producer role. */
export async function updateProducerProfile(prisma: PrismaClient, memberId: string, input: ProducerProfileInput): Promise<ProducerProfile> {
  const profile = parseInput(producerProfileSchema, input);
  return prisma.$transaction(async (transaction) => {
    const location = await resolveLocation(transaction, profile);
    const data = { ...profile, ...location };
    return transaction.producerProfile.upsert({ where: { memberId }, create: { memberId, ...data }, update: data });
  });
}
