import type { PrismaClient } from '../db/client';
import type { Need } from '../../../prisma/generated/client/client';
import { NeedClosedError, NotFoundError, NotOwnerError } from '../marketplace/errors';

/** Closes one of the member's own open needs, e.g. when it was met. */
export async function closeNeed(prisma: PrismaClient, memberId: string, needId: string): Promise<Need> {
  const need = await prisma.need.findUnique({ where: { id: needId } });
  if (!need) throw new NotFoundError('need');
  if (need.memberId !== memberId) throw new NotOwnerError();
  if (need.closedAt) throw new NeedClosedError();
  return prisma.need.update({ where: { id: needId }, data: { closedAt: new Date() } });
}
