// Server-side sessions. The cookie carries a random token; the database stores only its HMAC under
// SESSION_SECRET, so neither a database leak nor a guessed id yields a usable cookie. Revoking a
// session (logout) takes effect on the next request.
import { createHmac, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../db/client';
import type { Member } from '../../../prisma/generated/client/client';

export const sessionCookieName = 'allmende_session';

/** lastSeenAt is refreshed at most this often, so reads do not turn into writes. */
const touchIntervalMs = 5 * 60 * 1000;

export interface SessionSettings {
  secret: string;
  ttlDays: number;
}

export interface ActiveSession {
  id: string;
  member: Member;
}

function sessionIdOf(token: string, secret: string): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}

export async function createSession(
  prisma: PrismaClient,
  settings: SessionSettings,
  memberId: string,
  userAgent: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + settings.ttlDays * 24 * 60 * 60 * 1000);
  await prisma.session.create({
    data: { id: sessionIdOf(token, settings.secret), memberId, userAgent: userAgent.slice(0, 300), expiresAt },
  });
  return { token, expiresAt };
}

export async function resolveSession(
  prisma: PrismaClient,
  settings: SessionSettings,
  token: string | undefined,
): Promise<ActiveSession | null> {
  if (!token || token.length > 100) return null;
  const id = sessionIdOf(token, settings.secret);
  const session = await prisma.session.findUnique({ where: { id }, include: { member: true } });
  const now = Date.now();
  if (!session || session.revokedAt || session.expiresAt.getTime() <= now) return null;
  if (now - session.lastSeenAt.getTime() > touchIntervalMs) {
    await prisma.session.update({ where: { id }, data: { lastSeenAt: new Date(now) } });
  }
  return { id, member: session.member };
}

export async function revokeSession(prisma: PrismaClient, sessionId: string): Promise<void> {
  await prisma.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

export async function revokeAllSessions(prisma: PrismaClient, memberId: string): Promise<number> {
  const { count } = await prisma.session.updateMany({ where: { memberId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}
