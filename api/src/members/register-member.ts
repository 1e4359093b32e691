import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import type { Member } from '../../../prisma/generated/client/client';
import { EmailTakenError, WeakPasswordError } from '../errors';
import { hashPassword, passwordWeakness } from './password';
import { displayNameSchema, emailSchema, localeSchema, passwordInputSchema } from './validation';
import { parseInput } from '../shared/input';
import { admitInTransaction } from '../governance/admit-member';
import { policyInForce } from '../governance/policies';

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

/**
 * Registers an applicant with the `member` role, admitted at once when the admission policy in force
 * says so. Throws ValidationError, WeakPasswordError or EmailTakenError.
 */
export async function registerMember(prisma: PrismaClient, input: RegisterMemberInput): Promise<Member> {
  const { email, password, displayName, locale } = parseInput(registerSchema, input);
  const weakness = passwordWeakness(password, email);
  if (weakness) throw new WeakPasswordError(weakness);
  const passwordHash = await hashPassword(password);
  try {
    return await prisma.$transaction(async (transaction) => {
      const applicant = await transaction.member.create({ data: { email, passwordHash, displayName, locale, roles: ['member'], status: 'applicant' } });
      const admission = await policyInForce(transaction, 'admission');
      return admission.payload.mode === 'automatic' ? admitInTransaction(transaction, applicant.id, null) : applicant;
    });
  } catch (error) {
    // The unique index decides, so two concurrent registrations of one address cannot both succeed.
    if (isUniqueViolation(error)) throw new EmailTakenError();
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
