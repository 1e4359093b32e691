import type { Prisma } from '../../../prisma/generated/client/client';
import { NotFoundError, NotOwnerError } from '../marketplace/errors';

/**
 * Locks the offer's row for the rest of the transaction and checks that it belongs to the producer.
 * Every change to an offer's images takes this lock first, so concurrent uploads are counted one
 * after the other and the gallery's positions stay a gapless 0..n-1.
 */
export async function lockOwnOffer(transaction: Prisma.TransactionClient, producerId: string, offerId: string): Promise<void> {
  const rows = await transaction.$queryRaw<{ producerId: string }[]>`
    SELECT "producerId" FROM "Offer" WHERE id = ${offerId}::uuid FOR UPDATE`;
  const offer = rows[0];
  if (!offer) throw new NotFoundError('offer');
  if (offer.producerId !== producerId) throw new NotOwnerError();
}
