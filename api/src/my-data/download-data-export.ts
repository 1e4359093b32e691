// Serves a member's data export at /downloads/my-data/<export id>, only to a request that carries
// that member's own session: everyone else (another member, the board, an accountant, nobody logged
// in) gets the same 404, so the answer does not even tell whether the export exists. An export past
// its expiry answers 410 Gone to its member, whether or not the expiry job has removed it yet.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { parse as parseCookies } from 'cookie';
import type { PrismaClient, ReadQuery } from '../db/client';
import { resolveSession, sessionCookieName } from '../members/sessions';
import { isUuid } from '../shared/global-id';
import { exportFilePath } from './export-files';

export const myDataDownloadPrefix = '/downloads/my-data/';

export function myDataDownloadPath(exportId: string): string {
  return `${myDataDownloadPrefix}${exportId}`;
}

export function isMyDataDownloadPath(pathname: string): boolean {
  return pathname.startsWith(myDataDownloadPrefix);
}

export interface DownloadServices {
  prisma: PrismaClient;
  readQuery: ReadQuery;
  config: { sessionSecret: string; sessionTtlDays: number; myDataExport: { directory: string } };
}

export type DownloadDecision =
  | { status: 200; file: string; byteSize: number; fileName: string }
  | { status: 404 }
  | { status: 410 };

/** Decides what a download request gets: the session token from its cookie and the export's id. */
export async function decideDataExportDownload(
  services: DownloadServices,
  exportId: string,
  sessionToken: string | undefined,
  now = new Date(),
): Promise<DownloadDecision> {
  if (!isUuid(exportId)) return { status: 404 };
  const session = await resolveSession(services, { secret: services.config.sessionSecret, ttlDays: services.config.sessionTtlDays }, sessionToken);
  if (!session) return { status: 404 };
  const found = await services.prisma.memberDataExport.findFirst({ where: { id: exportId, memberId: session.member.id } });
  if (!found || found.status !== 'ready' || !found.storageKey || !found.expiresAt || !found.finishedAt) return { status: 404 };
  if (found.expiresAt.getTime() <= now.getTime()) return { status: 410 };
  const file = exportFilePath(services.config.myDataExport.directory, found.storageKey);
  const stats = await stat(file).catch(() => null);
  if (!stats?.isFile()) return { status: 410 };
  return { status: 200, file, byteSize: stats.size, fileName: `allmende-my-data-${found.finishedAt.toISOString().slice(0, 10)}.json` };
}

export async function serveDataExportDownload(services: DownloadServices, pathname: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...headers, allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed');
    return;
  }
  const token = parseCookies(request.headers.cookie ?? '')[sessionCookieName];
  const decision = await decideDataExportDownload(services, pathname.slice(myDataDownloadPrefix.length), token);
  if (decision.status === 404) {
    response.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  if (decision.status === 410) {
    response.writeHead(410, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('This download has expired. Ask for a new export of your data.');
    return;
  }
  response.writeHead(200, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': decision.byteSize,
    'content-disposition': `attachment; filename="${decision.fileName}"`,
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  await pipeline(createReadStream(decision.file), response).catch(() => response.destroy());
}
