// A member asks for an export of their data. One export is made at a time: while one is waiting or
// running, asking again returns it. At most exportsPerDayMax are made in a day, since each reads
// everything the member ever did.
import type { MemberDataExport } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import { DataExportLimitError } from './errors';

export const exportsPerDayMax = 5;
/** The page lists this many of the member's newest exports. */
export const listedExportsMax = 5;

export async function requestDataExport(prisma: PrismaClient, memberId: string, now = new Date()): Promise<{ export: MemberDataExport; created: boolean }> {
  return prisma.$transaction(async (transaction) => {
    // Concurrent requests of one member queue here, so they cannot both start an export.
    await transaction.$queryRaw`SELECT "id" FROM "Member" WHERE "id" = ${memberId}::uuid FOR UPDATE`;
    const unfinished = await transaction.memberDataExport.findFirst({
      where: { memberId, status: { in: ['requested', 'running'] } },
      orderBy: { createdAt: 'desc' },
    });
    if (unfinished) return { export: unfinished, created: false };
    const dayAgo = new Date(now.getTime() - 24 * 60 * 60_000);
    const recent = await transaction.memberDataExport.count({ where: { memberId, createdAt: { gt: dayAgo } } });
    if (recent >= exportsPerDayMax) throw new DataExportLimitError(exportsPerDayMax);
    return { export: await transaction.memberDataExport.create({ data: { memberId } }), created: true };
  });
}

export function listDataExports(prisma: PrismaClient, memberId: string): Promise<MemberDataExport[]> {
  return prisma.memberDataExport.findMany({ where: { memberId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: listedExportsMax });
}
