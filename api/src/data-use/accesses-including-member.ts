// The data-use queries that included a member: answered while the member was admitted and not opted
// out, so their trades and offers were part of what the answer was computed from (whether a figure
// they are in was published or suppressed). Part of the member's own data export.
import type { PrismaClient } from '../db/client';

export const memberAccessesMax = 10_000;

export interface MemberDataUseAccess {
  at: string;
  table: string;
  cellCount: number;
  request: { id: string; organisation: string; purpose: string; proposalId: string | null };
}

export async function dataUseAccessesIncluding(prisma: PrismaClient, member: { id: string; admittedAt: Date | null; leftAt?: Date | null }): Promise<MemberDataUseAccess[]> {
  if (!member.admittedAt) return [];
  const optOuts = await prisma.dataUseOptOut.findMany({ where: { memberId: member.id } });
  const queries = await prisma.dataUseQuery.findMany({
    where: {
      refusal: null,
      at: { gte: member.admittedAt, ...(member.leftAt ? { lt: member.leftAt } : {}) },
      AND: optOuts.map((optOut) => ({ OR: [{ at: { lt: optOut.optedOutAt } }, ...(optOut.optedInAt ? [{ at: { gte: optOut.optedInAt } }] : [])] })),
    },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    take: memberAccessesMax,
    include: { request: { select: { id: true, organisation: true, purpose: true, proposalId: true } } },
  });
  return queries.map((query) => ({ at: query.at.toISOString(), table: query.table, cellCount: query.cellCount, request: query.request }));
}
