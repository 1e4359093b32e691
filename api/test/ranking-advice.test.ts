// The producer dashboard's ranking advice over GraphQL: each listed offer's score is the one "why
// here?" shows, its position is its place in the feed, and every hint is true: making the change it
// names raises the score by the gain it states. Features the producer cannot change are never hinted,
// and the score under an open ranking proposal follows that proposal's weights.
import type { Member, Offer } from '../../prisma/generated/client/client';
import { castVote } from '../src/governance/cast-vote';
import { closeProposal } from '../src/governance/close-proposal';
import { createProposal } from '../src/governance/create-proposal';
import { openVoting } from '../src/governance/open-voting';
import { refreshRankingAggregates } from '../src/ranking/aggregates';
import { explainValues } from '../src/ranking/explain';
import type { RankingFeature } from '../src/ranking/features';
import { foundingRanking, type RankingPolicy } from '../src/ranking/policy';
import { createTestApi, type ApiClient, type TestApi } from './support/api';
import { buildMember, buildOffer, logIn } from './support/builders';

const dayMs = 24 * 60 * 60_000;
const globalId = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString('base64');

/** The policy enacted for the test: every feature weighed, low-CO₂ transport not inside ecology. */
const enacted: RankingPolicy = {
  ...foundingRanking,
  weights: { ecology: 40, proximity: 10, reuse: 0, price: 10, rating: 10, recency: 20, smallProducer: 10, available: 10, text: 10 },
  ecologyAttributeWeights: { organic_certified: 40, regional: 30, packaging_free: 30, low_co2_transport: 0 },
};
/** An open proposal with the same feature definitions and other weights. */
const proposed: RankingPolicy = { ...enacted, weights: { ...enacted.weights, ecology: 80, recency: 5, price: 0 } };

const adviceQuery = `{
  myRankingAdvice {
    policyVersion
    openProposals { id title }
    offers {
      offer { id title }
      feedPosition
      explanation { policyVersion score features { feature value weight share contribution } }
      hints { kind feature gain attribute targetPrice categoryMedianPrice }
      proposedScores { proposal { id title } score }
    }
  }
}`;

type Hint = { kind: string; feature: string; gain: number; attribute: string | null; targetPrice: string | null; categoryMedianPrice: string | null };
type Advice = {
  offer: { id: string; title: string };
  feedPosition: number | null;
  explanation: { policyVersion: number; score: number; features: { feature: RankingFeature; value: number | null; weight: number; share: number; contribution: number }[] };
  hints: Hint[];
  proposedScores: { proposal: { id: string; title: string }; score: number }[];
};

