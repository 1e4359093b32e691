// Accountants change nothing: every mutation of the schema, called by an accountant who is no board
// member, is refused before it runs, except the few that act on the caller's own login. The list of
// mutations comes from the schema itself, so a mutation added later without an authorization rule
// fails here. Checked for an outside auditor (status external, no membership) and for a member who is
// also the accountant (refused only what needs the board, a producer or is the login's own business).
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { schema } from '../src/schema';
import { type ApiClient, type GraphQLResponse, createTestApi, type TestApi } from './support/api';
import { buildMember, logIn } from './support/builders';

/**
 * Mutations anyone may call without a session: they act on the caller's own credentials only, or file
 * a third party's data-use request, which changes nothing until the members vote on it.
 */
const openToVisitors = ['login', 'register', 'requestPasswordReset', 'resetPassword', 'requestDataUse', 'verifyDataUseRequest'];
/**
 * Logging out and the caller's own profile, settings and data: allowed to every login, as is asking
 * for an export of one's own data, opting out of data use and closing one's own login.
 */
const ownLogin = ['logout', 'logoutEverywhere', 'changePassword', 'updateNotificationSettings', 'markNotificationsRead', 'requestMyDataExport', 'leaveCooperative', 'setDataUseOptOut'];
/**
 * The accountant's own tools: they book nothing and change no member's data. Exports and verification
 * runs read the books; closing a period stops later bookings into it.
 */
const accountantTools = ['startLedgerExport', 'startLedgerVerification', 'closeLedgerPeriod'];
/** Mutations for the board or for producers, which a member keeping the books may not call either. */
const boardAndProducerMutations = ['admitMember', 'declineMember', 'resolveDispute', 'createOffer', 'updateOffer', 'setOfferStatus', 'updateProducerProfile', 'answerNeed', 'addOfferImage', 'setProducerLogo'];
/** What refusing looks like: the field's authorization rule stops the call before it runs. */
const refusalCodes = ['FORBIDDEN', 'NOT_ADMITTED', 'UNAUTHENTICATED'];

/**
 * Inputs that must pass a schema's validation (which runs before authorization) so the call reaches
 * the authorization rule; keyed by field name, used wherever the field occurs.
 */
const validSamples: Record<string, unknown> = {
  price: '12.50',
  amount: '1.00',
  amountToProducer: '1.00',
  categoryCode: 'food.dairy',
  title: 'Prüfung der Zugriffsrechte',
  name: 'Prüfhof',
  unit: 'Stück',
  idempotencyKey: 'audit-read-only-check',
  email: 'pruefung@example.org',
  expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
};

function sampleOf(type: GraphQLInputType, fieldName: string): unknown {
  if (isNonNullType(type)) return sampleOf(type.ofType, fieldName);
  if (isListType(type)) return [sampleOf(type.ofType, fieldName)];
  if (fieldName in validSamples) return validSamples[fieldName];
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    // Only the required fields: what a minimal valid input needs.
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type))
        .map((field) => [field.name, sampleOf(field.type, field.name)]),
    );
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return 1;
      case 'Float':
        return 1.5;
      case 'Boolean':
        return true;
      case 'DateTime':
        return new Date(Date.now() + 7 * 86_400_000).toISOString();
      case 'Decimal':
        return '1.00';
      case 'ID':
        return 'T2ZmZXI6MDAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAw';
      default:
        return 'Prüfung der Zugriffsrechte';
    }
  }
  throw new Error(`No sample for input type ${String(type)}`);
}

function selectionOf(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  return isScalarType(named) || isEnumType(named) ? '' : '{ __typename }';
}

function typeText(type: GraphQLInputType): string {
  return String(type);
}

