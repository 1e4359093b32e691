// Preview before voting: the first offers under the ranking in force and under a proposed policy,
// side by side, with what changes (preview-metrics.ts). Nothing is enacted or stored.
import type { PrismaClient } from '../db/client';
import type { OfferFilters, OfferSearch } from '../marketplace/search';
import { parseInput } from '../shared/input';
import { rankingSchema, type RankingPolicy } from './policy';
import { previewMetrics, previewMoves, type PreviewMetrics, type PreviewMove, type PreviewOffer } from './preview-metrics';

export interface RankingPreviewSide {
  /** The first offers' ids, in order. */
  offerIds: string[];
  metrics: PreviewMetrics;
}

export interface RankingPreviewResult {
  policyVersion: number;
  asOf: Date;
  now: RankingPreviewSide;
  proposed: RankingPreviewSide;
  moves: PreviewMove[];
}

/** Throws ValidationError for a policy its schema refuses, and what searchOffers throws for the filters. */
export async function previewRanking(services: { prisma: PrismaClient; search: OfferSearch }, policyInput: unknown, filters: OfferFilters): Promise<RankingPreviewResult> {
  const policy = parseInput(rankingSchema, policyInput) as RankingPolicy;
  const preview = await services.search.previewRanking(filters, policy);
  const ids = [...new Set([...preview.now, ...preview.proposed])];
  const rows = await services.prisma.offer.findMany({ where: { id: { in: ids } }, select: { id: true, producerId: true, ecologicalAttributes: true } });
  const byId = new Map(rows.map((row): [string, PreviewOffer] => [row.id, { id: row.id, producerId: row.producerId, attributes: row.ecologicalAttributes, distanceKm: preview.distancesKm.get(row.id) ?? null }]));
  const side = (offerIds: string[]): RankingPreviewSide => ({ offerIds, metrics: previewMetrics(offerIds.flatMap((id) => byId.get(id) ?? [])) });
  return { policyVersion: preview.policyVersion, asOf: preview.asOf, now: side(preview.now), proposed: side(preview.proposed), moves: previewMoves(preview.now, preview.proposed) };
}
