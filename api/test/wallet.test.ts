import { Decimal } from '@allmende/ledger';
import { createTestApi, type ApiClient, type TestApi } from './support/api';
import { ensureMemberAccount, findMemberAccount } from '../src/wallet/ensure-member-account';
import { buildMember } from './support/builders';

const password = 'richtig-geheim-42';

const loginMutation = `mutation Login($input: LoginInput!) { login(input: $input) { __typename } }`;

const myAccountQuery = `query MyAccount($first: Int, $after: String) {
  myAccount {
    balance available creditLimit maximumBalance pendingDebits pendingCredits
    currency { code name symbol scale }
    statement(first: $first, after: $after) {
      entries { transferId date counterpartyName counterpartyId counterpartyType memo kind amount balance }
      endCursor hasNextPage
    }
  }
}`;

const sendMutation = `mutation Send($input: SendCreditsInput!) {
  sendCredits(input: $input) {
    __typename
    ... on MutationSendCreditsSuccess { data { alreadyExisted transfer { id amount memo } account { balance available } } }
    ... on ValidationError { fieldErrors { field message } }
    ... on InsufficientCreditError { available }
    ... on TransferRejectedError { reason }
    ... on Error { code message }
  }
}`;

const recipientsQuery = `query Recipients($search: String!) { recipients(search: $search) { id displayName } }`;

