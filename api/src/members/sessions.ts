// Server-side sessions. The cookie carries a random token; the database stores only its HMAC under
// SESSION_SECRET, so neither a database leak nor a guessed id yields a usable cookie. Revoking a
// session (logout) takes effect on the next request.
import { createHmac, randomBytes } from 'node:crypto';
import type { PrismaClient, ReadQuery } from '../db/client';
import { Prisma, type Member } from '../../../prisma/generated/client/client';

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

/**
 * The member's columns as Prisma returns them. Roles and status are read as text, which node-postgres
 * parses into a string array and a string (it knows no enum types). A test compares the member read
 * here with Prisma's, so a column added to Member and missing here fails it.
 */
const memberColumns = Prisma.sql`m.id, m.email, m."displayName", m."passwordHash", m.roles::text[] AS roles, m.locale, m.status::text AS status,
  m."memberNumber", m."admittedAt", m."applicationNote", m."declineReason", m."decidedById", m."leftAt", m."createdAt", m."updatedAt",
  m."producerRatingCount", m."producerRatingSum", m."emailNotifications"`;

/**
 * The session of a cookie's token with its member, or null. One statement on the hot read path
 * (readQuery: every request of a logged-in member makes it).
 */
export async function resolveSession(
  database: { prisma: PrismaClient; readQuery: ReadQuery },
  settings: SessionSettings,
  token: string | undefined,
): Promise<ActiveSession | null> {
  if (!token || token.length > 100) return null;
  const id = sessionIdOf(token, settings.secret);
  const [row] = await database.readQuery<Member & { sessionRevokedAt: Date | null; sessionExpiresAt: Date; sessionLastSeenAt: Date }>(
    Prisma.sql`SELECT s."revokedAt" AS "sessionRevokedAt", s."expiresAt" AS "sessionExpiresAt", s."lastSeenAt" AS "sessionLastSeenAt", ${memberColumns}
      FROM "Session" s JOIN "Member" m ON m.id = s."memberId" WHERE s.id = ${id}`,
    { name: 'session_with_member' },
  );
  const now = Date.now();
  if (!row || row.sessionRevokedAt || row.sessionExpiresAt.getTime() <= now) return null;
  if (now - row.sessionLastSeenAt.getTime() > touchIntervalMs) {
    await database.prisma.session.update({ where: { id }, data: { lastSeenAt: new Date(now) } });
  }
  const { sessionRevokedAt: _revoked, sessionExpiresAt: _expires, sessionLastSeenAt: _lastSeen, ...member } = row;
  return { id, member };
}

export async function revokeSession(prisma: PrismaClient, sessionId: string): Promise<void> {
  await prisma.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

export async function revokeAllSessions(prisma: PrismaClient, memberId: string): Promise<number> {
  const { count } = await prisma.session.updateMany({ where: { memberId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}
