// Resetting a forgotten password by an e-mail link, in three steps:
//
//   requested --(e-mail job makes the token, stores its hash, sends the link)--> sent
//   sent --(resetPassword with the token before expiresAt)--> used
//   any --(expiresAt passes, or the password is changed or reset otherwise)--> unusable
//
// A request answers the same whether or not the address belongs to an account, and makes no more than
// resetRequestsPerHourMax e-mails per address an hour. Only the token's SHA-256 is stored: tokens are
// 32 random bytes, so a fast hash is enough, and a leaked database yields no usable link.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import { InvalidResetTokenError, ValidationError } from '../errors';
import type { Logger } from '../logger';
import type { Mailer } from '../mail/mailer';
import { parseInput } from '../shared/input';
import { newPasswordProblemOf } from '../shared/rules/password-rules';
import { hashPassword } from './password';
import { passwordResetEmail } from './password-reset-email';
import { loginEmailSchema, passwordInputSchema } from './validation';

export const resetTokenLifetimeMs = 60 * 60_000;
export const resetRequestsPerHourMax = 3;
/** Reset e-mails per job run; the next run sends the rest. */
export const resetEmailBatchMax = 50;
const tokenLengthMax = 100;

export function resetTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const requestPasswordResetSchema = z.object({ email: loginEmailSchema });

/**
 * Records a reset request for the account with this address, if there is one and it has not asked too
 * often. Returns nothing either way, so the caller cannot tell whether the address is registered.
 */
export async function requestPasswordReset(prisma: PrismaClient, input: z.input<typeof requestPasswordResetSchema>, now = new Date()): Promise<void> {
  const { email } = parseInput(requestPasswordResetSchema, input);
  const member = await prisma.member.findUnique({ where: { email }, select: { id: true } });
  if (!member) return;
  const recent = await prisma.passwordReset.count({ where: { memberId: member.id, createdAt: { gt: new Date(now.getTime() - 60 * 60_000) } } });
  if (recent >= resetRequestsPerHourMax) return;
  await prisma.passwordReset.create({ data: { memberId: member.id, createdAt: now, expiresAt: new Date(now.getTime() + resetTokenLifetimeMs) } });
}

/**
 * Sends the e-mail of each requested reset at most once: the token is made and its hash stored by a
 * conditional update (tokenHash still null), so two runs never both send one.
 */
export async function sendPasswordResetEmails(prisma: PrismaClient, mailer: Mailer, options: { logger?: Logger; now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const pending = await prisma.passwordReset.findMany({
    where: { tokenHash: null, usedAt: null, expiresAt: { gt: now } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: resetEmailBatchMax,
    include: { member: { select: { email: true, displayName: true, locale: true } } },
  });
  let sent = 0;
  for (const reset of pending) {
    const token = randomBytes(32).toString('base64url');
    const claimed = await prisma.passwordReset.updateMany({ where: { id: reset.id, tokenHash: null }, data: { tokenHash: resetTokenHash(token) } });
    if (claimed.count === 0) continue;
    const email = passwordResetEmail({ ...reset.member, token, publicUrl: mailer.publicUrl, expiresAt: reset.expiresAt });
    try {
      await mailer.send({ to: reset.member.email, ...email, messageId: `<password-reset-${reset.id}@allmende>`, reference: `password-reset-${reset.id}` });
    } catch (error) {
      // The link is lost; the member asks again. Retrying would need the plain token, which is not kept.
      options.logger?.warn({ err: error, passwordResetId: reset.id }, 'password reset e-mail not sent');
      continue;
    }
    await prisma.passwordReset.update({ where: { id: reset.id }, data: { emailSentAt: new Date() } });
    sent += 1;
  }
  return sent;
}

export const resetPasswordSchema = z.object({ token: z.string().min(1, 'required').max(tokenLengthMax, `at most ${tokenLengthMax} characters`), newPassword: passwordInputSchema });

/**
 * Sets a new password with the token from a reset e-mail and ends every session of the member. The
 * token works once and until it expires; InvalidResetTokenError otherwise.
 */
export async function resetPassword(prisma: PrismaClient, input: z.input<typeof resetPasswordSchema>, now = new Date()): Promise<void> {
  const { token, newPassword } = parseInput(resetPasswordSchema, input);
  const reset = await prisma.passwordReset.findUnique({ where: { tokenHash: resetTokenHash(token) }, include: { member: { select: { email: true } } } });
  if (!reset || reset.usedAt || reset.expiresAt.getTime() <= now.getTime()) throw new InvalidResetTokenError();
  const problem = newPasswordProblemOf(newPassword, reset.member.email);
  if (problem) throw new ValidationError([{ field: 'newPassword', ...problem, message: 'the new password is not acceptable' }]);
  const passwordHash = await hashPassword(newPassword);
  await prisma.$transaction(async (transaction) => {
    // Single use even when the link is opened twice at once: only one update finds usedAt null.
    const claimed = await transaction.passwordReset.updateMany({ where: { id: reset.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count === 0) throw new InvalidResetTokenError();
    await transaction.member.update({ where: { id: reset.memberId }, data: { passwordHash } });
    await transaction.passwordReset.updateMany({ where: { memberId: reset.memberId, usedAt: null }, data: { usedAt: now } });
    await transaction.session.updateMany({ where: { memberId: reset.memberId, revokedAt: null }, data: { revokedAt: now } });
  });
}
