// Serial cost of the marketplace search: runs the market benchmark's random term and filter
// combinations one after the other (no concurrency) through the search's entry point on a seeded benchmark
// database and prints the wall time per search (database plus the client's own work), with the
// slowest combinations. Two passes over the same searches: the first meets every search for the first
// time, the second repeats them (as the benchmark's callers do).
//
//   DATABASE_URL=postgresql://…/allmende_bench_market tsx scripts/bench/market-search-probe.ts [count] [seed]
//
// The database must hold the benchmark's data (npm run bench:market -- --keep-data leaves it).
import { openDatabase } from '../../api/src/db/client';
import { createOfferSearch, type OfferFilters } from '../../api/src/marketplace/search';
import { feedPageSize, randomSearchFilter } from './market-workloads';
import { seededRandom } from './market-words';
import { nowMs, percentile, round } from './measure';

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl || !databaseUrl.includes('bench')) throw new Error('Set DATABASE_URL to a seeded benchmark database');
  const count = Number(process.argv[2] ?? 300);
  const random = seededRandom(Number(process.argv[3] ?? 7));
  const database = await openDatabase({ databaseUrl, poolSize: 2 });
  const search = createOfferSearch({ prisma: database.prisma, readQuery: database.readQuery, listingCacheSeconds: 0 });
  try {
    const searches = Array.from({ length: count }, () => ({ filter: randomSearchFilter(random), nextPage: random() < 0.2 }));
    for (const pass of ['first', 'repeated']) {
      const samples: { ms: number; label: string }[] = [];
      for (const { filter, nextPage } of searches) {
        const started = nowMs();
        const page = await search.searchOffers(filter as OfferFilters, { first: feedPageSize });
        let label = JSON.stringify(filter);
        if (nextPage && page.hasNextPage) {
          await search.searchOffers(filter as OfferFilters, { first: feedPageSize, after: page.offers.at(-1)!.cursor });
          label += ' +page 2';
        }
        samples.push({ ms: nowMs() - started, label });
      }
      const sorted = samples.map((sample) => sample.ms).sort((a, b) => a - b);
      const total = sorted.reduce((sum, ms) => sum + ms, 0);
      console.log(
        `${pass} pass, ${count} searches: total ${round(total, 0)} ms, mean ${round(total / count, 2)}, p50 ${round(percentile(sorted, 0.5), 2)}, p90 ${round(percentile(sorted, 0.9), 2)}, p99 ${round(percentile(sorted, 0.99), 2)}, max ${round(sorted.at(-1)!, 2)} ms`,
      );
      const byShape = new Map<string, { count: number; ms: number; max: number }>();
      for (const [index, sample] of samples.entries()) {
        const shape = Object.keys(searches[index]!.filter).filter((key) => key !== 'query').join('+') || 'term only';
        const entry = byShape.get(shape) ?? { count: 0, ms: 0, max: 0 };
        byShape.set(shape, { count: entry.count + 1, ms: entry.ms + sample.ms, max: Math.max(entry.max, sample.ms) });
      }
      for (const [shape, entry] of [...byShape].sort((a, b) => b[1].ms - a[1].ms)) {
        console.log(`  ${shape}: ${entry.count} searches, ${round(entry.ms, 0)} ms in all, mean ${round(entry.ms / entry.count, 2)}, max ${round(entry.max, 1)} ms`);
      }
      for (const sample of [...samples].sort((a, b) => b.ms - a.ms).slice(0, 12)) console.log(`  ${round(sample.ms, 1)} ms  ${sample.label}`);
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
