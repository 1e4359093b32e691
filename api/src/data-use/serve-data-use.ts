// The data-use API over plain HTTP: /data-use/catalogue.json lists the tables a request may ask for
// (public), /data-use/<table>.json answers a granted request's access token ("Authorization: Bearer
// <token>") with one approved table. Refusals are JSON: { "error": <code>, "message": <text> }.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PrismaClient, ReadQuery } from '../db/client';
import type { Logger } from '../logger';
import { answerDataUseQuery, bearerTokenOf, dataUseRefusals } from './answer-data-use-query';
import { dataUseCatalogue } from './catalogue';

const tablePath = /^\/data-use\/([A-Za-z]{1,40})\.json$/;

export function isDataUsePath(pathname: string): boolean {
  return tablePath.test(pathname);
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers }).end(JSON.stringify(body));
}

export async function serveDataUse(services: { prisma: PrismaClient; readQuery: ReadQuery; logger: Logger }, pathname: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET') {
    json(response, 405, { error: 'method_not_allowed', message: 'Only GET.' }, { allow: 'GET' });
    return;
  }
  const name = tablePath.exec(pathname)![1]!;
  if (name === 'catalogue') {
    json(response, 200, { tables: dataUseCatalogue });
    return;
  }
  try {
    const result = await answerDataUseQuery(services, { token: bearerTokenOf(request.headers.authorization), table: name });
    if (result.ok) {
      json(response, 200, result.answer);
      return;
    }
    const refusal = dataUseRefusals[result.refusal];
    json(response, refusal.status, { error: result.refusal, message: refusal.message }, refusal.status === 401 ? { 'www-authenticate': 'Bearer realm="allmende-data-use"' } : {});
  } catch (error) {
    services.logger.error({ err: error }, 'a data-use query failed');
    if (!response.headersSent) json(response, 500, { error: 'internal', message: 'The table could not be computed.' });
  }
}
