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

async function checkOffer(prisma: PrismaClient, memberId: string, offerId: string): Promise<void> {
  const offer = await prisma.offer.findUnique({ where: { id: offerId }, select: { producerId: true, status: true } });
  if (!offer) throw new NotFoundError('offer');
  if (offer.producerId === memberId) throw new OwnOfferError(offerId);
  if (offer.status !== 'active') throw new OfferUnavailableError(offerId, offer.status);
}

async function checkLineCount(prisma: PrismaClient, memberId: string, offerId: string): Promise<void> {
  const existing = await prisma.cartItem.findUnique({ where: { memberId_offerId: { memberId, offerId } }, select: { quantity: true } });
  if (existing) return;
  const lines = await prisma.cartItem.count({ where: { memberId } });
  if (lines >= cartLinesMaximum) throw new ValidationError([{ field: 'offerId', code: 'too_many', params: { max: cartLinesMaximum }, message: `a cart holds at most ${cartLinesMaximum} offers` }]);
}

/** Adds units of an active offer to the cart (the quantity grows when it is there already). */
export async function addToCart(prisma: PrismaClient, memberId: string, input: { offerId: string; quantity: number }) {
  const { offerId, quantity } = parseInput(cartChangeSchema, input);
  await checkOffer(prisma, memberId, offerId);
  await checkLineCount(prisma, memberId, offerId);
  const item = await prisma.cartItem.upsert({
    where: { memberId_offerId: { memberId, offerId } },
    create: { memberId, offerId, quantity },
    update: { quantity: { increment: quantity } },
  });
  if (item.quantity > cartQuantityMaximum) {
    await prisma.cartItem.update({ where: { memberId_offerId: { memberId, offerId } }, data: { quantity: cartQuantityMaximum } });
  }
  return readCart(prisma, memberId);
}

/** Sets the quantity of an offer in the cart; zero removes it. */
export async function setCartQuantity(prisma: PrismaClient, memberId: string, input: { offerId: string; quantity: number }) {
  const { offerId, quantity } = parseInput(
    z.object({ offerId: z.uuid({ message: 'not an offer id' }), quantity: cartQuantityChangeSchema }),
    input,
  );
  if (quantity === 0) return removeFromCart(prisma, memberId, { offerId });
  await checkOffer(prisma, memberId, offerId);
  await checkLineCount(prisma, memberId, offerId);
  await prisma.cartItem.upsert({ where: { memberId_offerId: { memberId, offerId } }, create: { memberId, offerId, quantity }, update: { quantity } });
  return readCart(prisma, memberId);
}

export async function removeFromCart(prisma: PrismaClient, memberId: string, input: { offerId: string }) {
  const { offerId } = parseInput(z.object({ offerId: z.uuid({ message: 'not an offer id' }) }), input);
  await prisma.cartItem.deleteMany({ where: { memberId, offerId } });
  return readCart(prisma, memberId);
}

export type CartLine = Awaited<ReturnType<typeof readCart>>[number];
