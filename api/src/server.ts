// The HTTP server: GraphQL at /graphql, a health check at /healthz, uploaded images at /media/, ledger
// exports for accountants at /downloads/ledger-exports/, a member's own data exports at
// /downloads/my-data/, the open statistics at /statistics.json and /statistics/<table>.csv, granted
// data-use queries at /data-use/<table>.json, and the built web app at / with fallback to index.html
// for client-side routes. One port serves them all.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createYoga, maskError, type Plugin } from 'graphql-yoga';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createFetch } from '@whatwg-node/fetch';
import sirv from 'sirv';
import { isExportDownloadPath, serveExportDownload } from './audit/exports-download';
import { isMediaPath, serveMedia } from './images/serve-media';
import { isStatisticsPath, serveStatistics } from './statistics/serve-statistics';
import { isDataUsePath, serveDataUse } from './data-use/serve-data-use';
import { isMyDataDownloadPath, serveDataExportDownload } from './my-data/download-data-export';
import { schema } from './schema';
import type { DocumentNode } from 'graphql';
import { withContentSecurityPolicy } from './content-security-policy';
import { createContext, withoutViewer, type Context } from './context';
import { createPublicListingCheck, type ListedOfferRows } from './marketplace/search';
import { queryLimitsPlugin } from './query-limits';
import type { Services } from './services';

/** Requests to /graphql above this size are refused before parsing. */
export const requestBodyBytesMax = 1_000_000;
/**
 * Multipart requests carry one image upload: they may be as large as the upload limit plus the usual
 * limit for the rest of the request. Everything else keeps the 1 MB limit.
 */
export function requestBodyBytesMaxFor(contentType: string | undefined, uploadBytesMax: number): number {
  return contentType?.toLowerCase().startsWith('multipart/form-data') ? uploadBytesMax + requestBodyBytesMax : requestBodyBytesMax;
}
/** Every /graphql request must carry this header; browsers cannot add it cross-site without CORS. */
export const csrfHeaderName = 'x-allmende-csrf';

/**
 * Looks the session up before an operation executes, except for a public listing, which answers
 * the same for everyone and so saves the round trip (half of the search traffic is logged in).
 */
function sessionResolutionPlugin(isPublicListing: (document: DocumentNode) => boolean, sharedOfferRows: ListedOfferRows): Plugin {
  return {
    onExecute({ args }) {
      const context = args.contextValue as unknown as Context;
      if (isPublicListing(args.document)) {
        withoutViewer(context);
        context.listedOfferRows = sharedOfferRows;
        return;
      }
      return context.resolveSession().then(() => undefined);
    },
  };
}

function sessionCookiePlugin(contexts: WeakMap<Request, Context>): Plugin {
  return {
    onResponse({ request, response }) {
      for (const cookie of contexts.get(request)?.responseCookies ?? []) response.headers.append('set-cookie', cookie);
    },
  };
}

export function createGraphQLHandler(services: Services) {
  const contexts = new WeakMap<Request, Context>();
  const isPublicListing = createPublicListingCheck(schema);
  const offerListCache = services.search.listingCache;
  return createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/graphql/health',
    maskedErrors: {
      maskError: (error, message, isDev) => {
        services.logger.error({ err: error }, 'unexpected error in GraphQL execution');
        return maskError(error, message, isDev);
      },
    },
    graphiql: services.config.nodeEnv !== 'production' ? { headers: JSON.stringify({ [csrfHeaderName]: '1' }) } : false,
    logging: {
      debug: (...args) => services.logger.debug(args),
      info: (...args) => services.logger.info(args),
      warn: (...args) => services.logger.warn(args),
      error: (...args) => services.logger.error(args),
    },
    context: ({ request }) => {
      const context = createContext(services, request);
      contexts.set(request, context);
      return context;
    },
    // The HTTP server refuses bodies without a declared length and above the limit before Yoga sees
    // them; Yoga's own limit would pipe every request body through a counting stream (4-5 % of the
    // CPU of a search request).
    maxRequestBodySize: false,
    // Caps what the multipart parser accepts even when a request announces no length.
    fetchAPI: createFetch({
      formDataLimits: { files: 1, fileSize: services.config.uploadBytesMax + requestBodyBytesMax, fieldSize: requestBodyBytesMax },
    }),
    plugins: [
      useCSRFPrevention({ requestHeaders: [csrfHeaderName] }),
      // Every document Yoga parses and validates, listings included: the listing cache answers only
      // the exact text of a listing that was executed, so it never answers a document not yet checked.
      queryLimitsPlugin(services.config.queryLimits),
      sessionResolutionPlugin(isPublicListing, offerListCache.rows),
      sessionCookiePlugin(contexts),
      ...offerListCache.plugins(isPublicListing),
    ],
  });
}

export function createHttpServer(services: Services): Server {
  const yoga = createGraphQLHandler(services);
  const indexFile = path.join(services.config.webDistDir, 'index.html');
  const serveWeb = existsSync(indexFile)
    ? withContentSecurityPolicy(sirv(services.config.webDistDir, { single: true, etag: true, dev: false, immutable: false }))
    : undefined;

  return createServer((request: IncomingMessage, response: ServerResponse) => {
    const pathname = (request.url ?? '/').split('?')[0] ?? '/';
    if (pathname === '/graphql' || pathname.startsWith('/graphql/')) {
      // A body must declare its length (Node's parser then reads exactly that many bytes), so the
      // limit is checked here once instead of by counting every request's body as it streams.
      if (request.headers['transfer-encoding'] !== undefined) {
        response.writeHead(411, { 'content-type': 'application/json' }).end('{"error":"a request body needs a Content-Length header"}');
        return;
      }
      const length = Number(request.headers['content-length'] ?? 0);
      if (length > requestBodyBytesMaxFor(request.headers['content-type'], services.config.uploadBytesMax)) {
        response.writeHead(413, { 'content-type': 'application/json' }).end('{"error":"request body too large"}');
        return;
      }
      void yoga(request, response);
      return;
    }
    if (isExportDownloadPath(pathname)) {
      serveExportDownload(services, pathname, request, response).catch((error: unknown) => {
        services.logger.error({ err: error }, 'export download failed');
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal error');
        else response.destroy();
      });
      return;
    }
    if (isMediaPath(pathname)) {
      void serveMedia(services.config.mediaDir, pathname, request, response);
      return;
    }
    if (isStatisticsPath(pathname)) {
      void serveStatistics(services, pathname, request, response);
      return;
    }
    if (isDataUsePath(pathname)) {
      void serveDataUse(services, pathname, request, response);
      return;
    }
    if (isMyDataDownloadPath(pathname)) {
      void serveDataExportDownload(services, pathname, request, response).catch((error: unknown) => {
        services.logger.error({ err: error }, 'a data export download failed');
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal error');
      });
      return;
    }
    if (pathname === '/healthz') {
      void healthCheck(services).then(({ status, body }) => {
        response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
      });
      return;
    }
    if (serveWeb) {
      serveWeb(request, response, () => {
        response.writeHead(404).end('Not found');
      });
      return;
    }
    response
      .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
      .end('The web app is not built. Run `npm run build`, or use `npm start`, which builds it when missing.');
  });
}

async function healthCheck(services: Services): Promise<{ status: number; body: object }> {
  try {
    await services.prisma.$queryRaw`SELECT 1`;
    return { status: 200, body: { status: 'ok', database: 'ok' } };
  } catch (error) {
    services.logger.error({ err: error }, 'health check failed');
    return { status: 503, body: { status: 'error', database: 'unreachable' } };
  }
}
