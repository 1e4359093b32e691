// The handover choices of a checkout: one per producer of the cart, among the delivery options every
// offer of that producer in the cart has (the rule the API checks too).
import type { DeliveryOption } from '../../generated/graphql';

const optionOrder: readonly DeliveryOption[] = ['pickup', 'delivery', 'shipping'];

/** Options that need an address. */
export const addressedOptions: readonly DeliveryOption[] = ['delivery', 'shipping'];

export interface CartLineForDelivery {
  offer: { producer: { id: string; displayName: string }; deliveryOptions: readonly DeliveryOption[] };
}

export interface ProducerHandover {
  producerId: string;
  producerName: string;
  /** The options every one of the producer's offers in the cart has; empty when they share none. */
  options: DeliveryOption[];
}

export interface HandoverChoice {
  option: DeliveryOption | '';
  note: string;
  message: string;
}

/** One entry per producer, in the order the cart lists them. */
export function producerHandovers(lines: readonly CartLineForDelivery[]): ProducerHandover[] {
  const byProducer = new Map<string, { name: string; optionLists: (readonly DeliveryOption[])[] }>();
  for (const line of lines) {
    const entry = byProducer.get(line.offer.producer.id) ?? { name: line.offer.producer.displayName, optionLists: [] };
    entry.optionLists.push(line.offer.deliveryOptions);
    byProducer.set(line.offer.producer.id, entry);
  }
  return [...byProducer].map(([producerId, { name, optionLists }]) => ({
    producerId,
    producerName: name,
    options: optionOrder.filter((option) => optionLists.every((options) => options.includes(option))),
  }));
}

/** A new choice: the one option preselected when there is only one, else nothing chosen yet. */
export function initialChoice(handover: ProducerHandover): HandoverChoice {
  return { option: handover.options.length === 1 ? handover.options[0]! : '', note: '', message: '' };
}

export type HandoverProblem = 'optionRequired' | 'addressRequired';

/** What is missing from a choice before it can be sent, or null. */
export function handoverProblem(handover: ProducerHandover, choice: HandoverChoice): HandoverProblem | null {
  if (handover.options.length > 0 && !handover.options.includes(choice.option as DeliveryOption)) return 'optionRequired';
  if (addressedOptions.includes(choice.option as DeliveryOption) && choice.note.trim() === '') return 'addressRequired';
  return null;
}
