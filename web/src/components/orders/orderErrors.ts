// Message key and parameters for a typed order error, chosen by its code.
import type { useFormatters } from '@/composables/useFormatters';

const knownCodes = [
  'cart_empty',
  'checkout_abandoned',
  'out_of_stock',
  'price_changed',
  'exceeds_credit_limit',
  'offer_unavailable',
  'own_offer',
  'delivery_option_unavailable',
  'invalid_order_status',
  'order_forbidden',
] as const;

export interface OrderErrorMessage {
  key: string;
  params: Record<string, string>;
}

export function orderErrorMessage(
  error: { code?: string; inStock?: number; price?: string; available?: string },
  format: ReturnType<typeof useFormatters>,
): OrderErrorMessage {
  const code = (knownCodes as readonly string[]).includes(error.code ?? '') ? error.code! : 'other';
  return {
    key: `orders.errors.${code}`,
    params: {
      inStock: String(error.inStock ?? ''),
      price: error.price ? format.taler(error.price) : '',
      available: error.available ? format.taler(error.available) : '',
    },
  };
}

/** The one field of a mutation result (skipping the root __typename). */
export function mutationPayload(data: object | null | undefined): { __typename: string; code?: string } | null {
  if (!data) return null;
  const entry = Object.entries(data).find(([key]) => key !== '__typename');
  return (entry?.[1] as { __typename: string; code?: string } | undefined) ?? null;
}
