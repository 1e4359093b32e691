import type { PrismaClient } from '../db/client';
import type { Offer } from '../../../prisma/generated/client/client';
import { offerData, offerInputSchema, type OfferInput } from './offer-input';
import { parseInput } from '../shared/input';

/** Creates an offer of the producer as a draft, or active when `publish` is set. */
export async function createOffer(prisma: PrismaClient, producerId: string, input: OfferInput, publish = false): Promise<Offer> {
  const parsed = parseInput(offerInputSchema, input);
  return prisma.$transaction(async (transaction) => {
    const data = await offerData(transaction, producerId, parsed);
    return transaction.offer.create({ data: { ...data, producerId, status: publish ? 'active' : 'draft' } });
  });
}