/** Calls one mutation with sample arguments (files as multipart uploads, as browsers send them). */
async function callMutation(client: ApiClient, field: GraphQLField<unknown, unknown>): Promise<GraphQLResponse> {
  const args = field.args as readonly GraphQLArgument[];
  const declarations = args.map((arg) => `$${arg.name}: ${typeText(arg.type)}`).join(', ');
  const uses = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const query = `mutation Check${declarations ? `(${declarations})` : ''} { ${field.name}${uses ? `(${uses})` : ''} ${selectionOf(field.type)} }`;
  const files = Object.fromEntries(args.filter((arg) => getNamedType(arg.type).name === 'File').map((arg) => [arg.name, new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' })]));
  const variables = Object.fromEntries(args.filter((arg) => !(arg.name in files)).map((arg) => [arg.name, sampleOf(arg.type, arg.name)]));
  return Object.keys(files).length ? client.upload(query, variables, files) : client.graphql(query, variables);
}

function refused(response: GraphQLResponse, field: string): boolean {
  const value = response.data?.[field];
  return (value === null || value === undefined) && (response.errors ?? []).some((error) => refusalCodes.includes(error.extensions?.code ?? ''));
}

/** Row counts of every table, to show that the refused calls changed nothing. */
async function tableCounts(api: TestApi): Promise<Record<string, number>> {
  const tables = await api.database.prisma.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`;
  const counts: Record<string, number> = {};
  for (const { table_name: table } of tables) {
    const [row] = await api.database.prisma.$queryRawUnsafe<{ count: number }[]>(`SELECT count(*)::int AS count FROM "${table.replaceAll('"', '""')}"`);
    counts[table] = Number(row?.count ?? 0);
  }
  return counts;
}

const mutations = Object.values(schema.getMutationType()!.getFields());

describe('accountants change nothing', () => {
  let api: TestApi;
  let auditor: ApiClient;
  let memberAccountant: ApiClient;

  beforeAll(async () => {
    api = await createTestApi();
    // An outside auditor: the accountant role without membership. The admin role is given too, to
    // show that without membership it counts for nothing.
    await buildMember(api, { email: 'auditor@example.org', displayName: 'Außenprüferin', roles: ['accountant', 'admin'], status: 'external' });
    await buildMember(api, { email: 'kassenwart@example.org', displayName: 'Kassenwart', roles: ['member', 'accountant'] });
    auditor = await logIn(api, 'auditor@example.org');
    memberAccountant = await logIn(api, 'kassenwart@example.org');
  });
  afterAll(() => api.close());

  it('knows every exception it makes', () => {
    const names = mutations.map((field) => field.name);
    for (const name of [...openToVisitors, ...ownLogin, ...accountantTools]) expect(names).toContain(name);
    expect(mutations.length).toBeGreaterThan(openToVisitors.length + ownLogin.length + accountantTools.length + 30);
  });

  it('refuses an outside auditor every other mutation, before it runs', async () => {
    const before = await tableCounts(api);
    const notRefused: string[] = [];
    for (const field of mutations) {
      if (openToVisitors.includes(field.name) || ownLogin.includes(field.name) || accountantTools.includes(field.name)) continue;
      const response = await callMutation(auditor, field);
      if (!refused(response, field.name)) notRefused.push(`${field.name}: ${JSON.stringify(response).slice(0, 300)}`);
    }
    // A mutation named here runs for an accountant: give it an authorization rule (authScopes), or,
    // if it answered with a ValidationError, a valid sample in validSamples so the rule is reached.
    expect(notRefused).toEqual([]);
    expect(await tableCounts(api)).toEqual(before);
    // Still logged in: the refusals were not a lost session.
    expect((await auditor.graphql('{ me { displayName status } }')).data?.me).toEqual({ displayName: 'Außenprüferin', status: 'external' });
  });

  it('refuses a member who keeps the books every board and producer mutation', async () => {
    const boardOrProducer = mutations.filter((field) => boardAndProducerMutations.includes(field.name));
    expect(boardOrProducer.map((field) => field.name).sort()).toEqual([...boardAndProducerMutations].sort());
    for (const field of boardOrProducer) expect(refused(await callMutation(memberAccountant, field), field.name)).toBe(true);
  });

  it('lets the outside auditor read the books, and nothing a member reads', async () => {
    const books = await auditor.graphql('{ trialBalance { balanced } auditJournal { __typename } auditOpenHolds { __typename } auditAccounts { accounts { accountId } } }');
    expect(books.errors).toBeUndefined();
    expect(books.data?.trialBalance.balanced).toBe(true);
    for (const query of ['{ myAccount { balance } }', '{ cart { total } }', '{ members { edges { node { id } } } }', '{ membershipApplications { edges { node { id } } } }']) {
      const response = await auditor.graphql(query);
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('allows the auditor’s own settings and logging out', async () => {
    const settings = await auditor.graphql('mutation { updateNotificationSettings(emailNotifications: false) { emailNotifications } }');
    expect(settings.data?.updateNotificationSettings).toEqual({ emailNotifications: false });
    const everywhere = await auditor.graphql('mutation { logoutEverywhere }');
    expect(everywhere.data?.logoutEverywhere).toBeGreaterThanOrEqual(1);
    expect((await auditor.graphql('{ me { id } }')).data?.me).toBeNull();
  });
});
