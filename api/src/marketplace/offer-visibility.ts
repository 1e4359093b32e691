// Who may see an offer by its id: active offers are public; drafts, paused and archived offers only
// their producer sees. Listings have their own rules (active only, see ranking.ts).
import type { Prisma } from '../../../prisma/generated/client/client';

export function visibleOffersWhere(member: { id: string } | null): Prisma.OfferWhereInput {
  return { OR: [{ status: 'active' }, ...(member ? [{ producerId: member.id }] : [])] };
}
