// Members, offers and clients for the order tests.
import type { TestApi, ApiClient } from './api';
import { hashPassword } from '../../src/members/password';

export const testPassword = 'richtig-geheim-42';
let passwordHash: string | null = null;

export interface TestMember {
  id: string;
  displayName: string;
  email: string;
  client: ApiClient;
}

export async function createMember(api: TestApi, name: string, roles: ('member' | 'producer' | 'admin')[] = ['member']): Promise<TestMember> {
  passwordHash ??= await hashPassword(testPassword);
  const email = `${name.toLowerCase().replace(/[^a-z0-9]/g, '')}@example.org`;
  const member = await api.database.prisma.member.create({ data: { email, displayName: `${name} Test`, passwordHash, roles } });
  const client = api.client();
  const login = await client.graphql(`mutation($input: LoginInput!) { login(input: $input) { __typename } }`, { input: { email, password: testPassword } });
  if (login.data?.login.__typename !== 'MutationLoginSuccess') throw new Error(`Login of ${email} failed: ${JSON.stringify(login)}`);
  return { id: member.id, displayName: member.displayName, email, client };
}

export async function createOffer(api: TestApi, producerId: string, fields: { title?: string; price: string; stock: number | null; status?: 'active' | 'paused' | 'archived' | 'draft' }) {
  return api.database.prisma.offer.create({
    data: {
      producerId,
      title: fields.title ?? 'Äpfel',
      categoryCode: 'food.fruit',
      kind: 'good',
      price: fields.price,
      unit: 'kg',
      stock: fields.stock,
      status: fields.status ?? 'active',
    },
  });
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
