// requestDataUse: a third party files a request through the public form. It is stored unverified;
// the data-use-emails job sends the verification link, and only the link puts it to the vote
// (verify-data-use-request.ts). At most dataUseRequestsPerDayMax requests per address a day are
// stored; beyond that a request answers the same and stores nothing.
import type { PrismaClient } from '../db/client';
import { parseInput } from '../shared/input';
import { dataUseRequestSchema, type DataUseRequestFields } from '../shared/rules/data-use-rules';

export const verificationLinkLifetimeMs = 24 * 60 * 60_000;
export const dataUseRequestsPerDayMax = 5;

export async function requestDataUse(prisma: PrismaClient, input: DataUseRequestFields, now = new Date()): Promise<void> {
  const fields = parseInput(dataUseRequestSchema, input);
  const recent = await prisma.dataUseRequest.count({ where: { email: fields.email, createdAt: { gt: new Date(now.getTime() - 24 * 60 * 60_000) } } });
  if (recent >= dataUseRequestsPerDayMax) return;
  await prisma.dataUseRequest.create({
    data: { ...fields, createdAt: now, verificationExpiresAt: new Date(now.getTime() + verificationLinkLifetimeMs) },
  });
}
