// Members, offers and clients for the order tests.
import type { TestApi, ApiClient } from './api';
import { buildMember, buildOffer, logIn, testPassword } from './builders';
import { randomUUID } from 'node:crypto';
import { addToCart } from '../../src/orders/cart';
import { checkout, type CheckoutInput, type CheckoutServices } from '../../src/orders/checkout';
import { loadOrders } from '../../src/orders/order-queries';

export { testPassword };

export interface TestMember {
  id: string;
  displayName: string;
  email: string;
  client: ApiClient;
}

/** An admitted member (a producer with the role) with a logged-in client. */
export async function createMember(api: TestApi, name: string, roles: ('member' | 'producer' | 'admin')[] = ['member']): Promise<TestMember> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]/g, '')}@example.org`;
  const member = await buildMember(api, { email, displayName: `${name} Test`, roles });
  return { id: member.id, displayName: member.displayName, email, client: await logIn(api, email) };
}

export async function createOffer(api: TestApi, producerId: string, fields: { title?: string; price: string; stock: number | null; status?: 'active' | 'paused' | 'archived' | 'draft' }) {
  return buildOffer(api, producerId, fields);
}

export const cartFields = `lines { offer { id title } quantity unitPrice lineTotal available } total producerCount`;
export const orderFields = `id status total producerAmount contributionAmount refundAmount disputeReason buyer { id displayName } producer { id displayName } items { title quantity unitPrice lineTotal offer { id } }`;

export const addToCartMutation = `mutation Add($input: CartItemInput!) {
  addToCart(input: $input) {
    __typename
    ... on MutationAddToCartSuccess { data { ${cartFields} } }
    ... on ValidationError { fieldErrors { field message } }
    ... on Error { code }
  }
}`;

export const checkoutMutation = `mutation Checkout($input: CheckoutInput!) {
  checkout(input: $input) {
    __typename
    ... on MutationCheckoutSuccess { data { alreadyExisted orders { ${orderFields} } } }
    ... on OutOfStockError { inStock }
    ... on PriceChangedError { price }
    ... on InsufficientCreditError { available }
    ... on ValidationError { fieldErrors { field message } }
    ... on Error { code }
  }
}`;

export function transitionMutation(name: string, withReason = false): string {
  const success = `Mutation${name[0]!.toUpperCase()}${name.slice(1)}Success`;
  return `mutation Move($id: ID!${withReason ? ', $reason: String!' : ''}) {
  ${name}(id: $id${withReason ? ', reason: $reason' : ''}) {
    __typename
    ... on ${success} { data { ${orderFields} } }
    ${withReason ? '... on ValidationError { fieldErrors { field message } }' : ''}
    ... on Error { code }
  }
}`;
}

/** Checks out through the use case and reads the orders it made (with their items). */
export async function checkoutOrders(services: CheckoutServices, buyer: { id: string; displayName: string }, input: CheckoutInput) {
  const result = await checkout(services, buyer, input);
  return { ...result, orders: await loadOrders(services.prisma, { id: { in: result.orderIds } }) };
}

/**
 * A buyer's order of one new offer of the producer, placed through the cart and checkout use cases;
 * returns its id and the checkout's input (a retry with it returns the same order).
 */
export async function buyNewOffer(
  api: TestApi,
  buyer: { id: string; displayName: string },
  producerId: string,
  fields: { price: string; quantity?: number; stock?: number | null; title?: string },
): Promise<{ orderId: string; input: CheckoutInput }> {
  const offer = await createOffer(api, producerId, { price: fields.price, stock: fields.stock ?? null, ...(fields.title ? { title: fields.title } : {}) });
  await addToCart(api.database.prisma, buyer.id, { offerId: offer.id, quantity: fields.quantity ?? 1 });
  const input = { idempotencyKey: `order-${randomUUID()}`, expectedPrices: [{ offerId: offer.id, price: fields.price }] };
  const { orderIds } = await checkout(api.services, buyer, input);
  return { orderId: orderIds[0]!, input };
}
