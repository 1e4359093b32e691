// The open statistics over plain HTTP for anyone, without GraphQL: /statistics.json has every table,
// /statistics/<table>.csv one table (e.g. /statistics/tradeVolume.csv).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PrismaClient, ReadQuery } from '../db/client';
import type { Logger } from '../logger';
import { minimumGroupSize } from './minimum-group-size';
import { openStatistics } from './open-statistics';
import { presentStatistics, statisticsCsv, statisticsTableNames } from './present-statistics';

const csvPath = /^\/statistics\/([A-Za-z]+)\.csv$/;

export function isStatisticsPath(pathname: string): boolean {
  return pathname === '/statistics.json' || csvPath.test(pathname);
}

export async function serveStatistics(services: { prisma: PrismaClient; readQuery: ReadQuery; logger: Logger }, pathname: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Only GET and HEAD.');
    return;
  }
  const tableName = csvPath.exec(pathname)?.[1];
  if (tableName !== undefined && !(statisticsTableNames as readonly string[]).includes(tableName)) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`No such table. Tables: ${statisticsTableNames.join(', ')}.`);
    return;
  }
  try {
    const statistics = presentStatistics(await openStatistics(services.readQuery, await minimumGroupSize(services.prisma)));
    const headers = { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' };
    if (tableName === undefined) {
      response.writeHead(200, { ...headers, 'content-type': 'application/json; charset=utf-8' }).end(request.method === 'HEAD' ? undefined : JSON.stringify(statistics));
      return;
    }
    const table = statistics.tables.find((candidate) => candidate.name === tableName)!;
    response
      .writeHead(200, { ...headers, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="allmende-${tableName}.csv"` })
      .end(request.method === 'HEAD' ? undefined : statisticsCsv(table));
  } catch (error) {
    services.logger.error({ err: error }, 'open statistics failed');
    response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('The statistics could not be computed.');
  }
}
