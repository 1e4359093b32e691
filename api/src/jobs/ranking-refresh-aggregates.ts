// Recounts the ranking's stored aggregates (each category's median price, each producer's recent
// sales; see api/src/ranking/aggregates.ts), then computes the stored scores again when they are due
// (a new policy in force, an old or far-behind generation; see api/src/ranking/stored-scores.ts).
// Idempotent: a run writes what the data says at its time.
import { refreshRankingAggregates } from '../ranking/aggregates';
import { computeScoreGenerationIfDue } from '../ranking/stored-scores';
import { defineJob } from './definition';

export type RankingRefreshAggregatesPayload = Record<string, never>;

export const rankingRefreshAggregatesEveryMs = 60_000;

export const rankingRefreshAggregates = defineJob<RankingRefreshAggregatesPayload>({
  name: 'ranking-refresh-aggregates',
  attempts: 3,
  backoffMs: 10_000,
  timeoutMs: 15 * 60_000,
  async handle(_payload, { prisma }) {
    await prisma.$transaction((transaction) => refreshRankingAggregates(transaction));
    await computeScoreGenerationIfDue(prisma);
  },
});
