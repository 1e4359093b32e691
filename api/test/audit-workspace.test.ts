// The accountant's read workspace through GraphQL, on real orders: an order's transfers found in the
// journal by its number and opened with both sides and its hash-chain block, an account's statement
// for a period, the open holds reconciling with escrow, and the months in figures.
import { createTestApi, type TestApi, type ApiClient } from './support/api';
import { buildMember, logIn } from './support/builders';
import { buyNewOffer, createMember, type TestMember } from './support/orders';
import { acceptOrder, confirmOrder, fulfilOrder } from '../src/orders/order-lifecycle';
import { cooperativeCurrency, escrowAccountCode } from '../src/wallet/cooperative-currency';

const journalQuery = `query Journal($filter: AuditJournalFilter, $order: JournalOrder, $first: Int, $after: String) {
  auditJournal(filter: $filter, order: $order, first: $first, after: $after) {
    __typename
    ... on QueryAuditJournalSuccess {
      data {
        entries { id type kind amount holdState debitAccount { name accountType } creditAccount { name accountType } order { number status } }
        endCursor
        hasNextPage
      }
    }
    ... on ValidationError { fieldErrors { field code } }
  }
}`;

describe('the accountant’s workspace', () => {
  let api: TestApi;
  let buyer: TestMember;
  let producer: TestMember;
  let auditor: ApiClient;
  let settledNumber: number;
  let openNumber: number;

  beforeAll(async () => {
    api = await createTestApi();
    buyer = await createMember(api, 'Ida');
    producer = await createMember(api, 'Jost', ['member', 'producer']);
    await buildMember(api, { email: 'pruefer@example.org', displayName: 'Prüferin', roles: ['accountant'], status: 'external' });
    auditor = await logIn(api, 'pruefer@example.org');
    const settled = await buyNewOffer(api, buyer, producer.id, { price: '20.00' });
    const producerActor = { id: producer.id, roles: ['member', 'producer'] };
    await acceptOrder(api.services, producerActor, settled.orderId);
    await fulfilOrder(api.services, producerActor, settled.orderId);
    await confirmOrder(api.services, { id: buyer.id, roles: ['member'] }, settled.orderId);
    const open = await buyNewOffer(api, buyer, producer.id, { price: '7.30' });
    const orders = await api.database.prisma.order.findMany({ where: { id: { in: [settled.orderId, open.orderId] } }, select: { id: true, number: true } });
    settledNumber = orders.find((order) => order.id === settled.orderId)!.number;
    openNumber = orders.find((order) => order.id === open.orderId)!.number;
  });
  afterAll(() => api.close());

  it('finds an order’s transfers by its number, each with both sides named', async () => {
    const result = await auditor.graphql(journalQuery, { filter: { orderNumber: settledNumber }, order: 'OLDEST_FIRST' });
    const entries = result.data?.auditJournal.data.entries as { type: string; kind: string; amount: string; holdState: string | null; debitAccount: { name: string }; creditAccount: { name: string; accountType: string }; order: { number: number; status: string } }[];
    expect(entries.map((entry) => `${entry.type}:${entry.kind}`)).toEqual(['pending:escrow', 'post:escrow', 'immediate:sale', 'immediate:contribution']);
    expect(entries[0]).toMatchObject({ holdState: 'posted', debitAccount: { name: buyer.displayName }, creditAccount: { accountType: 'escrow' }, order: { number: settledNumber, status: 'confirmed' } });
    expect(entries[2]!.creditAccount.name).toBe(producer.displayName);
    expect(entries.slice(2).reduce((sum, entry) => sum + Math.round(Number(entry.amount) * 100), 0)).toBe(2000);
  });

  it('filters by member, kind and amount, pages newest first, and names bad filters', async () => {
    const ofProducer = await auditor.graphql(journalQuery, { filter: { memberId: producer.id, kind: 'sale' } });
    expect(ofProducer.data?.auditJournal.data.entries).toHaveLength(1);
    const first = await auditor.graphql(journalQuery, { first: 2 });
    expect(first.data?.auditJournal.data.hasNextPage).toBe(true);
    const second = await auditor.graphql(journalQuery, { first: 2, after: first.data?.auditJournal.data.endCursor });
    const ids = [...first.data!.auditJournal.data.entries, ...second.data!.auditJournal.data.entries].map((entry: { id: string }) => entry.id);
    expect(new Set(ids).size).toBe(4);
    const range = await auditor.graphql(journalQuery, { filter: { amountMinimum: '7.30', amountMaximum: '7.30' } });
    expect(range.data?.auditJournal.data.entries.map((entry: { order: { number: number } }) => entry.order.number)).toEqual([openNumber]);
    const badAmount = await auditor.graphql(journalQuery, { filter: { amountMinimum: '1.234' } });
    expect(badAmount.data?.auditJournal.fieldErrors).toEqual([{ field: 'amountMinimum', code: 'too_many_decimals' }]);
    const badPeriod = await auditor.graphql(journalQuery, { filter: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } });
    expect(badPeriod.data?.auditJournal.fieldErrors).toEqual([{ field: 'to', code: 'invalid_date' }]);
    const badCursor = await auditor.graphql(journalQuery, { after: 'not-a-cursor' });
    expect(badCursor.data?.auditJournal.fieldErrors).toEqual([{ field: 'after', code: 'invalid' }]);
  });

  it('opens a transfer with its order’s other transfers and its hash-chain block once sealed', async () => {
    const journal = await auditor.graphql(journalQuery, { filter: { orderNumber: settledNumber, type: 'post' } });
    const postId = journal.data?.auditJournal.data.entries[0].id as string;
    const detailQuery = `query($id: ID!) { auditTransfer(id: $id) {
      transfer { type order { number } }
      linked { type holdState }
      sameReference { type kind }
      block { number hash digestMatches position }
    } }`;
    const before = await auditor.graphql(detailQuery, { id: postId });
    expect(before.data?.auditTransfer).toMatchObject({ transfer: { type: 'post', order: { number: settledNumber } }, linked: [{ type: 'pending', holdState: 'posted' }], block: null });
    // The hold is linked, so among the same reference only the payout and the contribution remain.
    expect(before.data?.auditTransfer.sameReference.map((line: { kind: string }) => line.kind)).toEqual(['sale', 'contribution']);
    for (let attempt = 0; attempt < 200; attempt += 1) {
      await api.services.ledger.sealBlocks();
      if ((await api.services.ledger.findTransferBlock(postId)) !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const after = await auditor.graphql(detailQuery, { id: postId });
    expect(after.data?.auditTransfer.block).toMatchObject({ digestMatches: true });
    expect(after.data?.auditTransfer.block.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await auditor.graphql(detailQuery, { id: 'unknown' })).data?.auditTransfer).toBeNull();
  });

  it('lists the open holds with their orders, totalling the escrow account’s pending credits', async () => {
    const holds = await auditor.graphql(`{ auditOpenHolds {
      __typename
      ... on QueryAuditOpenHoldsSuccess { data {
        count amount reconciled
        holds { ageDays overdue transfer { amount order { number status } } }
        totals { count amount reconciled account { accountType pendingCredits balance } }
      } }
    } }`);
    const data = holds.data?.auditOpenHolds.data;
    expect(data).toMatchObject({ count: 1, amount: '7.30', reconciled: true });
    expect(data.holds).toEqual([{ ageDays: 0, overdue: false, transfer: { amount: '7.30', order: { number: openNumber, status: 'placed' } } }]);
    expect(data.totals).toEqual([{ count: 1, amount: '7.30', reconciled: true, account: { accountType: 'escrow', pendingCredits: '7.30', balance: '0.00' } }]);
  });

  it('lists every account and gives a statement for a period with opening, running and closing balance', async () => {
    const accounts = await auditor.graphql('{ auditAccounts { accounts { accountId accountType name balance } hasNextPage } }');
    const lines = accounts.data?.auditAccounts.accounts as { accountId: string; accountType: string; name: string; balance: string }[];
    expect(lines.slice(0, 2).map((line) => line.accountType)).toEqual(['fund', 'escrow']);
    expect(lines.map((line) => line.name)).toEqual(expect.arrayContaining([buyer.displayName, producer.displayName]));
    const escrow = (await api.services.ledger.findAccountByCode(cooperativeCurrency.code, escrowAccountCode))!;
    const statement = await auditor.graphql(
      `query($id: ID!, $from: DateTime) { auditAccountStatement(accountId: $id, from: $from) {
        ... on QueryAuditAccountStatementSuccess { data { openingBalance closingBalance entries { change balance transfer { type } } account { name } } }
      } }`,
      { id: escrow.id, from: new Date(Date.now() - 3_600_000).toISOString() },
    );
    const data = statement.data?.auditAccountStatement.data;
    expect(data.openingBalance).toBe('0.00');
    expect(data.entries.map((entry: { transfer: { type: string }; change: string; balance: string }) => `${entry.transfer.type} ${entry.change} ${entry.balance}`)).toEqual([
      'pending 0.00 0.00',
      'post 20.00 20.00',
      expect.stringMatching(/^immediate -19\.\d\d 0\.\d\d$/),
      'immediate -0.60 0.00',
      'pending 0.00 0.00',
    ]);
    expect(data.closingBalance).toBe('0.00');
  });

  it('sums the month: trades, contributions, money supply and members near their limit', async () => {
    const summary = await auditor.graphql(`{ auditPeriodSummary(months: 2) {
      ... on QueryAuditPeriodSummarySuccess { data {
        months { month tradeCount tradeVolume contributions supply owed }
        movements { kind type count amount }
        creditLines { members nearLimit nearLimitPercent }
      } }
    } }`);
    const data = summary.data?.auditPeriodSummary.data;
    const now = data.months[1];
    expect(now).toMatchObject({ tradeCount: 1, tradeVolume: '20.00', contributions: '0.60' });
    expect(now.supply).toBe(now.owed);
    expect(data.months[0]).toMatchObject({ tradeCount: 0, supply: '0.00' });
    expect(data.movements.map((row: { kind: string }) => row.kind).sort()).toEqual(['contribution', 'escrow', 'sale']);
    expect(data.creditLines).toMatchObject({ members: 2, nearLimit: 0, nearLimitPercent: '0.0' });
  });

  it('is refused to members who do not keep the books', async () => {
    const response = await buyer.client.graphql(journalQuery, {});
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
