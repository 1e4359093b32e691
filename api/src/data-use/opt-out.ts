// A member's opt-out of all data use: from the moment it is set, the aggregates of data-use requests
// are computed without the member's trades and offers, until they opt in again. Each opt-out is a
// period (DataUseOptOut), so the member's export can tell which past queries counted them.
import type { Member } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';

export async function isOptedOutOfDataUse(prisma: PrismaClient, memberId: string): Promise<boolean> {
  return (await prisma.dataUseOptOut.count({ where: { memberId, optedInAt: null } })) > 0;
}

/** Sets the opt-out; setting what is already set changes nothing. */
export async function setDataUseOptOut(prisma: PrismaClient, member: Pick<Member, 'id'>, optedOut: boolean, now = new Date()): Promise<boolean> {
  await prisma.$transaction(async (transaction) => {
    // One open period per member even when the switch is pressed twice at once.
    await transaction.$queryRaw`SELECT "id" FROM "Member" WHERE "id" = ${member.id}::uuid FOR UPDATE`;
    const open = await transaction.dataUseOptOut.findFirst({ where: { memberId: member.id, optedInAt: null } });
    if (optedOut && !open) await transaction.dataUseOptOut.create({ data: { memberId: member.id, optedOutAt: now } });
    if (!optedOut && open) await transaction.dataUseOptOut.update({ where: { id: open.id }, data: { optedInAt: now } });
  });
  return optedOut;
}
