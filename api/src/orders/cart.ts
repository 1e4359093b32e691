// The member's cart: offers and quantities, kept on the server so it follows the member across
// devices. Prices are not stored here; checkout compares the current price with the one the buyer saw.
import { Decimal } from '@allmende/ledger';
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

/** A line of the cart with what its payload needs of the offer as it is now. */
export interface CartLine {
  offerId: string;
  quantity: number;
  offer: { producerId: string; price: Decimal; status: string; stock: number | null };
}

/** The member's cart lines, oldest first (at most cartLinesMaximum). */
export async function readCart(prisma: PrismaClient, memberId: string): Promise<CartLine[]> {
  const items = await prisma.cartItem.findMany({
    where: { memberId },
    select: { offerId: true, quantity: true, offer: { select: { producerId: true, price: true, status: true, stock: true } } },
    orderBy: [{ createdAt: 'asc' }, { offerId: 'asc' }],
    take: cartLinesMaximum,
  });
  return items.map(({ offerId, quantity, offer }) => ({ offerId, quantity, offer: { ...offer, price: new Decimal(offer.price.toString()) } }));
}

/**
 * Adds units to the member's line of an offer (or sets its quantity), in one statement that checks
 * the offer (there, not the member's own, active) and the number of lines in the cart; the quantity
 * is capped at the maximum. The same statement answers the cart as the write leaves it, as readCart
 * would read it after (the written line in place of the one it replaced). Throws the refusal the
 * statement found, having written nothing then.
 */
async function putLine(prisma: PrismaClient, memberId: string, offerId: string, quantity: number, mode: 'add' | 'set'): Promise<CartLine[]> {
  const [found] = await prisma.$queryRaw<{ producer_id: string | null; status: string | null; lines: LineJson[] | null }[]>`
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
      RETURNING "offerId", quantity, "createdAt"
    ),
    lines AS (
      SELECT "offerId", quantity, "createdAt" FROM written
      UNION ALL
      SELECT c."offerId", c.quantity, c."createdAt" FROM "CartItem" c
      WHERE c."memberId" = ${memberId}::uuid AND c."offerId" <> ${offerId}::uuid AND EXISTS (SELECT 1 FROM written)
      ORDER BY "createdAt", "offerId"
      LIMIT ${cartLinesMaximum}::int
    )
    SELECT offer."producerId"::text AS producer_id, offer.status::text AS status,
      (SELECT json_agg(json_build_object('offerId', l."offerId", 'quantity', l.quantity, 'producerId', f."producerId", 'price', f.price::text,
          'status', f.status, 'stock', f.stock) ORDER BY l."createdAt", l."offerId")
       FROM lines l JOIN "Offer" f ON f.id = l."offerId") AS lines
    FROM (SELECT 1) one LEFT JOIN offer ON true`;
  if (found?.lines) return found.lines.map(({ producerId, price, status, stock, ...line }) => ({ ...line, offer: { producerId, price: new Decimal(price), status, stock } }));
  if (!found?.producer_id) throw new NotFoundError('offer');
  if (found.producer_id === memberId) throw new OwnOfferError(offerId);
  if (found.status !== 'active') throw new OfferUnavailableError(offerId, found.status ?? 'archived');
  throw new ValidationError([{ field: 'offerId', code: 'too_many', params: { max: cartLinesMaximum }, message: `a cart holds at most ${cartLinesMaximum} offers` }]);
}

/** Adds units of an active offer to the cart (the quantity grows when it is there already). */
export async function addToCart(prisma: PrismaClient, memberId: string, input: { offerId: string; quantity: number }) {
  const { offerId, quantity } = parseInput(cartChangeSchema, input);
  return putLine(prisma, memberId, offerId, quantity, 'add');
}

/** Sets the quantity of an offer in the cart; zero removes it. */
export async function setCartQuantity(prisma: PrismaClient, memberId: string, input: { offerId: string; quantity: number }) {
  const { offerId, quantity } = parseInput(
    z.object({ offerId: z.uuid({ message: 'not an offer id' }), quantity: cartQuantityChangeSchema }),
    input,
  );
  if (quantity === 0) return removeFromCart(prisma, memberId, { offerId });
  return putLine(prisma, memberId, offerId, quantity, 'set');
}

export async function removeFromCart(prisma: PrismaClient, memberId: string, input: { offerId: string }) {
  const { offerId } = parseInput(z.object({ offerId: z.uuid({ message: 'not an offer id' }) }), input);
  await prisma.cartItem.deleteMany({ where: { memberId, offerId } });
  return readCart(prisma, memberId);
}

type LineJson = { offerId: string; quantity: number; producerId: string; price: string; status: string; stock: number | null };
