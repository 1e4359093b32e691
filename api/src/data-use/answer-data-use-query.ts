// answerDataUseQuery: a granted request's access token asks for one table. The answer is the table
// computed now, by the request's grouping, without the members opted out of data use at this moment,
// with the small-cell suppression of the open statistics at the k of the data policy in force. Every
// query of a known token is logged: an answer with its size, a refusal with its reason. Refusals are a
// closed list of reasons with their HTTP status.
import type { PrismaClient, ReadQuery } from '../db/client';
import { minimumGroupSize } from '../statistics/minimum-group-size';
import { openStatistics } from '../statistics/open-statistics';
import { presentStatistics, type PresentedTable } from '../statistics/present-statistics';
import { dataUseTableNames, type DataUseTableName } from '../shared/rules/data-use-rules';
import { dataUseTokenHash, dataUseTokenLengthMax } from './tokens';

export const dataUseRefusals = {
  missing_token: { status: 401, message: 'Send the access token as "Authorization: Bearer <token>".' },
  unknown_token: { status: 401, message: 'This access token is unknown.' },
  expired: { status: 403, message: 'The approved duration of this access has ended.' },
  revoked: { status: 403, message: 'The members revoked this access by vote.' },
  unknown_table: { status: 404, message: `No such table. Tables: ${dataUseTableNames.join(', ')}.` },
  table_not_approved: { status: 403, message: 'The members did not approve this table for this access.' },
} as const;

export type DataUseRefusal = keyof typeof dataUseRefusals;

export interface DataUseAnswer {
  request: string;
  grouping: string;
  minimumGroupSize: number;
  computedAt: string;
  /** The end of the approved duration. */
  validUntil: string;
  table: PresentedTable;
}

export type DataUseQueryResult = { ok: true; answer: DataUseAnswer } | { ok: false; refusal: DataUseRefusal };

/** The token of an "Authorization: Bearer <token>" header, or null. */
export function bearerTokenOf(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{1,100})$/.exec(header?.trim() ?? '');
  return match?.[1] ?? null;
}

function counts(table: PresentedTable): { cellCount: number; rowCount: number; suppressedCount: number } {
  const figures = [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total];
  return { cellCount: figures.length, rowCount: table.rows.length, suppressedCount: figures.filter((figure) => figure === null).length };
}

export async function answerDataUseQuery(
  services: { prisma: PrismaClient; readQuery: ReadQuery },
  input: { token: string | null; table: string },
  now = new Date(),
): Promise<DataUseQueryResult> {
  if (!input.token || input.token.length > dataUseTokenLengthMax) return { ok: false, refusal: 'missing_token' };
  const request = await services.prisma.dataUseRequest.findUnique({ where: { accessTokenHash: dataUseTokenHash(input.token) } });
  if (!request || (request.status !== 'granted' && request.status !== 'revoked') || !request.expiresAt) return { ok: false, refusal: 'unknown_token' };
  const refuse = async (refusal: Exclude<DataUseRefusal, 'missing_token' | 'unknown_token'>): Promise<DataUseQueryResult> => {
    await services.prisma.dataUseQuery.create({ data: { requestId: request.id, table: input.table, at: now, refusal, cellCount: 0, rowCount: 0, suppressedCount: 0 } });
    return { ok: false, refusal };
  };
  if (request.status === 'revoked') return refuse('revoked');
  if (request.expiresAt.getTime() <= now.getTime()) return refuse('expired');
  if (!(dataUseTableNames as readonly string[]).includes(input.table)) return refuse('unknown_table');
  const table = input.table as DataUseTableName;
  if (!request.tables.includes(table)) return refuse('table_not_approved');
  const k = await minimumGroupSize(services.prisma, now);
  const statistics = await openStatistics(services.readQuery, k, now, { withoutOptedOutAt: now, grouping: request.grouping });
  const presented = presentStatistics(statistics).tables.find((candidate) => candidate.name === table)!;
  await services.prisma.dataUseQuery.create({ data: { requestId: request.id, table, at: now, ...counts(presented) } });
  return {
    ok: true,
    answer: { request: request.id, grouping: request.grouping, minimumGroupSize: k, computedAt: now.toISOString(), validUntil: request.expiresAt.toISOString(), table: presented },
  };
}
