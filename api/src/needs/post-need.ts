import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import type { Need } from '../../../prisma/generated/client/client';
import { categoryCodeSchema } from '../marketplace/validation';
import { parseInput } from '../shared/input';
import { needFieldsSchema } from '../shared/rules/form-rules';

export { needLifetimeDaysMax } from '../shared/rules/form-rules';

export const postNeedSchema = z.object({ ...needFieldsSchema.shape, categoryCode: categoryCodeSchema });

export type PostNeedInput = z.input<typeof postNeedSchema>;

/** Posts what a member is looking for; it stays open until it expires or is closed. */
export async function postNeed(prisma: PrismaClient, memberId: string, input: PostNeedInput): Promise<Need> {
  const need = parseInput(postNeedSchema, input);
  return prisma.need.create({ data: { ...need, memberId } });
}
