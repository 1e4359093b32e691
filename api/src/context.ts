import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import type { Ledger } from '@allmende/ledger';
import type { Config } from './config';
import type { PrismaClient } from './db/client';
import type { Logger } from './logger';
import type { JobQueue } from './jobs';
import type { Member } from '../../prisma/generated/client/client';
import { createSession, resolveSession, revokeSession, sessionCookieName, type SessionSettings } from './members/sessions';

/** Services shared by all requests. */
export interface AppServices {
  prisma: PrismaClient;
  config: Config;
  logger: Logger;
  jobs: JobQueue;
  /** The one ledger of this process, so its currency cache and transfer coalescing are shared. */
  ledger: Ledger;
}

export interface Context extends AppServices {
  member: Member | null;
  sessionId: string | null;
  /**
   * Starts a session for the member and sets the cookie on the response. Call it as a method
   * (`context.logIn(...)`): GraphQL Yoga copies the context object, and the method updates the copy
   * it was called on.
   */
  logIn(this: Context, member: Member): Promise<void>;
  /** Revokes the current session and clears the cookie. Call it as a method, like logIn. */
  logOut(this: Context): Promise<void>;
  /** Set-Cookie headers to add to the response. */
  responseCookies: string[];
}

function sessionSettings(config: Config): SessionSettings {
  return { secret: config.sessionSecret, ttlDays: config.sessionTtlDays };
}

/** Secure cookies whenever the client reached us over TLS (directly or through a trusted proxy). */
function isSecureRequest(request: Request, config: Config): boolean {
  if (new URL(request.url).protocol === 'https:') return true;
  return config.trustProxy && request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

export async function createContext(services: AppServices, request: Request): Promise<Context> {
  const { prisma, config } = services;
  const token = parseCookies(request.headers.get('cookie') ?? '')[sessionCookieName];
  const session = await resolveSession(prisma, sessionSettings(config), token);
  const secure = isSecureRequest(request, config);
  const context: Context = {
    ...services,
    member: session?.member ?? null,
    sessionId: session?.id ?? null,
    responseCookies: [],
    async logIn(member) {
      if (this.sessionId) await revokeSession(prisma, this.sessionId);
      const created = await createSession(prisma, sessionSettings(config), member.id, request.headers.get('user-agent') ?? '');
      this.member = member;
      this.responseCookies.push(
        serializeCookie(sessionCookieName, created.token, {
          httpOnly: true,
          sameSite: 'lax',
          secure,
          path: '/',
          expires: created.expiresAt,
        }),
      );
    },
    async logOut() {
      if (this.sessionId) await revokeSession(prisma, this.sessionId);
      this.member = null;
      this.sessionId = null;
      this.responseCookies.push(
        serializeCookie(sessionCookieName, '', { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 0 }),
      );
    },
  };
  return context;
}
