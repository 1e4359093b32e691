// How many members a published figure must describe at least (k): the minimum group size of the data
// policy in force, which the members vote on (founding version: 10). Open statistics and the answers
// to granted data-use requests both read it here.
import type { Prisma } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import { policyInForce } from '../governance/policies';

export async function minimumGroupSize(prisma: PrismaClient | Prisma.TransactionClient, at: Date = new Date()): Promise<number> {
  return (await policyInForce(prisma, 'data', at)).payload.minimumGroupSize;
}
