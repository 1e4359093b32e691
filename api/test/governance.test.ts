// Governance against a real database: admission, drafting, a frozen electorate, secret votes counted
// at the close, enactment of a passed policy, and that nothing else changes a rule.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { Decimal } from '@allmende/ledger';
import type { Member } from '../../prisma/generated/client/client';
import { castVote } from '../src/governance/cast-vote';
import { closeProposal } from '../src/governance/close-proposal';
import { createProposal } from '../src/governance/create-proposal';
import { NotAdmittedError, NotInElectorateError, NotProposalAuthorError, ProposalStatusError } from '../src/governance/errors';
import { openVoting } from '../src/governance/open-voting';
import { policyHistory, policyInForce } from '../src/governance/policies';
import { sweepProposals } from '../src/governance/sweep-proposals';
import { updateProposal } from '../src/governance/update-proposal';
import { ValidationError } from '../src/errors';
import { addToCart } from '../src/orders/cart';
import { acceptOrder, confirmOrder, fulfilOrder } from '../src/orders/order-lifecycle';
import { findMemberAccount } from '../src/wallet/ensure-member-account';
import { createTestApi, type TestApi } from './support/api';
import { buildMember, buildOffer, logIn } from './support/builders';
import { checkoutOrders } from './support/orders';

const dayMs = 24 * 60 * 60_000;

