// The surplus rule as a kind the members vote on: the founding rule keeps the whole fund, a proposal is
// checked against the kind's schema with typed field problems (through GraphQL too), the voting rules
// in force decide it although they were voted before the kind existed, and a passed vote enacts the
// new version, whose named accounts the governance sweep creates in the ledger.
import type { Member } from '../../prisma/generated/client/client';
import { castVote } from '../src/governance/cast-vote';
import { closeProposal } from '../src/governance/close-proposal';
import { createProposal } from '../src/governance/create-proposal';
import { openVoting } from '../src/governance/open-voting';
import { policyInForce } from '../src/governance/policies';
import { votingRulesOfLaterKinds } from '../src/governance/policy-kinds';
import { sweepProposals } from '../src/governance/sweep-proposals';
import { ValidationError } from '../src/errors';
import { foundingSurplus, surplusAccountCode, type SurplusPolicy } from '../src/surplus/policy';
import { cooperativeCurrency } from '../src/wallet/cooperative-currency';
import { createTestApi, type TestApi } from './support/api';
import { buildMember, logIn } from './support/builders';

const dayMs = 24 * 60 * 60_000;

const solidarity: SurplusPolicy = {
  period: 'quarterly',
  reserve: { kind: 'amount', amount: '500.00' },
  mix: { purchases: 50, sales: 20, equal: 20, accounts: [{ code: 'solidaritaet', name: 'Solidaritätsfonds', percent: 10 }] },
};

describe('surplus rule', () => {
  let api: TestApi;
  let members: Member[];

  beforeAll(async () => {
    api = await createTestApi();
    members = [];
    for (let index = 0; index < 5; index += 1) members.push(await buildMember(api, { displayName: `Mitglied ${index}` }));
  });
  afterAll(() => api.close());

  it('starts with the founding rule: monthly, the whole fund kept', async () => {
    const version = await policyInForce(api.database.prisma, 'surplus');
    expect({ version: version.version, payload: version.payload, proposalId: version.proposalId }).toEqual({ version: 1, payload: foundingSurplus, proposalId: null });
    expect((await policyInForce(api.database.prisma, 'voting_rules')).payload.rules.surplus).toEqual(votingRulesOfLaterKinds.surplus);
  });

  it('refuses a mix that does not sum to 100 %, a bad reserve and a named account twice, naming each field', async () => {
    const draft = (payload: unknown) => createProposal(api.database.prisma, members[0]!, { kind: 'surplus', title: 'Überschuss teilen', rationale: 'Der Fonds ist voll genug.', payload });
    const problemsOf = async (payload: unknown) => {
      const error = await draft(payload).then(
        () => null,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).fieldErrors.map(({ field, code, params }) => ({ field, code, params }));
    };
    expect(await problemsOf({ ...solidarity, mix: { ...solidarity.mix, purchases: 60 } })).toEqual([{ field: 'payload.mix', code: 'percentages_not_100', params: { sum: 110 } }]);
    expect(await problemsOf({ ...solidarity, reserve: { kind: 'share', share: '1.5' } })).toEqual([{ field: 'payload.reserve.share', code: 'out_of_range', params: { min: 0, max: 1 } }]);
    expect(await problemsOf({ ...solidarity, reserve: { kind: 'amount', amount: '12.345' } })).toEqual([{ field: 'payload.reserve.amount', code: 'too_many_decimals', params: { max: 2 } }]);
    const twice = { ...solidarity, mix: { ...solidarity.mix, purchases: 40, accounts: [...solidarity.mix.accounts, { ...solidarity.mix.accounts[0]! }] } };
    expect(await problemsOf(twice)).toEqual([{ field: 'payload.mix.accounts.1.code', code: 'invalid', params: {} }]);
    expect(await problemsOf({ ...solidarity, mix: { ...solidarity.mix, equal: 20.5 } })).toEqual([{ field: 'payload.mix.equal', code: 'not_whole_number', params: {} }]);
    expect(await api.database.prisma.proposal.count({ where: { kind: 'surplus' } })).toBe(0);
  });

  it('drafts a surplus proposal through GraphQL, with typed field errors for a bad one', async () => {
    const client = await logIn(api, members[1]!.email);
    const mutation = `mutation($input: CreateProposalInput!) { createProposal(input: $input) { __typename
      ... on MutationCreateProposalSuccess { data { proposed { ... on SurplusPolicy { period reserve { kind amount share } mix { purchases sales equal accounts { code name percent } } } } } }
      ... on ValidationError { fieldErrors { field code params { name value } } } } }`;
    const surplus = { period: 'quarterly', reserveKind: 'amount', reserveAmount: '500.00', purchases: 50, sales: 20, equal: 20, accounts: [{ code: 'solidaritaet', name: 'Solidaritätsfonds', percent: 10 }] };
    const input = (fields: object) => ({ kind: 'surplus', title: 'Überschuss teilen', rationale: 'Der Fonds ist voll genug.', payload: { surplus: { ...surplus, ...fields } } });
    const created = await client.graphql(mutation, { input: input({}) });
    expect(created.errors).toBeUndefined();
    expect(created.data?.createProposal.data.proposed).toEqual({
      period: 'quarterly',
      reserve: { kind: 'amount', amount: '500.00', share: null },
      mix: { purchases: 50, sales: 20, equal: 20, accounts: [{ code: 'solidaritaet', name: 'Solidaritätsfonds', percent: 10 }] },
    });
    const refused = await client.graphql(mutation, { input: input({ sales: 0 }) });
    expect(refused.data?.createProposal).toEqual({ __typename: 'ValidationError', fieldErrors: [{ field: 'payload.mix', code: 'percentages_not_100', params: [{ name: 'sum', value: '80' }] }] });
  });

  it('enacts a passed surplus proposal, and the sweep creates its named accounts once', async () => {
    const prisma = api.database.prisma;
    const [author, ...voters] = members;
    const proposal = await createProposal(prisma, author!, { kind: 'surplus', title: 'Überschuss teilen', rationale: 'Der Fonds ist voll genug.', payload: solidarity });
    const openedAt = new Date(Date.now() - 8 * dayMs);
    const open = await openVoting(api.services, author!, proposal.id, { votingDays: 7 }, openedAt);
    for (const voter of [author!, ...voters]) await castVote(prisma, voter, open.id, { choice: 'yes' }, new Date(openedAt.getTime() + 60 * 60_000));
    expect((await policyInForce(prisma, 'surplus')).version).toBe(1);
    expect((await closeProposal(prisma, open.id)).enacted).toEqual({ kind: 'surplus', version: 2 });
    const version = await policyInForce(prisma, 'surplus');
    expect({ version: version.version, payload: version.payload, proposalId: version.proposalId }).toEqual({ version: 2, payload: solidarity, proposalId: open.id });

    expect(await api.services.ledger.findAccountByCode(cooperativeCurrency.code, surplusAccountCode('solidaritaet'))).toBeNull();
    expect((await sweepProposals(api.services)).surplusAccountsApplied).toBe(1);
    const account = await api.services.ledger.findAccountByCode(cooperativeCurrency.code, surplusAccountCode('solidaritaet'));
    expect(account).toMatchObject({ type: 'system', name: 'Solidaritätsfonds', status: 'open' });
    expect((await sweepProposals(api.services)).surplusAccountsApplied).toBe(0);
  });
});
