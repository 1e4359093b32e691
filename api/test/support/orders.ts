// Members, offers and clients for the order tests.
import type { TestApi, ApiClient } from './api';
import { buildMember, buildOffer, logIn, testPassword } from './builders';
import { checkout, type CheckoutInput } from '../../src/orders/checkout';
import type { OrderServices } from '../../src/orders/order-money';
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
export async function checkoutOrders(services: OrderServices, buyer: { id: string; displayName: string }, input: CheckoutInput) {
  const result = await checkout(services, buyer, input);
  return { ...result, orders: await loadOrders(services.prisma, { id: { in: result.orderIds } }) };
}