describe('governance', () => {
  let api: TestApi;
  let members: Member[];
  let board: Member;

  beforeAll(async () => {
    api = await createTestApi();
    board = await buildMember(api, { displayName: 'Vorstand', email: 'vorstand@example.org', roles: ['member', 'admin'] });
    members = [board];
    for (let index = 0; index < 9; index += 1) members.push(await buildMember(api, { displayName: `Wählerin ${index}` }));
  });
  afterAll(() => api.close());

  /** A proposal whose vote opened `daysAgo` days ago for `votingDays` days. */
  async function openProposal(author: Member, payload: unknown = { rate: '0.05' }, options: { kind?: string; daysAgo?: number; votingDays?: number } = {}) {
    const proposal = await createProposal(api.database.prisma, author, { kind: options.kind ?? 'contribution_rate', title: 'Beitrag anpassen', rationale: 'Damit der Fonds wächst.', payload });
    const votingDays = options.votingDays ?? 3;
    const openedAt = new Date(Date.now() - (options.daysAgo ?? 0) * dayMs);
    return openVoting(api.services, author, proposal.id, { votingDays }, openedAt);
  }

  /** A vote cast while the proposal's window was open (an hour after it opened). */
  const voteIn = (proposal: { id: string; votingOpensAt: Date | null }, voter: Member, choice: string) =>
    castVote(api.database.prisma, voter, proposal.id, { choice }, new Date(proposal.votingOpensAt!.getTime() + 60 * 60_000));

  const proposalQuery = `query($id: ID!) { node(id: $id) { ... on Proposal { status myVote hasVoted canVote turnout { voted electorate } result { yes no abstain endState } } } }`;

  it('checks a draft against its kind and lets only the author edit it', async () => {
    const [author, other] = members;
    const bad = createProposal(api.database.prisma, author!, { kind: 'contribution_rate', title: 'Beitrag', rationale: 'Zu kurz?', payload: { rate: '1.5' } });
    await expect(bad).rejects.toBeInstanceOf(ValidationError);
    await expect(createProposal(api.database.prisma, author!, { kind: 'voting_rules', title: 'Regeln ändern', rationale: 'Ohne Dreiviertelmehrheit.', payload: { rules: {} } })).rejects.toBeInstanceOf(ValidationError);
    const draft = await createProposal(api.database.prisma, author!, { kind: 'credit', title: 'Kreditrahmen erhöhen', rationale: 'Mehr Spielraum für alle.', payload: { creditLimit: '150.00', maximumBalance: null } });
    const foreign = updateProposal(api.database.prisma, other!, draft.id, { title: 'Fremd bearbeitet', rationale: 'Das darf nicht gehen.' });
    await expect(foreign).rejects.toThrow(NotProposalAuthorError);
    await expect(openVoting(api.services, author!, draft.id, { votingDays: 1 })).rejects.toBeInstanceOf(ValidationError);
    expect((await api.database.prisma.proposal.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe('draft');
  });

  it('counts each elector once, with the last choice, and keeps only receipts after the close', async () => {
    const [author, ...voters] = members;
    const proposal = await openProposal(author!, { rate: '0.04' }, { daysAgo: 2 });
    await castVote(api.database.prisma, voters[0]!, proposal.id, { choice: 'no' });
    await castVote(api.database.prisma, voters[0]!, proposal.id, { choice: 'yes' });
    await castVote(api.database.prisma, voters[1]!, proposal.id, { choice: 'abstain' });
    await castVote(api.database.prisma, voters[2]!, proposal.id, { choice: 'no' });
    // Voting closes a day from now: nothing is counted yet.
    expect((await closeProposal(api.database.prisma, proposal.id)).closed).toBe(false);
    const outcome = await closeProposal(api.database.prisma, proposal.id, new Date(Date.now() + 2 * dayMs));
    expect(outcome.result).toMatchObject({ yes: 1, no: 1, abstain: 1, electorate: 10, votesCast: 3, endState: 'rejected' });
    const votes = await api.database.prisma.vote.findMany({ where: { proposalId: proposal.id } });
    expect(votes).toHaveLength(3);
    expect(votes.every((vote) => vote.choice === null)).toBe(true);
    await expect(castVote(api.database.prisma, voters[3]!, proposal.id, { choice: 'yes' })).rejects.toBeInstanceOf(ProposalStatusError);
  });

  it('freezes the electorate when voting opens and keeps applicants out', async () => {
    const proposal = await openProposal(members[0]!, { rate: '0.035' });
    const latecomer = await buildMember(api, { displayName: 'Spät Dazu' });
    await expect(castVote(api.database.prisma, latecomer, proposal.id, { choice: 'yes' })).rejects.toBeInstanceOf(NotInElectorateError);
    const applicant = await buildMember(api, { displayName: 'Noch Nicht', status: 'applicant' });
    await expect(castVote(api.database.prisma, applicant, proposal.id, { choice: 'yes' })).rejects.toBeInstanceOf(NotAdmittedError);
    await expect(createProposal(api.database.prisma, applicant, { kind: 'resolution', title: 'Eine Resolution', rationale: 'Von einer Bewerberin.' })).rejects.toBeInstanceOf(NotAdmittedError);
    const client = await logIn(api, applicant.email);
    const vote = await client.graphql(`mutation($id: ID!) { castVote(proposalId: $id, choice: yes) { __typename } }`, { id: globalId(proposal.id) });
    expect(vote.errors?.[0]?.extensions?.code).toBe('NOT_ADMITTED');
    const cart = await client.graphql(`{ cart { total } }`);
    expect(cart.errors?.[0]?.extensions?.code).toBe('NOT_ADMITTED');
  });

  it('shows nobody a result or another member\'s choice before the close, whatever their role', async () => {
    const author = members[0]!;
    const proposal = await openProposal(author, { rate: '0.045' });
    const voter = members[4]!;
    await castVote(api.database.prisma, voter, proposal.id, { choice: 'yes' });
    const accountant = await buildMember(api, { displayName: 'Prüferin', roles: ['member', 'accountant'] });
    const viewers = [await logIn(api, board.email), await logIn(api, author.email), await logIn(api, accountant.email), api.client()];
    for (const client of viewers) {
      const result = await client.graphql(proposalQuery, { id: globalId(proposal.id) });
      expect(result.errors).toBeUndefined();
      expect(result.data?.node).toMatchObject({ status: 'voting', myVote: null, result: null, turnout: { voted: 1 } });
    }
    const own = await (await logIn(api, voter.email)).graphql(proposalQuery, { id: globalId(proposal.id) });
    expect(own.data?.node).toMatchObject({ myVote: 'yes', hasVoted: true, canVote: true, result: null });
    const byQuery = await viewers[0]!.graphql(`query($id: ID!) { proposal(id: $id) { status result { yes } } }`, { id: globalId(proposal.id) });
    expect(byQuery.data?.proposal).toEqual({ status: 'voting', result: null });
  });

  it('enacts a passed policy for the next sale, never for an order already placed', async () => {
    const prisma = api.database.prisma;
    const [author, ...voters] = members;
    const producer = await buildMember(api, { displayName: 'Hof Test', roles: ['member', 'producer'] });
    const buyer = await buildMember(api, { displayName: 'Käufer Test' });
    const offer = await buildOffer(api, producer.id, { price: '20.00', stock: null });
    const order = async (key: string) => {
      await addToCart(prisma, buyer.id, { offerId: offer.id, quantity: 1 });
      return (await checkoutOrders(api.services, buyer, { idempotencyKey: key, expectedPrices: [{ offerId: offer.id, price: '20.00' }] })).orders[0]!;
    };
    const settle = async (orderId: string) => {
      await acceptOrder(api.services, { id: producer.id, roles: ['member', 'producer'] }, orderId);
      await fulfilOrder(api.services, { id: producer.id, roles: ['member', 'producer'] }, orderId);
      return confirmOrder(api.services, { id: buyer.id, roles: ['member'] }, orderId);
    };
    const before = await order('governance-before-vote');
    const rateBefore = (await policyInForce(prisma, 'contribution_rate')).payload.rate;

    const proposal = await openProposal(author!, { rate: '0.05' }, { daysAgo: 3 });
    for (const voter of voters.slice(0, 6)) await voteIn(proposal, voter, 'yes');
    await voteIn(proposal, voters[6]!, 'no');
    // The close job and the sweep race: one of them closes, one version is enacted.
    const [first, second, sweep] = await Promise.all([closeProposal(prisma, proposal.id), closeProposal(prisma, proposal.id), sweepProposals(api.services)]);
    expect(Number(first.closed) + Number(second.closed) + sweep.closed).toBe(1);
    const history = await policyHistory(prisma, 'contribution_rate');
    expect(history.filter((version) => version.proposalId === proposal.id)).toHaveLength(1);
    expect((await policyInForce(prisma, 'contribution_rate')).payload.rate).toBe('0.05');

    const after = await order('governance-after-vote');
    expect((await settle(before.id)).contributionAmount?.toFixed(2)).toBe(new Decimal('20.00').times(rateBefore).toFixed(2));
    expect((await settle(after.id)).contributionAmount?.toFixed(2)).toBe('1.00');
  });

  it('gives every account the limit of a passed credit policy, without touching balances', async () => {
    const spender = members[7]!;
    const account = await findMemberAccount(api.services.ledger, spender.id);
    const proposal = await openProposal(members[0]!, { creditLimit: '40.00', maximumBalance: '500.00' }, { kind: 'credit', daysAgo: 3 });
    for (const voter of members.slice(1, 7)) await voteIn(proposal, voter, 'yes');
    const outcome = await sweepProposals(api.services);
    expect(outcome.closed).toBe(1);
    expect(outcome.creditAccountsChanged).toBeGreaterThan(0);
    const limits = await api.services.ledger.listAccounts({ limit: 1000 });
    const memberAccounts = limits.filter((candidate) => candidate.code?.startsWith('member:'));
    expect(memberAccounts.every((candidate) => candidate.creditLimit.toFixed(2) === '40.00' && candidate.maximumBalance?.toFixed(2) === '500.00')).toBe(true);
    if (account) expect(memberAccounts.some((candidate) => candidate.id === account.id)).toBe(true);
    // Applied once: the next sweep has nothing to do.
    expect((await sweepProposals(api.services)).creditAccountsChanged).toBe(0);
  });

  it('tallies any set of choices the way a recount of the last choices does', async () => {
    const prisma = api.database.prisma;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(members.length - 1), fc.constantFrom('yes', 'no', 'abstain')), { maxLength: 15 }), async (ballots) => {
        const proposal = await openProposal(members[0]!, { rate: '0.02' }, { daysAgo: 3 });
        const last = new Map<number, string>();
        for (const [index, choice] of ballots) {
          await voteIn(proposal, members[index]!, choice);
          last.set(index, choice);
        }
        const outcome = await closeProposal(prisma, proposal.id);
        const count = (choice: string) => [...last.values()].filter((value) => value === choice).length;
        expect(outcome.result).toMatchObject({ yes: count('yes'), no: count('no'), abstain: count('abstain'), votesCast: last.size, electorate: await prisma.proposalElector.count({ where: { proposalId: proposal.id } }) });
        expect(await prisma.vote.count({ where: { proposalId: proposal.id } })).toBe(last.size);
      }),
      { numRuns: 12 },
    );
  });

  it('admits and declines applicants through the board only, numbering members in order', async () => {
    const applicant = await buildMember(api, { displayName: 'Antje Antrag', status: 'applicant' });
    const other = await buildMember(api, { displayName: 'Bodo Bewerber', status: 'applicant' });
    const memberClient = await logIn(api, members[1]!.email);
    const refused = await memberClient.graphql(`mutation($id: ID!) { admitMember(memberId: $id) { __typename } }`, { id: memberGlobalId(applicant.id) });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const boardClient = await logIn(api, board.email);
    const queue = await boardClient.graphql(`{ membershipApplications { edges { node { displayName } } } }`);
    expect(queue.data?.membershipApplications.edges.map((edge: { node: { displayName: string } }) => edge.node.displayName)).toEqual(expect.arrayContaining(['Antje Antrag', 'Bodo Bewerber']));
    const admitted = await boardClient.graphql(`mutation($id: ID!) { admitMember(memberId: $id) { __typename ... on MutationAdmitMemberSuccess { data { status memberNumber } } } }`, { id: memberGlobalId(applicant.id) });
    const maxNumber = (await api.database.prisma.member.aggregate({ _max: { memberNumber: true } }))._max.memberNumber;
    expect(admitted.data?.admitMember.data).toEqual({ status: 'admitted', memberNumber: maxNumber });
    const again = await boardClient.graphql(`mutation($id: ID!) { admitMember(memberId: $id) { __typename } }`, { id: memberGlobalId(applicant.id) });
    expect(again.data?.admitMember.__typename).toBe('ApplicationNotPendingError');
    const noReason = await boardClient.graphql(`mutation($id: ID!) { declineMember(memberId: $id, reason: "") { __typename } }`, { id: memberGlobalId(other.id) });
    expect(noReason.data?.declineMember.__typename).toBe('ValidationError');
    await boardClient.graphql(`mutation($id: ID!) { declineMember(memberId: $id, reason: "Bitte zuerst ein Gespräch.") { __typename } }`, { id: memberGlobalId(other.id) });
    const otherClient = await logIn(api, other.email);
    expect((await otherClient.graphql(`{ me { status declineReason } }`)).data?.me).toEqual({ status: 'declined', declineReason: 'Bitte zuerst ein Gespräch.' });
    const notices = await otherClient.graphql(`{ notifications { edges { node { kind } } } }`);
    expect(notices.data?.notifications.edges).toEqual([{ node: { kind: 'membership_declined' } }]);
    expect((await otherClient.graphql(`{ cart { total } }`)).errors?.[0]?.extensions?.code).toBe('NOT_ADMITTED');
    const csv = await boardClient.graphql(`{ memberRegisterCsv }`);
    expect(csv.data?.memberRegisterCsv).toMatch(/^member_number,name,status,admitted_on,applied_on,left_on\r\n1,Vorstand,admitted,/);
  });

  it('has no way to write a policy but closing a passed proposal', () => {
    // Every statement in the API's source that writes policy versions.
    const writers: string[] = [];
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder)) {
        const full = path.join(folder, entry);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.ts$/.test(entry) && !/\.test\.ts$/.test(entry) && /policyVersion\.(create|update|upsert|delete)|"PolicyVersion"/.test(readFileSync(full, 'utf8'))) {
          writers.push(path.relative(path.join(__dirname, '../src'), full));
        }
      }
    };
    walk(path.join(__dirname, '../src'));
    // The close, the credit policy's and the surplus rule's applied marks, and the demo's history.
    expect(writers.sort()).toEqual(['governance/apply-credit-policy.ts', 'governance/apply-surplus-policy.ts', 'governance/close-proposal.ts', 'seed/seed-demo-vote.ts']);
  });
});

function globalId(proposalId: string): string {
  return Buffer.from(`Proposal:${proposalId}`).toString('base64');
}

function memberGlobalId(memberId: string): string {
  return Buffer.from(`Member:${memberId}`).toString('base64');
}
