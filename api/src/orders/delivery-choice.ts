// How the buyer receives each order of a checkout: one of the delivery options (pickup, delivery,
// shipping) that every offer of the order has, or none (left to agree on, e.g. when the offers have
// no option in common), an address (required for delivery and shipping) or a pickup note, and a
// message to the producer.
//
// The options are read with the cart before the checkout's transaction, in parallel with its other
// preparations and only when the buyer chose any, so the transaction itself runs no statement more.
// Inside it, the choices are checked in memory against the locked lines: a line the read did not see
// (the cart changed in between) fails the checkout instead of being ordered under an unchecked
// choice. An offer's options edited in that moment are not seen; that is the same as the buyer
// having been a moment faster.
import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import { DeliveryOption } from '../../../prisma/generated/client/enums';
import { ValidationError } from '../errors';
import { optionalText } from '../marketplace/validation';
import { orderMessageLengthMax } from '../order-messages/send-order-message';
import { DeliveryOptionUnavailableError } from './errors';

export const deliveryNoteLengthMax = 500;

/** Options that need an address to hand the order over. */
export const addressedDeliveryOptions: readonly DeliveryOption[] = ['delivery', 'shipping'];

export const deliveryChoiceSchema = z
  .object({
    producerId: z.uuid({ message: 'not a producer id' }),
    option: z
      .enum(DeliveryOption)
      .nullish()
      .transform((option) => option ?? null),
    note: optionalText(deliveryNoteLengthMax),
    message: optionalText(orderMessageLengthMax),
  })
  .superRefine((choice, context) => {
    if (choice.option !== null && addressedDeliveryOptions.includes(choice.option) && choice.note === '') {
      context.addIssue({ code: 'custom', path: ['note'], message: 'an address is required for delivery and shipping' });
    }
  });

export type DeliveryChoiceInput = z.input<typeof deliveryChoiceSchema>;
export type DeliveryChoice = z.output<typeof deliveryChoiceSchema>;

/** The choices of one checkout: at most one per producer. */
export const deliveryChoicesSchema = (linesMaximum: number) =>
  z
    .array(deliveryChoiceSchema)
    .max(linesMaximum)
    .superRefine((choices, context) => {
      const seen = new Set<string>();
      choices.forEach((choice, index) => {
        if (seen.has(choice.producerId)) context.addIssue({ code: 'custom', path: [index, 'producerId'], message: 'one choice per producer' });
        seen.add(choice.producerId);
      });
    });

export type OfferDeliveryOptions = ReadonlyMap<string, { producerId: string; deliveryOptions: readonly DeliveryOption[] }>;

/** The delivery options of the offers in the buyer's cart, by offer id; nothing is read without choices. */
export async function readCartDeliveryOptions(prisma: PrismaClient, buyerId: string, choices: readonly DeliveryChoice[]): Promise<OfferDeliveryOptions> {
  if (choices.length === 0) return new Map();
  const items = await prisma.cartItem.findMany({ where: { memberId: buyerId }, select: { offer: { select: { id: true, producerId: true, deliveryOptions: true } } } });
  return new Map(items.map(({ offer }) => [offer.id, { producerId: offer.producerId, deliveryOptions: offer.deliveryOptions }]));
}

/** The options every one of the offers has, in the enum's order. */
export function commonDeliveryOptions(optionLists: ReadonlyArray<readonly DeliveryOption[]>): DeliveryOption[] {
  return Object.values(DeliveryOption).filter((option) => optionLists.length > 0 && optionLists.every((options) => options.includes(option)));
}

/**
 * The buyer's choice per producer of the locked lines. Throws ValidationError for a choice of a
 * producer with no line in the cart or a line the options were not read for, and
 * DeliveryOptionUnavailableError for an option not every offer of that producer has.
 */
export function deliveryChoicesByProducer(
  lines: ReadonlyArray<{ offerId: string; producerId: string }>,
  choices: readonly DeliveryChoice[],
  optionsByOffer: OfferDeliveryOptions,
): Map<string, DeliveryChoice> {
  const byProducer = new Map<string, DeliveryChoice>();
  choices.forEach((choice, index) => {
    const producerLines = lines.filter((line) => line.producerId === choice.producerId);
    if (producerLines.length === 0) throw new ValidationError([{ field: `deliveries.${index}.producerId`, code: 'invalid', params: {}, message: 'no order for this producer in the cart' }]);
    const optionLists = producerLines.map((line) => {
      const known = optionsByOffer.get(line.offerId);
      if (!known || known.producerId !== line.producerId) {
        throw new ValidationError([{ field: `deliveries.${index}`, code: 'invalid', params: {}, message: 'the cart changed while checking out, please try again' }]);
      }
      return known.deliveryOptions;
    });
    const available = commonDeliveryOptions(optionLists);
    if (choice.option !== null && !available.includes(choice.option)) throw new DeliveryOptionUnavailableError(choice.producerId, choice.option, available);
    byProducer.set(choice.producerId, choice);
  });
  return byProducer;
}
