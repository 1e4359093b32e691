// The ranking policy as a kind the members vote on: the founding version weighs recency alone, a
// proposal is checked against the kind's schema (through GraphQL too), the voting rules in force
// decide it although they were voted before the kind existed, and a passed vote enacts version 2.
import type { Member } from '../../prisma/generated/client/client';
import { castVote } from '../src/governance/cast-vote';
import { closeProposal } from '../src/governance/close-proposal';
import { createProposal } from '../src/governance/create-proposal';
import { openVoting } from '../src/governance/open-voting';
import { policyInForce } from '../src/governance/policies';
import { votingRulesOfLaterKinds } from '../src/governance/policy-kinds';
import { ValidationError } from '../src/errors';
import { foundingRanking } from '../src/ranking/policy';
import { createTestApi, type TestApi } from './support/api';
import { buildMember, logIn } from './support/builders';

const dayMs = 24 * 60 * 60_000;

const ecological = {
  ...foundingRanking,
  weights: { ...foundingRanking.weights, ecology: 50, reuse: 10, recency: 40 },
  ecologyAttributeWeights: { organic_certified: 40, regional: 30, packaging_free: 20, low_co2_transport: 10 },
};

describe('ranking policy', () => {
  let api: TestApi;
  let members: Member[];

  beforeAll(async () => {
    api = await createTestApi();
    members = [];
    for (let index = 0; index < 5; index += 1) members.push(await buildMember(api, { displayName: `Mitglied ${index}` }));
  });
  afterAll(() => api.close());

  it('starts with the founding version: recency alone', async () => {
    const version = await policyInForce(api.database.prisma, 'ranking');
    expect({ version: version.version, payload: version.payload, proposalId: version.proposalId }).toEqual({ version: 1, payload: foundingRanking, proposalId: null });
    const rules = (await policyInForce(api.database.prisma, 'voting_rules')).payload.rules;
    expect(rules.ranking).toEqual(votingRulesOfLaterKinds.ranking);
  });

  it('refuses a ranking without any weight, with an unknown feature or a fractional weight', async () => {
    const author = members[0]!;
    const draft = (payload: unknown) => createProposal(api.database.prisma, author, { kind: 'ranking', title: 'Ranking ändern', rationale: 'Ökologische Angebote zuerst.', payload });
    const zero = Object.fromEntries(Object.keys(foundingRanking.weights).map((feature) => [feature, 0]));
    await expect(draft({ ...foundingRanking, weights: zero })).rejects.toMatchObject({ constructor: ValidationError, fieldErrors: [{ field: 'payload.weights' }] });
    await expect(draft({ ...foundingRanking, weights: { ...foundingRanking.weights, paid: 5 } })).rejects.toBeInstanceOf(ValidationError);
    await expect(draft({ ...foundingRanking, weights: { ...foundingRanking.weights, ecology: 2.5 } })).rejects.toBeInstanceOf(ValidationError);
    expect(await api.database.prisma.proposal.count({ where: { kind: 'ranking' } })).toBe(0);
  });

  it('drafts a ranking proposal through GraphQL and shows the policy in force beside it', async () => {
    const author = members[1]!;
    const client = await logIn(api, author.email);
    const input = {
      kind: 'ranking',
      title: 'Ökologische Angebote zuerst',
      rationale: 'Wer ökologisch anbietet, soll gesehen werden.',
      payload: {
        ranking: {
          weights: Object.entries(ecological.weights).map(([feature, weight]) => ({ feature, weight })),
          ecologyAttributeWeights: Object.entries(ecological.ecologyAttributeWeights).map(([attribute, weight]) => ({ attribute, weight })),
          recencyHalfLifeDays: 30,
          proximityHalfDistanceKm: 25,
        },
      },
    };
    const settings = `... on RankingPolicy { weights { feature weight } ecologyAttributeWeights { attribute weight } recencyHalfLifeDays proximityHalfDistanceKm }`;
    const created = await client.graphql<{ createProposal: { __typename: string; data?: { proposed: { weights: { feature: string; weight: number }[] }; inForce: { weights: { feature: string; weight: number }[] } } } }>(
      `mutation($input: CreateProposalInput!) { createProposal(input: $input) { __typename ... on MutationCreateProposalSuccess { data { proposed { ${settings} } inForce { ${settings} } } } } }`,
      { input },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createProposal.__typename).toBe('MutationCreateProposalSuccess');
    const weightOf = (weights: { feature: string; weight: number }[] | undefined, feature: string) => weights?.find((entry) => entry.feature === feature)?.weight;
    expect(weightOf(created.data?.createProposal.data?.proposed.weights, 'ecology')).toBe(50);
    expect(weightOf(created.data?.createProposal.data?.inForce.weights, 'ecology')).toBe(0);
  });

  it('enacts a passed ranking proposal as version 2', async () => {
    const prisma = api.database.prisma;
    const [author, ...voters] = members;
    const proposal = await createProposal(prisma, author!, { kind: 'ranking', title: 'Ökologie gewichten', rationale: 'Ökologische Angebote zuerst zeigen.', payload: ecological });
    const openedAt = new Date(Date.now() - 4 * dayMs);
    const open = await openVoting(api.services, author!, proposal.id, { votingDays: 3 }, openedAt);
    for (const voter of [author!, ...voters]) await castVote(prisma, voter, open.id, { choice: 'yes' }, new Date(openedAt.getTime() + 60 * 60_000));
    expect((await closeProposal(prisma, open.id)).closed).toBe(true);
    const version = await policyInForce(prisma, 'ranking');
    expect({ version: version.version, payload: version.payload, proposalId: version.proposalId }).toEqual({ version: 2, payload: ecological, proposalId: open.id });
  });
});
