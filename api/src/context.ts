import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import { unsharedOfferRows, type ListedOfferRows } from './marketplace/search';
import type { Config } from './config';
import type { Services } from './services';
import type { Member } from '../../prisma/generated/client/client';
import { createSession, resolveSession, revokeSession, sessionCookieName, type ActiveSession, type SessionSettings } from './members/sessions';

/** The services of the process (see createServices) and what belongs to one request. */
export interface Context extends Services {
  /**
   * The logged-in member, or null. Set by resolveSession, which the server calls before executing
   * any operation except a public listing; in a public listing, reading it throws.
   */
  member: Member | null;
  sessionId: string | null;
  /**
   * Looks the session cookie up (once per request) and sets member and sessionId. Call it as a
   * method, like logIn.
   */
  resolveSession(this: Context): Promise<void>;
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
  /**
   * Loads the offers of a listing page; in a public listing it shares the rows recently loaded for
   * other public listings (see marketplace/search/listing-cache.ts).
   */
  listedOfferRows: ListedOfferRows;
}

export function sessionSettings(config: Config): SessionSettings {
  return { secret: config.sessionSecret, ttlDays: config.sessionTtlDays };
}

/** Secure cookies whenever the client reached us over TLS (directly or through a trusted proxy). */
function isSecureRequest(request: Request, config: Config): boolean {
  if (new URL(request.url).protocol === 'https:') return true;
  return config.trustProxy && request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

/**
 * The context of one request. The session is not looked up here: a public listing needs none (see
 * public-listing.ts), and every other operation calls resolveSession before it executes.
 */
export function createContext(services: Services, request: Request): Context {
  const { prisma, config } = services;
  const secure = isSecureRequest(request, config);
  let lookup: Promise<ActiveSession | null> | undefined;
  const context: Context = {
    ...services,
    member: null,
    sessionId: null,
    responseCookies: [],
    listedOfferRows: unsharedOfferRows,
    async resolveSession() {
      if (!lookup) {
        const token = parseCookies(request.headers.get('cookie') ?? '')[sessionCookieName];
        lookup = resolveSession(services, sessionSettings(config), token);
      }
      const session = await lookup;
      this.member = session?.member ?? null;
      this.sessionId = session?.id ?? null;
    },
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

/**
 * For a public listing: the session stays unresolved, and code that asks for the viewer anyway is a
 * programmer error (a field missing from viewerDependentFields), which must fail rather than answer
 * as if nobody were logged in.
 */
export function withoutViewer(context: Context): void {
  const unresolved = (): never => {
    throw new Error('The session is not resolved in a public listing; add the field that reads it to viewerDependentFields');
  };
  Object.defineProperty(context, 'member', { get: unresolved, configurable: true });
  Object.defineProperty(context, 'sessionId', { get: unresolved, configurable: true });
}
