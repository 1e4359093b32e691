import type { OfferStatus } from '../../../prisma/generated/client/enums';

/**
 * The offer state machine. A draft is only visible to its producer; active offers are listed and
 * can be bought; paused offers stay visible to their producer and can be activated again; archived
 * is final (orders keep pointing at the row).
 *
 *   draft  -> active | archived
 *   active -> paused | archived
 *   paused -> active | archived
 */
export const offerStatusTransitions: Record<OfferStatus, readonly OfferStatus[]> = {
  draft: ['active', 'archived'],
  active: ['paused', 'archived'],
  paused: ['active', 'archived'],
  archived: [],
};

export function canChangeOfferStatus(from: OfferStatus, to: OfferStatus): boolean {
  return offerStatusTransitions[from].includes(to);
}
