import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import type { Need } from '../../../prisma/generated/client/client';
import { categoryCodeSchema, optionalText, requiredText } from '../marketplace/validation';
import { parseInput } from '../shared/input';

export const needLifetimeDaysMax = 180;

export const postNeedSchema = z.object({
  title: requiredText(3, 120),
  description: optionalText(2000),
  categoryCode: categoryCodeSchema,
  place: optionalText(100),
  expiresAt: z
    .date()
    .refine((date) => date.getTime() > Date.now(), 'must be in the future')
    .refine((date) => date.getTime() <= Date.now() + needLifetimeDaysMax * 86_400_000, `at most ${needLifetimeDaysMax} days ahead`),
});

export type PostNeedInput = z.input<typeof postNeedSchema>;

/** Posts what a member is looking for; it stays open until it expires or is closed. */
export async function postNeed(prisma: PrismaClient, memberId: string, input: PostNeedInput): Promise<Need> {
  const need = parseInput(postNeedSchema, input);
  return prisma.need.create({ data: { ...need, memberId } });
}
