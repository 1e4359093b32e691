// Data-use requests decided by the members' vote: the public form's typed errors, the verification
// link (single use, expiring), nobody granting without a vote, the access token seeing only the
// approved tables (with the k suppression, without opted-out members), stopping at expiry and at a
// revocation by vote, the query log for members, and the data policy's k as a voted policy.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Member, Offer } from '../../prisma/generated/client/client';
import { dataUseAccessesIncluding } from '../src/data-use/accesses-including-member';
import { setDataUseOptOut } from '../src/data-use/opt-out';
import { sendDataUseEmails } from '../src/data-use/send-data-use-emails';
import { dataUseTokenHash } from '../src/data-use/tokens';
import { ValidationError } from '../src/errors';
import { castVote } from '../src/governance/cast-vote';
import { closeProposal } from '../src/governance/close-proposal';
import { createProposal } from '../src/governance/create-proposal';
import { NotProposalAuthorError } from '../src/governance/errors';
import { openVoting } from '../src/governance/open-voting';
import { policyInForce } from '../src/governance/policies';
import { votingRulesOfLaterKinds } from '../src/governance/policy-kinds';
import { withdrawProposal } from '../src/governance/withdraw-proposal';
import { expireEndedData } from '../src/my-data/expire-ended-data';
import { createHttpServer } from '../src/server';
import { minimumGroupSize } from '../src/statistics/minimum-group-size';
import { monthOf } from '../src/statistics/open-statistics';
import { createTestApi, type TestApi } from './support/api';
import { buildMember, buildOffer, logIn } from './support/builders';
import { decodeEml } from './support/mail';

const dayMs = 24 * 60 * 60_000;

const requestMutation = `mutation($input: DataUseRequestInput!) { requestDataUse(input: $input) { __typename
  ... on MutationRequestDataUseSuccess { data } ... on ValidationError { fieldErrors { field code params { name value } } } } }`;
const verifyMutation = `mutation($token: String!) { verifyDataUseRequest(token: $token) { __typename
  ... on MutationVerifyDataUseRequestSuccess { data { status proposal { id kind status author { id } } } } ... on Error { code } } }`;

const validRequest = {
  requesterName: 'Dr. Ida Forsch',
  organisation: 'Institut für Regionalökonomie',
  email: 'Ida.Forsch@Example.org',
  purpose: 'Wir untersuchen, wie regionale Tauschringe den Absatz kleiner Höfe verändern.',
  tables: ['tradeVolume', 'traders'],
  grouping: 'category',
  durationDays: 30,
  locale: 'de',
};

