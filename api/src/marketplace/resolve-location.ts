import type { Prisma } from '../../../prisma/generated/client/client';
import { NotFoundError } from './errors';

export interface Location {
  postcode: string;
  place: string;
  latitude: number | null;
  longitude: number | null;
}

export interface LocationInput {
  postcode: string;
  place: string;
  latitude?: number | null | undefined;
  longitude?: number | null | undefined;
}

/**
 * Completes a location: explicit coordinates win; otherwise a known postcode supplies them (and
 * the place, when none was given). An unknown postcode without coordinates is an error, so that
 * distance filters never silently miss an offer.
 */
export async function resolveLocation(transaction: Prisma.TransactionClient, input: LocationInput): Promise<Location> {
  if (input.latitude != null && input.longitude != null) {
    return { postcode: input.postcode, place: input.place, latitude: input.latitude, longitude: input.longitude };
  }
  if (!input.postcode) return { postcode: '', place: input.place, latitude: null, longitude: null };
  const known = await transaction.postcode.findUnique({ where: { code: input.postcode } });
  if (!known) throw new NotFoundError('postcode');
  return { postcode: input.postcode, place: input.place || known.place, latitude: known.latitude, longitude: known.longitude };
}
