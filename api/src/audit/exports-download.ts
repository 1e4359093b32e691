// Serves finished ledger exports at /downloads/ledger-exports/<id>, to accountants only: the session
// cookie is checked like a GraphQL request's (the accountant scope, see members/scopes.ts), and
// anyone else gets 404 (not logged in: 401), so the address tells a stranger nothing.
import { createReadStream } from 'node:fs';
import { scopesOf } from '../members/scopes';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { parse as parseCookies } from 'cookie';
import { sessionSettings } from '../context';
import { resolveSession, sessionCookieName } from '../members/sessions';
import type { Services } from '../services';
import { type LedgerExportFormat, exportDownloadName, exportFilePath } from './exports-files';

export const exportDownloadPrefix = '/downloads/ledger-exports/';

const idPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const contentTypes: Record<LedgerExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  hledger: 'text/plain; charset=utf-8',
  beancount: 'text/plain; charset=utf-8',
  chain: 'text/plain; charset=utf-8',
};

export function exportDownloadUrl(exportId: string): string {
  return `${exportDownloadPrefix}${exportId}`;
}

export function isExportDownloadPath(pathname: string): boolean {
  return pathname.startsWith(exportDownloadPrefix);
}

function refuse(response: ServerResponse, status: 401 | 404 | 405, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(text);
}

export async function serveExportDownload(services: Services, pathname: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed');
  const token = parseCookies(request.headers.cookie ?? '')[sessionCookieName];
  const session = await resolveSession(services, sessionSettings(services.config), token);
  if (!session) return refuse(response, 401, 'Please log in first.');
  const { member } = session;
  if (!scopesOf(member).accountant) return refuse(response, 404, 'Not found');
  const id = pathname.slice(exportDownloadPrefix.length);
  if (!idPattern.test(id)) return refuse(response, 404, 'Not found');
  const row = await services.prisma.auditExport.findUnique({ where: { id } });
  if (!row || row.status !== 'done') return refuse(response, 404, 'Not found');
  const file = exportFilePath(services.config.exportsDir, row.id);
  const stats = await stat(file).catch(() => null);
  if (!stats?.isFile()) return refuse(response, 404, 'Not found');
  response.writeHead(200, {
    'content-type': contentTypes[row.format as LedgerExportFormat],
    'content-length': stats.size,
    'content-disposition': `attachment; filename="${exportDownloadName(row)}"`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
    ...(row.sha256 ? { 'x-checksum-sha256': row.sha256 } : {}),
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  await pipeline(createReadStream(file), response).catch(() => response.destroy());
}
