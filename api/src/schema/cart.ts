// The logged-in member's cart: read it, add an offer, change a quantity, remove an offer.
import { Decimal } from '@allmende/ledger';
import { builder } from '../builder';
import { ValidationError } from '../errors';
import { NotFoundError } from '../marketplace/errors';
import { addToCart, readCart, removeFromCart, setCartQuantity, type CartLine } from '../orders/cart';
import { OfferUnavailableError, OwnOfferError } from '../orders/errors';
import { memberOf } from './global-id';
import './order-errors';
import { rowIdOf } from '../shared/global-id';
import { amountText } from '../wallet/cooperative-currency';

/** An offer id from a global ID; anything else is passed on for the use case's validation to name. */
export function offerIdOf(id: string | number): string {
  return rowIdOf(String(id), ['Offer']) ?? String(id);
}

interface Cart {
  lines: CartLine[];
}

const CartLineType = builder.objectRef<CartLine>('CartLine').implement({
  description: 'An offer in the cart with its current price.',
  fields: (t) => ({
    offer: t.prismaField({ type: 'Offer', resolve: (query, line, _args, context) => context.prisma.offer.findUniqueOrThrow({ ...query, where: { id: line.offerId } }) }),
    quantity: t.exposeInt('quantity'),
    unitPrice: t.field({ type: 'Decimal', resolve: (line) => amountText(line.offer.price) }),
    lineTotal: t.field({ type: 'Decimal', resolve: (line) => amountText(new Decimal(line.offer.price.toString()).times(line.quantity)) }),
    available: t.boolean({ description: 'False when the offer is no longer active or lacks the stock.', resolve: (line) => isAvailable(line) }),
  }),
});

function isAvailable(line: CartLine): boolean {
  return line.offer.status === 'active' && (line.offer.stock === null || line.offer.stock >= line.quantity);
}

const CartType = builder.objectRef<Cart>('Cart').implement({
  fields: (t) => ({
    lines: t.field({ type: [CartLineType], resolve: (cart) => cart.lines }),
    total: t.field({
      type: 'Decimal',
      description: 'Sum of the line totals at current prices.',
      resolve: (cart) => amountText(cart.lines.reduce((sum, line) => sum.plus(new Decimal(line.offer.price.toString()).times(line.quantity)), new Decimal(0))),
    }),
    producerCount: t.int({ description: 'How many orders a checkout makes: one per producer.', resolve: (cart) => new Set(cart.lines.map((line) => line.offer.producerId)).size }),
  }),
});

builder.queryField('cart', (t) =>
  t.withAuth({ member: true }).field({
    type: CartType,
    description: "The logged-in member's cart.",
    resolve: async (_root, _args, context) => ({ lines: await readCart(context.prisma, context.member.id) }),
  }),
);

const CartItemInput = builder.inputType('CartItemInput', {
  fields: (t) => ({
    offerId: t.id({ required: true }),
    quantity: t.int({ required: true, description: 'For addToCart 1-999 units more; for setCartQuantity 0-999, 0 removes the offer.' }),
  }),
});

builder.mutationField('addToCart', (t) =>
  t.withAuth({ member: true }).field({
    type: CartType,
    description: 'Adds units of an active offer to the cart.',
    args: { input: t.arg({ type: CartItemInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError, OfferUnavailableError, OwnOfferError] },
    resolve: async (_root, { input }, context) => ({
      lines: await addToCart(context.prisma, memberOf(context).id, { offerId: offerIdOf(input.offerId), quantity: input.quantity }),
    }),
  }),
);

builder.mutationField('setCartQuantity', (t) =>
  t.withAuth({ member: true }).field({
    type: CartType,
    description: 'Sets how many units of an offer are in the cart; 0 removes it.',
    args: { input: t.arg({ type: CartItemInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError, OfferUnavailableError, OwnOfferError] },
    resolve: async (_root, { input }, context) => ({
      lines: await setCartQuantity(context.prisma, memberOf(context).id, { offerId: offerIdOf(input.offerId), quantity: input.quantity }),
    }),
  }),
);

builder.mutationField('removeFromCart', (t) =>
  t.withAuth({ member: true }).field({
    type: CartType,
    description: 'Removes an offer from the cart.',
    args: { offerId: t.arg.id({ required: true }) },
    errors: { types: [ValidationError] },
    resolve: async (_root, { offerId }, context) => ({ lines: await removeFromCart(context.prisma, memberOf(context).id, { offerId: offerIdOf(offerId) }) }),
  }),
);
