// Test data, built the way the application would have it: a test says what is special about its
// member or offer and nothing else. Members are admitted unless a test asks for an applicant.
import type { Member, Offer, Prisma } from '../../../prisma/generated/client/client';
import { hashPassword } from '../../src/members/password';
import type { ApiClient, TestApi } from './api';

export const testPassword = 'richtig-geheim-42';

const passwordHashes = new Map<string, Promise<string>>();

/** Password hashing is slow on purpose; every test member with the same password shares one hash. */
function passwordHashOf(password: string): Promise<string> {
  let hash = passwordHashes.get(password);
  if (!hash) passwordHashes.set(password, (hash = hashPassword(password)));
  return hash;
}

let memberCount = 0;

export interface MemberFields {
  displayName?: string;
  email?: string;
  roles?: ('member' | 'producer' | 'accountant' | 'admin')[];
  status?: 'applicant' | 'admitted' | 'declined' | 'external';
  password?: string;
  locale?: string;
}

export async function buildMember(api: Pick<TestApi, 'database'>, fields: MemberFields = {}): Promise<Member> {
  memberCount += 1;
  const displayName = fields.displayName ?? `Mitglied ${memberCount}`;
  const email = fields.email ?? `${displayName.toLowerCase().replace(/[^a-z0-9]/g, '')}.${memberCount}@example.org`;
  const status = fields.status ?? 'admitted';
  const { prisma } = api.database;
  return prisma.$transaction(async (transaction) => {
    let admitted: Pick<Prisma.MemberCreateInput, 'admittedAt' | 'memberNumber'> = {};
    if (status === 'admitted') {
      // The same lock as admission (admit-member.ts), so members built at once get distinct numbers.
      await transaction.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('allmende:member-number'))`;
      const { _max } = await transaction.member.aggregate({ _max: { memberNumber: true } });
      admitted = { admittedAt: new Date(), memberNumber: (_max.memberNumber ?? 0) + 1 };
    }
    return transaction.member.create({
      data: {
        email,
        displayName,
        passwordHash: await passwordHashOf(fields.password ?? testPassword),
        roles: fields.roles ?? ['member'],
        locale: fields.locale ?? 'de',
        status,
        ...admitted,
      },
    });
  });
}

/** A client with the member's session, as after logging in through the API. */
export async function logIn(api: Pick<TestApi, 'client'>, email: string, password = testPassword): Promise<ApiClient> {
  const client = api.client();
  const result = await client.graphql(`mutation($input: LoginInput!) { login(input: $input) { __typename } }`, { input: { email, password } });
  if (result.data?.login.__typename !== 'MutationLoginSuccess') throw new Error(`Login of ${email} failed: ${JSON.stringify(result)}`);
  return client;
}

export interface OfferFields {
  title?: string;
  price?: string;
  stock?: number | null;
  status?: 'active' | 'paused' | 'archived' | 'draft';
  categoryCode?: string;
  createdAt?: Date;
  latitude?: number;
  longitude?: number;
  ecologicalAttributes?: ('organic_certified' | 'regional' | 'second_hand' | 'repairable' | 'packaging_free' | 'low_co2_transport')[];
}

export function buildOffer(api: Pick<TestApi, 'database'>, producerId: string, fields: OfferFields = {}): Promise<Offer> {
  return api.database.prisma.offer.create({
    data: {
      producerId,
      title: fields.title ?? 'Äpfel',
      categoryCode: fields.categoryCode ?? 'food.fruit',
      kind: 'good',
      price: fields.price ?? '2.50',
      unit: 'kg',
      stock: fields.stock === undefined ? null : fields.stock,
      status: fields.status ?? 'active',
      ...(fields.createdAt ? { createdAt: fields.createdAt } : {}),
      ...(fields.ecologicalAttributes ? { ecologicalAttributes: fields.ecologicalAttributes } : {}),
      ...(fields.latitude != null && fields.longitude != null ? { latitude: fields.latitude, longitude: fields.longitude } : {}),
    },
  });
}
