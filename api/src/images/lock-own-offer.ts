import type { Prisma } from '../../../prisma/generated/client/client';
import { NotFoundError, NotOwnerError, StatusTransitionError } from '../marketplace/errors';

/**
 * Locks the offer's row for the rest of the transaction and checks that it belongs to the producer.
 * Every change to an offer's images takes this lock first, so concurrent uploads are counted one
 * after the other and the gallery's positions stay a gapless 0..n-1. An archived offer is not edited
 * any more, so adding and reordering are refused; removing stays possible, so a producer can always
 * take a picture down.
 */
export async function lockOwnOffer(
  transaction: Prisma.TransactionClient,
  producerId: string,
  offerId: string,
  options: { allowArchived?: boolean } = {},
): Promise<void> {
  const rows = await transaction.$queryRaw<{ producerId: string; status: string }[]>`
    SELECT "producerId", status::text AS status FROM "Offer" WHERE id = ${offerId}::uuid FOR UPDATE`;
  const offer = rows[0];
  if (!offer) throw new NotFoundError('offer');
  if (offer.producerId !== producerId) throw new NotOwnerError();
  if (offer.status === 'archived' && !options.allowArchived) throw new StatusTransitionError('archived', 'archived');
}