describe('data-use requests', () => {
  let api: TestApi;
  let outboxDir: string;
  let baseUrl: string;
  let server: ReturnType<typeof createHttpServer>;
  let members: Member[];
  let farm: Member;
  let vegetables: Offer;
  let token: string;
  let requestId: string;
  const thisMonth = monthOf(new Date());

  beforeAll(async () => {
    outboxDir = mkdtempSync(path.join(tmpdir(), 'allmende-data-use-outbox-'));
    api = await createTestApi({ MAIL_OUTBOX_DIR: outboxDir, PUBLIC_URL: 'https://markt.example.org/' });
    server = createHttpServer(api.services);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { prisma } = api.database;
    farm = await buildMember(api, { displayName: 'Hof Groß', roles: ['member', 'producer'] });
    vegetables = await buildOffer(api, farm.id, { title: 'Möhren', categoryCode: 'food.vegetables', price: '2.00' });
    members = [];
    for (let index = 0; index < 12; index += 1) members.push(await buildMember(api, { displayName: `Käuferin ${index}` }));
    // Twelve buyers of vegetables: 13 members in the cell, 24.00 in all.
    for (const [index, buyer] of members.entries()) {
      await prisma.order.create({
        data: {
          buyerId: buyer.id,
          producerId: farm.id,
          checkoutKey: `data-use-${index}`,
          status: 'confirmed',
          total: '2.00',
          closedAt: new Date(),
          items: { create: [{ offerId: vegetables.id, title: vegetables.title, unit: 'Stück', unitPrice: '2.00', quantity: 1, lineTotal: '2.00' }] },
        },
      });
    }
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await api.close();
  });

  const outbox = () => readdirSync(outboxDir).sort();

  /** Sends the pending e-mails and returns the text of the one that was added. */
  async function mailed(): Promise<string> {
    const before = new Set(outbox());
    await sendDataUseEmails(api.database.prisma, api.services.mailer);
    const added = outbox().filter((name) => !before.has(name));
    expect(added).toHaveLength(1);
    return decodeEml(readFileSync(path.join(outboxDir, added[0]!), 'utf8'));
  }

  async function fileRequest(fields: Partial<typeof validRequest> = {}): Promise<string> {
    const answer = await api.client().graphql(requestMutation, { input: { ...validRequest, ...fields } });
    expect(answer.data?.requestDataUse).toEqual({ __typename: 'MutationRequestDataUseSuccess', data: true });
    const text = await mailed();
    const match = /https:\/\/markt\.example\.org\/data-use\/verify\?token=([A-Za-z0-9_-]+)/.exec(text);
    expect(match).not.toBeNull();
    return match![1]!;
  }

  async function query(table: string, bearer: string | null = token): Promise<{ status: number; body: any }> {
    const response = await fetch(`${baseUrl}/data-use/${table}.json`, { headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` } });
    return { status: response.status, body: await response.json() };
  }

  it('refuses a bad request with typed field errors and stores nothing', async () => {
    const answer = await api.client().graphql(requestMutation, {
      input: { ...validRequest, email: 'keine-adresse', purpose: 'kurz', tables: [], durationDays: 0, organisation: ' ' },
    });
    expect(answer.data?.requestDataUse.__typename).toBe('ValidationError');
    const problems = Object.fromEntries((answer.data?.requestDataUse.fieldErrors as { field: string; code: string }[]).map(({ field, code }) => [field, code]));
    expect(problems).toEqual({ email: 'invalid_email', purpose: 'too_short', tables: 'required', durationDays: 'too_small', organisation: 'required' });
    const tooLong = await api.client().graphql(requestMutation, { input: { ...validRequest, durationDays: 366 } });
    expect(tooLong.data?.requestDataUse.fieldErrors).toEqual([{ field: 'durationDays', code: 'too_large', params: [{ name: 'max', value: '365' }] }]);
    expect(await api.database.prisma.dataUseRequest.count()).toBe(0);
  });

  it('puts a request to the vote only by its verification link, which works once and expires', async () => {
    const { prisma } = api.database;
    const verification = await fileRequest();
    const stored = await prisma.dataUseRequest.findFirstOrThrow();
    requestId = stored.id;
    expect(stored).toMatchObject({ status: 'unverified', email: 'ida.forsch@example.org', proposalId: null, verificationTokenHash: dataUseTokenHash(verification) });
    expect(await prisma.proposal.count({ where: { kind: 'data_use' } })).toBe(0);

    const unknown = await api.client().graphql(verifyMutation, { token: 'x'.repeat(43) });
    expect(unknown.data?.verifyDataUseRequest).toEqual({ __typename: 'InvalidVerificationLinkError', code: 'invalid_verification_link' });

    const verified = await api.client().graphql(verifyMutation, { token: verification });
    expect(verified.errors).toBeUndefined();
    const data = verified.data?.verifyDataUseRequest.data as { status: string; proposal: { kind: string; status: string; author: null } };
    expect(data).toMatchObject({ status: 'voting', proposal: { kind: 'data_use', status: 'voting', author: null } });
    const proposal = await prisma.proposal.findFirstOrThrow({ where: { kind: 'data_use' } });
    expect(proposal.votingClosesAt!.getTime() - proposal.votingOpensAt!.getTime()).toBe(votingRulesOfLaterKinds.data_use!.votingDaysMin * dayMs);
    expect(await prisma.proposalElector.count({ where: { proposalId: proposal.id } })).toBe(13);

    const again = await api.client().graphql(verifyMutation, { token: verification });
    expect(again.data?.verifyDataUseRequest.code).toBe('invalid_verification_link');
    expect(await prisma.proposal.count({ where: { kind: 'data_use' } })).toBe(1);

    const late = await fileRequest({ organisation: 'Spätes Institut' });
    await prisma.dataUseRequest.updateMany({ where: { organisation: 'Spätes Institut' }, data: { verificationExpiresAt: new Date(Date.now() - 1000) } });
    const expired = await api.client().graphql(verifyMutation, { token: late });
    expect(expired.data?.verifyDataUseRequest.code).toBe('invalid_verification_link');
    expect(await prisma.dataUseRequest.findFirstOrThrow({ where: { organisation: 'Spätes Institut' } })).toMatchObject({ status: 'unverified', proposalId: null });
    // A request whose link expired unused is deleted by the retention job; the verified one stays.
    expect(await expireEndedData(prisma, { notificationRetentionDays: 180, outboxDir: undefined, outboxRetentionDays: 30 })).toMatchObject({ unverifiedDataUseRequests: 1 });
    expect(await prisma.dataUseRequest.count()).toBe(1);
  });

  it('lets no role grant a request without the vote', async () => {
    const { prisma } = api.database;
    const admin = await buildMember(api, { displayName: 'Vorstand', roles: ['member', 'admin'] });
    const drafted = await createProposal(prisma, admin, { kind: 'data_use', title: 'Daten freigeben', rationale: 'Der Vorstand gibt die Daten frei.', payload: { requestId } }).catch((error: unknown) => error);
    expect(drafted).toBeInstanceOf(ValidationError);
    expect((drafted as ValidationError).fieldErrors.map(({ field, code }) => ({ field, code }))).toEqual([{ field: 'kind', code: 'invalid_choice' }]);
    const proposal = await prisma.proposal.findFirstOrThrow({ where: { kind: 'data_use' } });
    // Nobody is its author, so nobody can withdraw it either.
    await expect(withdrawProposal(prisma, admin, proposal.id)).rejects.toBeInstanceOf(NotProposalAuthorError);
    // A revocation can only name a granted request.
    await expect(createProposal(prisma, admin, { kind: 'data_use_revocation', title: 'Zugang widerrufen', rationale: 'Der Zugang soll enden.', payload: { requestId } })).rejects.toBeInstanceOf(ValidationError);
    // Closing before the deadline changes nothing; no token exists before the vote.
    expect((await closeProposal(prisma, proposal.id)).closed).toBe(false);
    expect(await prisma.dataUseRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: 'voting', accessTokenHash: null });
    expect((await query('tradeVolume', 'a'.repeat(43))).status).toBe(401);
  });

  it('grants a passed request, mails the token once and answers only the approved tables', async () => {
    const { prisma } = api.database;
    const proposal = await prisma.proposal.findFirstOrThrow({ where: { kind: 'data_use' } });
    for (const voter of members.slice(0, 8)) await castVote(prisma, voter, proposal.id, { choice: 'yes' });
    const closedAt = new Date(proposal.votingClosesAt!.getTime() + 1000);
    expect(await closeProposal(prisma, proposal.id, closedAt)).toMatchObject({ closed: true, dataUse: 'granted' });
    const granted = await prisma.dataUseRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(granted).toMatchObject({ status: 'granted', grantedAt: closedAt, expiresAt: new Date(closedAt.getTime() + 30 * dayMs) });

    const text = await mailed();
    token = /\n([A-Za-z0-9_-]{43})\n/.exec(text)![1]!;
    expect(text).toContain('https://markt.example.org/data-use/tradeVolume.json');
    expect((await prisma.dataUseRequest.findUniqueOrThrow({ where: { id: requestId } })).accessTokenHash).toBe(dataUseTokenHash(token));
    await sendDataUseEmails(prisma, api.services.mailer);
    expect(outbox().filter((name) => name.includes('data-use-access'))).toHaveLength(1);

    const volume = await query('tradeVolume');
    expect(volume.status).toBe(200);
    expect(volume.body).toMatchObject({ request: requestId, grouping: 'category', minimumGroupSize: 10, table: { name: 'tradeVolume', unit: 'amount' } });
    const table = volume.body.table as { rows: string[]; columns: string[]; cells: (string | null)[][] };
    expect(table.columns).toContain('food.vegetables');
    expect(table.cells[table.rows.indexOf(thisMonth)]![table.columns.indexOf('food.vegetables')]).toBe('24.00');

    expect(await query('ecologicalSales')).toEqual({ status: 403, body: { error: 'table_not_approved', message: expect.any(String) } });
    expect((await query('nothing')).body.error).toBe('unknown_table');
    expect((await query('tradeVolume', null)).body.error).toBe('missing_token');
    expect((await query('tradeVolume', 'b'.repeat(43))).body.error).toBe('unknown_token');
    // Every query of the known token is logged, the refused ones with their reason.
    const logged = await prisma.dataUseQuery.findMany({ where: { requestId }, orderBy: { at: 'asc' } });
    expect(logged.map(({ table: name, refusal }) => ({ name, refusal }))).toEqual([
      { name: 'tradeVolume', refusal: null },
      { name: 'ecologicalSales', refusal: 'table_not_approved' },
      { name: 'nothing', refusal: 'unknown_table' },
    ]);
    expect(logged[0]).toMatchObject({ rowCount: 12 });
    expect(logged[0]!.cellCount).toBe(12 * table.columns.length + 12 + table.columns.length + 1);
  });

  it('computes the answers without members who opted out, and tells members which accesses included them', async () => {
    const { prisma } = api.database;
    const leaving = members[11]!;
    await setDataUseOptOut(prisma, leaving, true);
    const volume = await query('tradeVolume');
    const table = volume.body.table as { rows: string[]; columns: string[]; cells: (string | null)[][] };
    expect(table.cells[table.rows.indexOf(thisMonth)]![table.columns.indexOf('food.vegetables')]).toBe('22.00');
    // The open statistics count everyone.
    const open = await api.client().graphql(`{ openStatistics { tables { name rows { label values } columns } } }`);
    const openVolume = (open.data?.openStatistics.tables as { name: string; columns: string[]; rows: { label: string; values: string[] }[] }[]).find((entry) => entry.name === 'tradeVolume')!;
    expect(openVolume.rows.find((row) => row.label === thisMonth)!.values[openVolume.columns.indexOf('food')]).toBe('24.00');

    const included = await dataUseAccessesIncluding(prisma, leaving);
    expect(included.map((access) => access.table)).toEqual(['tradeVolume']);
    expect(included[0]!.request).toMatchObject({ id: requestId, organisation: validRequest.organisation });
    expect(await dataUseAccessesIncluding(prisma, members[0]!)).toHaveLength(2);
    await setDataUseOptOut(prisma, leaving, false);
    await query('traders');
    expect(await dataUseAccessesIncluding(prisma, leaving)).toHaveLength(2);
  });

  it('shows members the grants with their queries, the requester name to members only', async () => {
    const member = await logIn(api, members[0]!.email);
    const grants = await member.graphql(`{ dataUseGrants { edges { node { organisation requesterName status queryCount queries { table cellCount } proposal { kind } } } } }`);
    expect(grants.errors).toBeUndefined();
    expect(grants.data?.dataUseGrants.edges).toEqual([
      {
        node: {
          organisation: validRequest.organisation,
          requesterName: validRequest.requesterName,
          status: 'granted',
          queryCount: 5,
          queries: expect.arrayContaining([expect.objectContaining({ table: 'traders' })]),
          proposal: { kind: 'data_use' },
        },
      },
    ]);
    const visitor = await api.client().graphql(`{ dataUseGrants { edges { node { organisation } } } }`);
    expect(visitor.data?.dataUseGrants ?? null).toBeNull();
    const proposal = await api.database.prisma.proposal.findFirstOrThrow({ where: { kind: 'data_use' } });
    const page = await api.client().graphql(`query($id: ID!) { proposal(id: $id) { dataUseRequest { organisation requesterName tables grouping durationDays queryCount } } }`, {
      id: Buffer.from(`Proposal:${proposal.id}`).toString('base64'),
    });
    expect(page.data?.proposal.dataUseRequest).toEqual({ organisation: validRequest.organisation, requesterName: null, tables: ['tradeVolume', 'traders'], grouping: 'category', durationDays: 30, queryCount: 0 });
  });

  it('stops answering when the approved duration has ended', async () => {
    const { prisma } = api.database;
    const { expiresAt } = await prisma.dataUseRequest.findUniqueOrThrow({ where: { id: requestId } });
    await prisma.dataUseRequest.update({ where: { id: requestId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await query('tradeVolume')).toEqual({ status: 403, body: { error: 'expired', message: expect.any(String) } });
    expect(await prisma.dataUseQuery.findFirst({ where: { requestId }, orderBy: { at: 'desc' } })).toMatchObject({ refusal: 'expired', cellCount: 0 });
    await prisma.dataUseRequest.update({ where: { id: requestId }, data: { expiresAt } });
    expect((await query('tradeVolume')).status).toBe(200);
  });

  it('revokes the access when a later vote passes', async () => {
    const { prisma } = api.database;
    const author = members[0]!;
    const revocation = await createProposal(prisma, author, { kind: 'data_use_revocation', title: 'Zugang des Instituts widerrufen', rationale: 'Die Studie ist abgeschlossen.', payload: { requestId } });
    const opened = await openVoting(api.services, author, revocation.id, { votingDays: 7 });
    for (const voter of members.slice(0, 8)) await castVote(prisma, voter, opened.id, { choice: 'yes' });
    expect((await query('tradeVolume')).status).toBe(200);
    expect(await closeProposal(prisma, opened.id, new Date(opened.votingClosesAt!.getTime() + 1000))).toMatchObject({ closed: true, dataUse: 'revoked' });
    expect(await prisma.dataUseRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: 'revoked', revokedByProposalId: opened.id });
    expect(await query('tradeVolume')).toEqual({ status: 403, body: { error: 'revoked', message: expect.any(String) } });
  });
});

describe('data policy', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('starts at k = 10, refuses a k below 5 with a typed error, and a passed vote changes the k everything reads', async () => {
    const { prisma } = api.database;
    expect(await minimumGroupSize(prisma)).toBe(10);
    expect((await policyInForce(prisma, 'voting_rules')).payload.rules.data).toEqual(votingRulesOfLaterKinds.data);
    const voters: Member[] = [];
    for (let index = 0; index < 5; index += 1) voters.push(await buildMember(api));
    const refused = await createProposal(prisma, voters[0]!, { kind: 'data', title: 'Kleinere Gruppen', rationale: 'Wir wollen mehr Zahlen sehen.', payload: { minimumGroupSize: 3 } }).catch((error: unknown) => error);
    expect((refused as ValidationError).fieldErrors.map(({ field, code, params }) => ({ field, code, params }))).toEqual([{ field: 'payload.minimumGroupSize', code: 'too_small', params: { min: 5 } }]);
    const client = await logIn(api, voters[0]!.email);
    const created = await client.graphql(
      `mutation($input: CreateProposalInput!) { createProposal(input: $input) { __typename ... on MutationCreateProposalSuccess { data { id proposed { ... on DataPolicy { minimumGroupSize } } inForce { ... on DataPolicy { minimumGroupSize } } } } } }`,
      { input: { kind: 'data', title: 'Größere Gruppen', rationale: 'Mehr Schutz für kleine Höfe.', payload: { data: { minimumGroupSize: 15 } } } },
    );
    const proposal = created.data?.createProposal.data as { id: string; proposed: object; inForce: object };
    expect(proposal).toMatchObject({ proposed: { minimumGroupSize: 15 }, inForce: { minimumGroupSize: 10 } });
    const row = await prisma.proposal.findFirstOrThrow({ where: { kind: 'data' } });
    const opened = await openVoting(api.services, voters[0]!, row.id, { votingDays: 7 });
    for (const voter of voters) await castVote(prisma, voter, opened.id, { choice: 'yes' });
    expect((await closeProposal(prisma, opened.id, new Date(opened.votingClosesAt!.getTime() + 1000))).enacted).toEqual({ kind: 'data', version: 2 });
    expect(await minimumGroupSize(prisma, new Date(opened.votingClosesAt!.getTime() + 2000))).toBe(15);
  });
});
