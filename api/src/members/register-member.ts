import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import type { Member } from '../../../prisma/generated/client/client';
import { EmailTakenError, WeakPasswordError } from '../errors';
import { hashPassword, passwordWeakness } from './password';
import { displayNameSchema, emailSchema, localeSchema, passwordInputSchema } from './validation';
import { parseInput } from '../shared/input';

export const registerSchema = z.object({
  email: emailSchema,
  password: passwordInputSchema,
  displayName: displayNameSchema,
  locale: localeSchema.default('de'),
});

export interface RegisterMemberInput {
  email: string;
  password: string;
  displayName: string;
  /** "de" or "en"; German when absent. */
  locale?: string | undefined;
}

/** Creates a member with the `member` role. Throws ValidationError, WeakPasswordError or EmailTakenError. */
export async function registerMember(prisma: PrismaClient, input: RegisterMemberInput): Promise<Member> {
  const { email, password, displayName, locale } = parseInput(registerSchema, input);
  const weakness = passwordWeakness(password, email);
  if (weakness) throw new WeakPasswordError(weakness);
  const passwordHash = await hashPassword(password);
  try {
    return await prisma.member.create({ data: { email, passwordHash, displayName, locale, roles: ['member'] } });
  } catch (error) {
    // The unique index decides, so two concurrent registrations of one address cannot both succeed.
    if (isUniqueViolation(error)) throw new EmailTakenError();
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
