// A logged-in member changes their password: the current one is required, the new one follows the
// rules of registration, and every other session of the member ends (the current one stays).
import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import { ValidationError } from '../errors';
import { parseInput } from '../shared/input';
import { newPasswordProblemOf } from '../shared/rules/password-rules';
import { hashPassword, verifyPassword } from './password';
import { passwordInputSchema } from './validation';

export const changePasswordSchema = z.object({ currentPassword: passwordInputSchema, newPassword: passwordInputSchema });

/** Returns how many other sessions were ended. Throws ValidationError naming the field at fault. */
export async function changePassword(
  prisma: PrismaClient,
  member: { id: string; email: string; passwordHash: string },
  currentSessionId: string | null,
  input: z.input<typeof changePasswordSchema>,
): Promise<number> {
  const { currentPassword, newPassword } = parseInput(changePasswordSchema, input);
  if (!(await verifyPassword(member.passwordHash, currentPassword))) {
    throw new ValidationError([{ field: 'currentPassword', code: 'wrong_password', params: {}, message: 'the current password is wrong' }]);
  }
  const problem = newPasswordProblemOf(newPassword, member.email);
  if (problem) throw new ValidationError([{ field: 'newPassword', ...problem, message: 'the new password is not acceptable' }]);
  const passwordHash = await hashPassword(newPassword);
  const now = new Date();
  return prisma.$transaction(async (transaction) => {
    await transaction.member.update({ where: { id: member.id }, data: { passwordHash } });
    // A reset link sent before the change must not undo it.
    await transaction.passwordReset.updateMany({ where: { memberId: member.id, usedAt: null }, data: { usedAt: now } });
    const ended = await transaction.session.updateMany({
      where: { memberId: member.id, revokedAt: null, ...(currentSessionId ? { id: { not: currentSessionId } } : {}) },
      data: { revokedAt: now },
    });
    return ended.count;
  });
}
