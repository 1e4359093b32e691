import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import type { Member } from '../../../prisma/generated/client/client';
import { InvalidCredentialsError } from '../errors';
import { decoyPasswordHash, verifyPassword } from './password';
import { loginEmailSchema, passwordInputSchema } from './validation';
import { parseInput } from '../shared/input';

export const credentialsSchema = z.object({ email: loginEmailSchema, password: passwordInputSchema });

/**
 * Checks e-mail and password. Unknown e-mail and wrong password give the same error after the same
 * amount of work, so the answer does not tell whether an address is registered.
 */
export async function authenticateMember(
  prisma: PrismaClient,
  input: z.input<typeof credentialsSchema>,
): Promise<Member> {
  const { email, password } = parseInput(credentialsSchema, input);
  const member = await prisma.member.findUnique({ where: { email } });
  const valid = await verifyPassword(member?.passwordHash ?? (await decoyPasswordHash()), password);
  if (!member || !valid) throw new InvalidCredentialsError();
  return member;
}
