// What a proposed ranking would change, measured on the first offers of the marketplace: the share of
// ecological offers among the first 20, how concentrated the first 50 are on few producers (the
// Herfindahl-Hirschman index of their producers' shares: 1/n when n producers have equal shares, 1
// when one has all), the median distance of the first 20 from the viewer's place, and the offers
// that move most between the two orders.
import { ecologyAttributes } from './features';

export const previewEcologicalCount = 20;
export const previewConcentrationCount = 50;

export interface PreviewOffer {
  id: string;
  producerId: string;
  attributes: readonly string[];
  /** Null without a place, or for an offer without one. */
  distanceKm: number | null;
}

export interface PreviewMetrics {
  /** Share of the first 20 that declare at least one ecology attribute; null for no offers. */
  ecologicalShare: number | null;
  /** Herfindahl-Hirschman index of the producers of the first 50; null for no offers. */
  producerConcentration: number | null;
  /** Median distance of the first 20 in km; null without a place. */
  medianDistanceKm: number | null;
}

export interface PreviewMove {
  id: string;
  /** 1-based positions among the first 50; null where the offer is not among them. */
  positionNow: number | null;
  positionProposed: number | null;
}

const isEcological = (offer: PreviewOffer) => offer.attributes.some((attribute) => (ecologyAttributes as readonly string[]).includes(attribute));

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The metrics of one order's first offers (in order). */
export function previewMetrics(offers: readonly PreviewOffer[]): PreviewMetrics {
  const first = offers.slice(0, previewEcologicalCount);
  const top = offers.slice(0, previewConcentrationCount);
  const byProducer = new Map<string, number>();
  for (const offer of top) byProducer.set(offer.producerId, (byProducer.get(offer.producerId) ?? 0) + 1);
  const concentration = top.length === 0 ? null : [...byProducer.values()].reduce((sum, count) => sum + (count / top.length) ** 2, 0);
  return {
    ecologicalShare: first.length === 0 ? null : first.filter(isEcological).length / first.length,
    producerConcentration: concentration,
    medianDistanceKm: median(first.flatMap((offer) => (offer.distanceKm === null ? [] : [offer.distanceKm]))),
  };
}

/**
 * Every offer among the first 50 of either order with its two positions, those that move most first
 * (an offer leaving or entering the first 50 counts as moving to or from position 51).
 */
export function previewMoves(now: readonly string[], proposed: readonly string[]): PreviewMove[] {
  const positionIn = (ids: readonly string[]) => new Map(ids.slice(0, previewConcentrationCount).map((id, index) => [id, index + 1]));
  const [before, after] = [positionIn(now), positionIn(proposed)];
  const ids = [...new Set([...before.keys(), ...after.keys()])];
  const beyond = previewConcentrationCount + 1;
  const distance = (move: PreviewMove) => Math.abs((move.positionNow ?? beyond) - (move.positionProposed ?? beyond));
  return ids
    .map((id) => ({ id, positionNow: before.get(id) ?? null, positionProposed: after.get(id) ?? null }))
    .sort((a, b) => distance(b) - distance(a) || (a.positionProposed ?? beyond) - (b.positionProposed ?? beyond));
}