describe('ranking advice for producers', () => {
  let api: TestApi;
  let producer: Member;
  let client: ApiClient;
  let plain: Offer;
  let rich: Offer;
  let proposalId: string;

  beforeAll(async () => {
    api = await createTestApi();
    const prisma = api.database.prisma;
    producer = await buildMember(api, { displayName: 'Hof Lindenhof', roles: ['member', 'producer'] });
    const other = await buildMember(api, { displayName: 'Hof Eiche', roles: ['member', 'producer'] });
    const voters: Member[] = [];
    for (let index = 0; index < 3; index += 1) voters.push(await buildMember(api, { displayName: `Mitglied ${index}` }));

    // The category's median is 3.00; the plain offer asks 4.00, is out of stock and declares only "regional".
    plain = await buildOffer(api, producer.id, { title: 'Äpfel Boskop', price: '4.00', stock: 0, ecologicalAttributes: ['regional'], createdAt: new Date(Date.now() - 20 * dayMs) });
    rich = await buildOffer(api, producer.id, { title: 'Bio-Birnen', price: '1.00', ecologicalAttributes: ['organic_certified', 'regional', 'packaging_free'] });
    for (const price of ['2.00', '3.00', '3.00', '5.00']) await buildOffer(api, other.id, { title: 'Obst', price, createdAt: new Date(Date.now() - 2 * dayMs) });
    await buildOffer(api, producer.id, { title: 'Pausiert', status: 'paused' });
    await refreshRankingAggregates(prisma);

    // The members enact the policy, then another ranking proposal opens for voting.
    const passed = await createProposal(prisma, voters[0]!, { kind: 'ranking', title: 'Alles gewichten', rationale: 'Jedes Merkmal zählt.', payload: enacted });
    const openedAt = new Date(Date.now() - 4 * dayMs);
    const open = await openVoting(api.services, voters[0]!, passed.id, { votingDays: 3 }, openedAt);
    for (const voter of voters) await castVote(prisma, voter, open.id, { choice: 'yes' }, new Date(openedAt.getTime() + 60 * 60_000));
    expect((await closeProposal(prisma, open.id)).closed).toBe(true);
    const next = await createProposal(prisma, voters[1]!, { kind: 'ranking', title: 'Noch ökologischer', rationale: 'Ökologie vor allem.', payload: proposed });
    proposalId = (await openVoting(api.services, voters[1]!, next.id, { votingDays: 3 })).id;

    client = await logIn(api, producer.email);
  });
  afterAll(() => api.close());

  async function advice(): Promise<{ policyVersion: number; openProposals: { id: string; title: string }[]; offers: Advice[] }> {
    const result = await client.graphql(adviceQuery);
    expect(result.errors).toBeUndefined();
    return result.data!.myRankingAdvice;
  }
  const adviceOf = (all: Advice[], offer: Offer) => all.find((entry) => entry.offer.id === globalId('Offer', offer.id))!;
  const hintOf = (entry: Advice, kind: string, attribute: string | null = null) => entry.hints.find((hint) => hint.kind === kind && hint.attribute === attribute);

  it('shows each active offer with the score "why here?" gives and its place in the feed', async () => {
    const result = await advice();
    expect(result.policyVersion).toBe(2);
    expect(result.offers.map((entry) => entry.offer.title)).toEqual(['Bio-Birnen', 'Äpfel Boskop']);
    const feed = await client.graphql(`{ offers(first: 50) { edges { node { id } } } }`);
    const feedIds: string[] = feed.data?.offers.edges.map((edge: { node: { id: string } }) => edge.node.id);
    for (const entry of result.offers) {
      const why = await client.graphql(`query($id: ID!) { node(id: $id) { ... on Offer { rankingExplanation { policyVersion score } } } }`, { id: entry.offer.id });
      expect(entry.explanation.policyVersion).toBe(2);
      expect(entry.explanation.score).toBeCloseTo(why.data?.node.rankingExplanation.score, 6);
      expect(entry.explanation.score).toBeCloseTo(entry.explanation.features.reduce((sum, feature) => sum + feature.contribution, 0), 12);
      expect(entry.feedPosition).toBe(feedIds.indexOf(entry.offer.id) + 1);
    }
  });

  it('hints only changes the producer can make, for weighted features and attributes the offer lacks', async () => {
    const entry = adviceOf((await advice()).offers, plain);
    const kinds = entry.hints.map((hint) => `${hint.kind}${hint.attribute ? `:${hint.attribute}` : ''}`).sort();
    // Not "regional" (declared), not low-CO₂ (no weight), not second-hand (reuse has no weight), and
    // never proximity, text relevance or the small-producer boost, though they are weighted.
    expect(kinds).toEqual(['collect_reviews', 'declare_ecology_attribute:organic_certified', 'declare_ecology_attribute:packaging_free', 'lower_price', 'recency_decays', 'restock']);
    expect(hintOf(entry, 'lower_price')).toMatchObject({ targetPrice: '3.00', categoryMedianPrice: '3.00' });
    expect(entry.hints.map((hint) => hint.gain)).toEqual([...entry.hints.map((hint) => hint.gain)].sort((a, b) => b - a));
    for (const hint of entry.hints) expect(hint.gain).toBeGreaterThan(0);
  });

  it('states gains that making the change really brings', async () => {
    const prisma = api.database.prisma;
    const before = adviceOf((await advice()).offers, plain);
    const declare = hintOf(before, 'declare_ecology_attribute', 'packaging_free')!;
    const restock = hintOf(before, 'restock')!;
    const price = hintOf(before, 'lower_price')!;

    await prisma.offer.update({ where: { id: plain.id }, data: { ecologicalAttributes: ['regional', 'packaging_free'] } });
    const declared = adviceOf((await advice()).offers, plain);
    expect(declared.explanation.score - before.explanation.score).toBeCloseTo(declare.gain, 4);
    expect(hintOf(declared, 'declare_ecology_attribute', 'packaging_free')).toBeUndefined();

    await prisma.offer.update({ where: { id: plain.id }, data: { stock: 12 } });
    const stocked = adviceOf((await advice()).offers, plain);
    expect(stocked.explanation.score - declared.explanation.score).toBeCloseTo(restock.gain, 4);
    expect(hintOf(stocked, 'restock')).toBeUndefined();

    await prisma.offer.update({ where: { id: plain.id }, data: { price: price.targetPrice! } });
    const cheaper = adviceOf((await advice()).offers, plain);
    expect(cheaper.explanation.score - stocked.explanation.score).toBeCloseTo(price.gain, 4);

    // Recency: a new offer would start with its full value.
    const recency = cheaper.explanation.features.find((feature) => feature.feature === 'recency')!;
    expect(hintOf(cheaper, 'recency_decays')!.gain).toBeCloseTo(recency.share * (1 - recency.value!), 4);
  });

  it('gives the score under the open ranking proposal', async () => {
    const result = await advice();
    expect(result.openProposals).toEqual([{ id: globalId('Proposal', proposalId), title: 'Noch ökologischer' }]);
    for (const entry of result.offers) {
      const values = Object.fromEntries(entry.explanation.features.map((feature) => [feature.feature, feature.value])) as Record<RankingFeature, number | null>;
      expect(entry.proposedScores).toHaveLength(1);
      expect(entry.proposedScores[0]!.proposal.title).toBe('Noch ökologischer');
      expect(entry.proposedScores[0]!.score).toBeCloseTo(explainValues(proposed, values).score, 10);
    }
    // The ecological offer gains under the proposal.
    const richEntry = adviceOf(result.offers, rich);
    expect(richEntry.proposedScores[0]!.score).toBeGreaterThan(richEntry.explanation.score);
  });

  it('is for producers only', async () => {
    const member = await buildMember(api, { displayName: 'Kundin' });
    const asMember = await logIn(api, member.email);
    expect((await asMember.graphql(adviceQuery)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.client().graphql(adviceQuery)).errors?.[0]?.extensions?.code).toMatch(/^(FORBIDDEN|UNAUTHENTICATED)$/);
  });
});
