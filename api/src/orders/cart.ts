// The member's cart: offers and quantities, kept on the server so it follows the member across
// devices. Prices are not stored here; checkout compares the current price with the one the buyer saw.
import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import { ValidationError } from '../errors';
import { NotFoundError } from '../marketplace/errors';
import { OfferUnavailableError, OwnOfferError } from './errors';
import { parseInput } from '../shared/input';
import { cartQuantityChangeSchema, cartQuantityMaximum, cartQuantitySchema } from '../shared/rules/form-rules';

export { cartQuantityMaximum };
export const cartLinesMaximum = 50;

const cartChangeSchema = z.object({ offerId: z.uuid({ message: 'not an offer id' }), quantity: cartQuantitySchema });

export function readCart(prisma: PrismaClient, memberId: string) {
  return prisma.cartItem.findMany({ where: { memberId }, include: { offer: true }, orderBy: [{ createdAt: 'asc' }, { offerId: 'asc' }], take: cartLinesMaximum });
}

/**
 * Adds units to the member's line of an offer (or sets its quantity), in one statement that checks
 * the offer (there, not the member's own, active) and the number of lines in the cart; the quantity
 * is capped at the maximum. Throws the refusal the statement found, having written nothing then.
 */
async function putLine(prisma: PrismaClient, memberId: string, offerId: string, quantity: number, mode: 'add' | 'set'): Promise<void> {
  const [found] = await prisma.$queryRaw<{ producer_id: string | null; status: string | null; written: boolean }[]>`
    WITH offer AS (SELECT "producerId", status FROM "Offer" WHERE id = ${offerId}::uuid),
    room AS (
      SELECT EXISTS (SELECT 1 FROM "CartItem" WHERE "memberId" = ${memberId}::uuid AND "offerId" = ${offerId}::uuid)
        OR (SELECT count(*) FROM "CartItem" WHERE "memberId" = ${memberId}::uuid) < ${cartLinesMaximum}::int AS ok
    ),
    written AS (
      INSERT INTO "CartItem" ("memberId", "offerId", quantity, "createdAt", "updatedAt")
      SELECT ${memberId}::uuid, ${offerId}::uuid, LEAST(${quantity}::int, ${cartQuantityMaximum}::int), now(), now()
      FROM offer, room
      WHERE offer.status = 'active' AND offer."producerId" <> ${memberId}::uuid AND room.ok
      ON CONFLICT ("memberId", "offerId") DO UPDATE SET
        quantity = LEAST(CASE WHEN ${mode === 'add'}::boolean THEN "CartItem".quantity + EXCLUDED.quantity ELSE EXCLUDED.quantity END, ${cartQuantityMaximum}::int),
        "updatedAt" = now()
      RETURNING 1
    )
    SELECT offer."producerId"::text AS producer_id, offer.status::text AS status, EXISTS (SELECT 1 FROM written) AS written
    FROM (SELECT 1) one LEFT JOIN offer ON true`;
  if (found?.written) return;
  if (!found?.producer_id) throw new NotFoundError('offer');
  if (found.producer_id === memberId) throw new OwnOfferError(offerId);
  if (found.status !== 'active') throw new OfferUnavailableError(offerId, found.status ?? 'archived');
  throw new ValidationError([{ field: 'offerId', code: 'too_many', params: { max: cartLinesMaximum }, message: `a cart holds at most ${cartLinesMaximum} offers` }]);
}

/** Adds units of an active offer to the cart (the quantity grows when it is there already). */
export async function addToCart(prisma: PrismaClient, memberId: string, input: { offerId: string; quantity: number }) {
  const { offerId, quantity } = parseInput(cartChangeSchema, input);
  await putLine(prisma, memberId, offerId, quantity, 'add');
  return readCart(prisma, memberId);
}

/** Sets the quantity of an offer in the cart; zero removes it. */
export async function setCartQuantity(prisma: PrismaClient, memberId: string, input: { offerId: string; quantity: number }) {
  const { offerId, quantity } = parseInput(
    z.object({ offerId: z.uuid({ message: 'not an offer id' }), quantity: cartQuantityChangeSchema }),
    input,
  );
  if (quantity === 0) return removeFromCart(prisma, memberId, { offerId });
  await putLine(prisma, memberId, offerId, quantity, 'set');
  return readCart(prisma, memberId);
}

export async function removeFromCart(prisma: PrismaClient, memberId: string, input: { offerId: string }) {
  const { offerId } = parseInput(z.object({ offerId: z.uuid({ message: 'not an offer id' }) }), input);
  await prisma.cartItem.deleteMany({ where: { memberId, offerId } });
  return readCart(prisma, memberId);
}

export type CartLine = Awaited<ReturnType<typeof readCart>>[number];
