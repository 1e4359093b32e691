// The Content-Security-Policy sent with the web app. The app loads everything it needs from this
// server, so the browser is told to load nothing from anywhere else: no scripts, styles, fonts or
// images from other sites and no requests to them. This keeps the promise of "no tracking" even if
// a member manages to put an address of another site into a page, and it blocks injected inline
// scripts. Image previews of uploads before they are sent are blob: URLs; data: covers small images
// that stylesheets or the browser inline.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const contentSecurityPolicyHeaderName = 'content-security-policy';

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

type RequestHandler = (request: IncomingMessage, response: ServerResponse, next?: () => void) => void;

/** Wraps the handler that serves the web app so that every answer carries the policy. */
export function withContentSecurityPolicy<Handler extends RequestHandler>(handler: Handler): Handler {
  const wrapped: RequestHandler = (request, response, next) => {
    response.setHeader(contentSecurityPolicyHeaderName, contentSecurityPolicy);
    handler(request, response, next);
  };
  return wrapped as Handler;
}
