// Preview before voting: the first offers under the ranking in force and under a proposed policy.
import { builder } from '../builder';
import { ValidationError } from '../errors';
import { NotFoundError } from '../marketplace/errors';
import { previewRanking, type RankingPreviewResult, type RankingPreviewSide } from '../ranking/preview-ranking';
import type { PreviewMetrics, PreviewMove } from '../ranking/preview-metrics';
import { rowIdOf } from '../shared/global-id';
import { OfferFilterInput, OfferType } from './offer';
import { RankingInput, rankingPayloadOf } from './ranking';

/** The offers of one preview, loaded once for all its fields. */
type Loaded = { offers: (ids: string[]) => Promise<unknown[]> };

const PreviewMetricsType = builder.objectRef<PreviewMetrics>('RankingPreviewMetrics').implement({
  fields: (t) => ({
    ecologicalShare: t.float({ nullable: true, description: 'Share of the first 20 offers that declare an ecology attribute, 0 to 1.', resolve: (metrics) => metrics.ecologicalShare }),
    producerConcentration: t.float({
      nullable: true,
      description: "Herfindahl index of the producers of the first 50 offers: the sum of each producer's squared share, 1/n for n equal producers, 1 for one.",
      resolve: (metrics) => metrics.producerConcentration,
    }),
    medianDistanceKm: t.float({ nullable: true, description: "Median distance of the first 20 offers from the filter's place; null without one.", resolve: (metrics) => metrics.medianDistanceKm }),
  }),
});

const PreviewSideType = builder.objectRef<RankingPreviewSide & Loaded>('RankingPreviewSide').implement({
  fields: (t) => ({
    offers: t.field({
      type: [OfferType],
      args: { first: t.arg.int({ defaultValue: 20, description: 'At most 50.' }) },
      description: 'The first offers in this order.',
      resolve: (side, args) => side.offers(side.offerIds.slice(0, Math.min(Math.max(args.first ?? 20, 0), 50))) as never,
    }),
    metrics: t.field({ type: PreviewMetricsType, resolve: (side) => side.metrics }),
  }),
});

const PreviewMoveType = builder.objectRef<PreviewMove & Loaded>('RankingPreviewMove').implement({
  fields: (t) => ({
    offer: t.field({ type: OfferType, resolve: async (move) => (await move.offers([move.id]))[0] as never }),
    positionNow: t.int({ nullable: true, description: 'Position among the first 50 now; null beyond.', resolve: (move) => move.positionNow }),
    positionProposed: t.int({ nullable: true, description: 'Position among the first 50 under the proposal; null beyond.', resolve: (move) => move.positionProposed }),
  }),
});

const OffersPreviewType = builder.objectRef<RankingPreviewResult & Loaded>('OffersPreview').implement({
  description: 'The first offers under the ranking in force and under a proposed policy, side by side, and what changes. Nothing is enacted.',
  fields: (t) => ({
    policyVersion: t.exposeInt('policyVersion', { description: 'The version of the ranking in force it is compared with.' }),
    asOf: t.field({ type: 'DateTime', resolve: (preview) => preview.asOf }),
    now: t.field({ type: PreviewSideType, resolve: (preview) => ({ ...preview.now, offers: preview.offers }) }),
    proposed: t.field({ type: PreviewSideType, resolve: (preview) => ({ ...preview.proposed, offers: preview.offers }) }),
    moves: t.field({
      type: [PreviewMoveType],
      args: { first: t.arg.int({ defaultValue: 10, description: 'At most 100.' }), producer: t.arg.id({ description: "Only this producer's offers (a Member id)." }) },
      description: 'Offers among the first 50 of either order, those that move most first.',
      resolve: async (preview, args) => {
        let moves = preview.moves;
        if (args.producer) {
          const producerId = rowIdOf(String(args.producer), ['Member']);
          const rows = (await preview.offers(moves.map((move) => move.id))) as { id: string; producerId: string }[];
          const own = new Set(rows.filter((row) => row.producerId === producerId).map((row) => row.id));
          moves = moves.filter((move) => own.has(move.id));
        }
        return moves.slice(0, Math.min(Math.max(args.first ?? 10, 0), 100)).map((move) => ({ ...move, offers: preview.offers }));
      },
    }),
  }),
});

builder.queryField('offersPreview', (t) =>
  t.field({
    type: OffersPreviewType,
    description: 'Ranks the offers matching the filter under a proposed ranking policy, beside the ranking in force, without enacting it.',
    args: { policy: t.arg({ type: RankingInput, required: true }), filter: t.arg({ type: OfferFilterInput }) },
    errors: { types: [ValidationError, NotFoundError] },
    resolve: async (_root, args, context) => {
      const filter = args.filter ?? {};
      const preview = await previewRanking(context, rankingPayloadOf(args.policy), { ...filter, producer: filter.producer == null ? null : String(filter.producer) });
      // Every offer any field of the preview shows, loaded once, in the order asked for.
      let all: Promise<Map<string, { id: string }>> | undefined;
      const offers = async (ids: string[]) => {
        all ??= context.prisma.offer
          .findMany({ where: { id: { in: [...new Set([...preview.now.offerIds, ...preview.proposed.offerIds])] } } })
          .then((rows) => new Map(rows.map((row) => [row.id, row])));
        const found = await all;
        return ids.flatMap((id) => found.get(id) ?? []);
      };
      return { ...preview, offers };
    },
  }),
);
