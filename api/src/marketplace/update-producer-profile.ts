import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import type { ProducerProfile } from '../../../prisma/generated/client/client';
import { resolveLocation } from './resolve-location';
import { deliveryOptionsSchema, latitudeSchema, longitudeSchema } from './validation';
import { parseInput } from '../shared/input';
import { producerProfileFieldsSchema } from '../shared/rules/form-rules';

export const producerProfileSchema = z
  .object({
    ...producerProfileFieldsSchema.shape,
    latitude: latitudeSchema.nullish(),
    longitude: longitudeSchema.nullish(),
    deliveryOptions: deliveryOptionsSchema,
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