describe('wallet', () => {
  let api: TestApi;
  const ids: Record<string, string> = {};

  async function logIn(key: string): Promise<ApiClient> {
    const client = api.client();
    const result = await client.graphql(loginMutation, { input: { email: `${key}@example.org`, password } });
    expect(result.data?.login.__typename).toBe('MutationLoginSuccess');
    return client;
  }

  async function recipientId(client: ApiClient, name: string): Promise<string> {
    const result = await client.graphql(recipientsQuery, { search: name });
    const found = result.data?.recipients.find((recipient: { displayName: string }) => recipient.displayName === name);
    expect(found).toBeTruthy();
    return found.id as string;
  }

  let keyCounter = 0;
  function newKey(): string {
    keyCounter += 1;
    return `test-key-${keyCounter}-${Date.now()}`;
  }

  beforeAll(async () => {
    api = await createTestApi();
    const people = [
      ['anna', 'Anna Apfel', ['member']],
      ['bert', 'Bert Birne', ['member']],
      ['carla', 'Carla Quitte', ['member']],
      ['dora', 'Dora Dattel', ['member', 'accountant']],
      ['emil', 'Emil Erbse', ['member', 'admin']],
    ] as const;
    for (const [key, displayName, roles] of people) {
      const member = await buildMember(api, { email: `${key}@example.org`, displayName, roles: [...roles], password });
      ids[key] = member.id;
    }
  });
  afterAll(() => api.close());

  it('needs a login for the account, recipients and payments', async () => {
    const client = api.client();
    for (const [query, variables] of [
      [myAccountQuery, {}],
      [recipientsQuery, { search: 'a' }],
      [sendMutation, { input: { recipientId: ids.bert, amount: '1.00', idempotencyKey: newKey() } }],
    ] as const) {
      const result = await client.graphql(query, variables);
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('creates the account with the default limit on first use and shows the currency', async () => {
    expect(await findMemberAccount(api.services.ledger, ids.anna!)).toBeNull();
    const client = await logIn('anna');
    const result = await client.graphql(myAccountQuery);
    expect(result.errors).toBeUndefined();
    expect(result.data?.myAccount).toEqual({
      balance: '0.00',
      available: '100.00',
      creditLimit: '100.00',
      maximumBalance: null,
      pendingDebits: '0.00',
      pendingCredits: '0.00',
      currency: { code: 'TALER', name: 'Taler', symbol: 'T', scale: 2 },
      statement: { entries: [], endCursor: null, hasNextPage: false },
    });
    expect(await findMemberAccount(api.services.ledger, ids.anna!)).not.toBeNull();
  });

  it('creates a member account idempotently, also when asked concurrently', async () => {
    const member = { id: ids.carla!, displayName: 'Carla Quitte' };
    const accounts = await Promise.all([1, 2, 3, 4].map(() => ensureMemberAccount(api.services, member)));
    expect(new Set(accounts.map((account) => account.id)).size).toBe(1);
  });

  it('gives a registered applicant no account and no wallet until admission', async () => {
    const client = api.client();
    const result = await client.graphql(
      `mutation { register(input: { email: "neu@example.org", password: "ein langes passwort", displayName: "Neu Mitglied" }) {
        ... on MutationRegisterSuccess { data { id status } } } }`,
    );
    expect(result.data?.register.data.status).toBe('applicant');
    const member = await api.database.prisma.member.findUniqueOrThrow({ where: { email: 'neu@example.org' } });
    expect(await findMemberAccount(api.services.ledger, member.id)).toBeNull();
    const wallet = await client.graphql('{ myAccount { balance } }');
    expect(wallet.errors?.[0]?.extensions?.code).toBe('NOT_ADMITTED');
    expect(await findMemberAccount(api.services.ledger, member.id)).toBeNull();
  });

  it('finds recipients by display name without e-mail addresses, never the member themselves', async () => {
    const client = await logIn('anna');
    const result = await client.graphql(recipientsQuery, { search: 'BIR' });
    expect(result.data?.recipients).toEqual([{ id: expect.any(String), displayName: 'Bert Birne' }]);
    const own = await client.graphql(recipientsQuery, { search: 'Anna' });
    expect(own.data?.recipients).toEqual([]);
    const blank = await client.graphql(recipientsQuery, { search: '   ' });
    expect(blank.data?.recipients).toEqual([]);
    const many = await client.graphql(recipientsQuery, { search: 'e' });
    expect(many.data?.recipients.length).toBeLessThanOrEqual(10);
    const fields = await client.graphql('{ recipients(search: "Bert") { email } }');
    expect(fields.errors?.[0]?.message).toMatch(/Cannot query field "email"/);
  });

  it('sends credits, shows them on both statements and retries idempotently', async () => {
    const anna = await logIn('anna');
    const bert = await logIn('bert');
    const bertId = await recipientId(anna, 'Bert Birne');
    const input = { recipientId: bertId, amount: '12.5', memo: '  Zwei Gläser Honig ', idempotencyKey: newKey() };
    const sent = await anna.graphql(sendMutation, { input });
    expect(sent.data?.sendCredits).toMatchObject({
      __typename: 'MutationSendCreditsSuccess',
      data: { alreadyExisted: false, transfer: { amount: '12.50', memo: 'Zwei Gläser Honig' }, account: { balance: '-12.50', available: '87.50' } },
    });
    const retry = await anna.graphql(sendMutation, { input });
    expect(retry.data?.sendCredits).toMatchObject({
      __typename: 'MutationSendCreditsSuccess',
      data: { alreadyExisted: true, transfer: { id: sent.data?.sendCredits.data.transfer.id }, account: { balance: '-12.50' } },
    });
    const reused = await anna.graphql(sendMutation, { input: { ...input, amount: '13.00' } });
    expect(reused.data?.sendCredits).toMatchObject({ __typename: 'IdempotencyKeyReusedError', code: 'idempotency_key_reused' });

    // The same key from another member is a different payment.
    const annaId = await recipientId(bert, 'Anna Apfel');
    const back = await bert.graphql(sendMutation, { input: { ...input, recipientId: annaId, amount: '2.50', memo: 'Rückgeld' } });
    expect(back.data?.sendCredits.__typename).toBe('MutationSendCreditsSuccess');

    const annaAccount = await anna.graphql(myAccountQuery);
    expect(annaAccount.data?.myAccount.balance).toBe('-10.00');
    expect(annaAccount.data?.myAccount.statement.entries).toEqual([
      expect.objectContaining({ counterpartyName: 'Bert Birne', counterpartyId: bertId, counterpartyType: 'member', memo: 'Rückgeld', kind: 'payment', amount: '2.50', balance: '-10.00' }),
      expect.objectContaining({ counterpartyName: 'Bert Birne', memo: 'Zwei Gläser Honig', amount: '-12.50', balance: '-12.50' }),
    ]);
    const bertAccount = await bert.graphql(myAccountQuery);
    expect(bertAccount.data?.myAccount.balance).toBe('10.00');
    expect(bertAccount.data?.myAccount.statement.entries[1]).toMatchObject({ counterpartyName: 'Anna Apfel', amount: '12.50' });
  });

  it('rejects bad amounts, keys, memos and recipients with typed errors and moves nothing', async () => {
    const anna = await logIn('anna');
    const bertId = await recipientId(anna, 'Bert Birne');
    const before = (await anna.graphql(myAccountQuery)).data?.myAccount.balance;
    for (const amount of ['0', '0.00', '-5.00', '1.234', '1000000000000000', '99999999999999999999']) {
      const result = await anna.graphql(sendMutation, { input: { recipientId: bertId, amount, idempotencyKey: newKey() } });
      expect(result.data?.sendCredits).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'amount' }] });
    }
    for (const amount of ['abc', '1e5', '', ' 5']) {
      const result = await anna.graphql(sendMutation, { input: { recipientId: bertId, amount, idempotencyKey: newKey() } });
      expect(result.errors?.[0]?.message).toMatch(/Decimal must be a string/);
    }
    const badKey = await anna.graphql(sendMutation, { input: { recipientId: bertId, amount: '1.00', idempotencyKey: 'kurz' } });
    expect(badKey.data?.sendCredits).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'idempotencyKey' }] });
    const longMemo = await anna.graphql(sendMutation, { input: { recipientId: bertId, amount: '1.00', memo: 'x'.repeat(201), idempotencyKey: newKey() } });
    expect(longMemo.data?.sendCredits).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'memo' }] });
    const self = await anna.graphql(sendMutation, { input: { recipientId: ids.anna, amount: '1.00', idempotencyKey: newKey() } });
    expect(self.data?.sendCredits).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'recipientId' }] });
    const notId = await anna.graphql(sendMutation, { input: { recipientId: 'nobody', amount: '1.00', idempotencyKey: newKey() } });
    expect(notId.data?.sendCredits).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'recipientId' }] });
    const unknown = await anna.graphql(sendMutation, {
      input: { recipientId: '00000000-0000-4000-8000-000000000000', amount: '1.00', idempotencyKey: newKey() },
    });
    expect(unknown.data?.sendCredits).toMatchObject({ __typename: 'RecipientNotFoundError', code: 'recipient_not_found' });
    expect((await anna.graphql(myAccountQuery)).data?.myAccount.balance).toBe(before);
  });

  it('refuses a payment above the available credit and says what is available', async () => {
    const anna = await logIn('anna');
    const carlaId = await recipientId(anna, 'Carla Quitte');
    const { available } = (await anna.graphql(myAccountQuery)).data!.myAccount;
    const tooMuch = new Decimal(available).plus('0.01').toFixed(2);
    const input = { recipientId: carlaId, amount: tooMuch, memo: 'Zu viel', idempotencyKey: newKey() };
    const refused = await anna.graphql(sendMutation, { input });
    expect(refused.data?.sendCredits).toMatchObject({ __typename: 'InsufficientCreditError', code: 'exceeds_credit_limit', available });
    // A refused payment leaves its key unused, so the exact available amount may follow.
    const exact = await anna.graphql(sendMutation, { input: { ...input, amount: available } });
    expect(exact.data?.sendCredits).toMatchObject({ __typename: 'MutationSendCreditsSuccess', data: { account: { available: '0.00', balance: '-100.00' } } });
  });

  it('pages through the statement with cursors', async () => {
    const bert = await logIn('bert');
    const carlaId = await recipientId(bert, 'Carla Quitte');
    for (let index = 1; index <= 5; index += 1) {
      const result = await bert.graphql(sendMutation, { input: { recipientId: carlaId, amount: `${index}.00`, memo: `Posten ${index}`, idempotencyKey: newKey() } });
      expect(result.data?.sendCredits.__typename).toBe('MutationSendCreditsSuccess');
    }
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const result: { data?: any } = await bert.graphql(myAccountQuery, { first: 3, after });
      const statement = result.data?.myAccount.statement;
      seen.push(...statement.entries.map((entry: { transferId: string }) => entry.transferId));
      after = statement.endCursor;
      expect(statement.hasNextPage).toBe(after !== null);
      pages += 1;
    } while (after !== null && pages < 10);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(7);
    const broken = await bert.graphql(myAccountQuery, { first: 3, after: 'not-a-cursor' });
    expect(broken.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('draws the balance history with one point per day, ending at the current balance', async () => {
    const bert = await logIn('bert');
    const result = await bert.graphql('{ myAccount { balance balanceHistory(days: 7) { date balance } } }');
    const { balance, balanceHistory } = result.data!.myAccount;
    expect(balanceHistory).toHaveLength(7);
    expect(balanceHistory[6].balance).toBe(balance);
    expect(balanceHistory[0].balance).toBe('0.00');
    const bounded = await bert.graphql('{ myAccount { balanceHistory(days: 100000) { date } } }');
    expect(bounded.data?.myAccount.balanceHistory).toHaveLength(366);
  });

  it('shows a member only their own account', async () => {
    const carla = await logIn('carla');
    const result = await carla.graphql(myAccountQuery);
    const entries = result.data?.myAccount.statement.entries as { counterpartyName: string }[];
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(['Anna Apfel', 'Bert Birne']).toContain(entry.counterpartyName);
    const account = await findMemberAccount(api.services.ledger, ids.carla!);
    const [balance] = await api.services.ledger.getBalances([account!.id]);
    expect(result.data?.myAccount.balance).toBe(balance!.posted.toFixed(2));
  });

  it('gives accountants and admins the trial balance and money supply, and no one else', async () => {
    const trialBalanceQuery = `query Trial($asOf: DateTime) {
      trialBalance(asOf: $asOf) { asOf balanced totalDebits totalCredits hasMoreLines lines { accountCode accountType name memberId debits credits balance } }
      moneySupply { supply owed accountsPositive accountsNegative currency { code } }
    }`;
    expect((await api.client().graphql(trialBalanceQuery)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const member = await logIn('anna');
    const forbidden = await member.graphql(trialBalanceQuery);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(forbidden.data).toBeNull();

    for (const key of ['dora', 'emil']) {
      const client = await logIn(key);
      const result = await client.graphql(trialBalanceQuery);
      expect(result.errors).toBeUndefined();
      const { trialBalance, moneySupply } = result.data!;
      expect(trialBalance.balanced).toBe(true);
      expect(trialBalance.totalDebits).toBe(trialBalance.totalCredits);
      const sum = trialBalance.lines.reduce((total: Decimal, line: { balance: string }) => total.plus(line.balance), new Decimal(0));
      expect(sum.isZero()).toBe(true);
      expect(trialBalance.lines).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ accountCode: 'fund', accountType: 'fund', name: 'Common fund', memberId: null }),
          expect.objectContaining({ accountType: 'member', name: 'Anna Apfel', balance: '-100.00' }),
        ]),
      );
      expect(moneySupply.currency.code).toBe('TALER');
      expect(moneySupply.supply).toBe(moneySupply.owed);
      expect(new Decimal(moneySupply.supply).greaterThan(0)).toBe(true);
    }
    const accountant = await logIn('dora');
    const past = await accountant.graphql(trialBalanceQuery, { asOf: '2020-01-01T00:00:00.000Z' });
    expect(past.data?.trialBalance).toMatchObject({ asOf: '2020-01-01T00:00:00.000Z', totalDebits: '0.00', totalCredits: '0.00' });
  });
});
