// The audit log: board actions (admission, decline, dispute resolution) and accountants' exports,
// verification runs and period closes are recorded in the transaction of the action; the table
// refuses every change; accountants read it with filters and pages, nobody else reads it.
import { Decimal } from '@allmende/ledger';
import { recordAuditEvent } from '../src/audit/audit-log';
import { listAuditEvents } from '../src/audit/audit-log-list';
import { startLedgerVerification } from '../src/audit/verification';
import { acceptOrder, disputeOrder, resolveDispute } from '../src/orders/order-lifecycle';
import { createTestApi, type TestApi } from './support/api';
import { buildMember, logIn } from './support/builders';
import { buyNewOffer, createMember } from './support/orders';

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
});

afterAll(async () => {
  await api?.close();
});

async function eventsOf(subjectId: string) {
  return api.database.prisma.auditEvent.findMany({ where: { subjectId }, orderBy: { occurredAt: 'asc' } });
}

describe('the audit log', () => {
  it('records the board admitting and declining applicants, in the same transaction', async () => {
    const board = await buildMember(api, { roles: ['member', 'admin'] });
    const client = await logIn(api, board.email);
    const applicant = await buildMember(api, { status: 'applicant' });
    const declined = await buildMember(api, { status: 'applicant' });
    const idOf = (id: string) => Buffer.from(`Member:${id}`).toString('base64');
    const admitted = await client.graphql(`mutation($id: ID!) { admitMember(memberId: $id) { __typename } }`, { id: idOf(applicant.id) });
    expect(admitted.data?.admitMember.__typename).toBe('MutationAdmitMemberSuccess');
    await client.graphql(`mutation($id: ID!) { declineMember(memberId: $id, reason: "Keine Angaben") { __typename } }`, { id: idOf(declined.id) });
    expect((await eventsOf(applicant.id)).map((event) => [event.action, event.actorId])).toEqual([['member_admitted', board.id]]);
    expect((await eventsOf(declined.id)).map((event) => [event.action, event.details])).toEqual([['member_declined', { reason: 'Keine Angaben' }]]);
    // Admitting again fails, and the failed action leaves no event.
    await client.graphql(`mutation($id: ID!) { admitMember(memberId: $id) { __typename } }`, { id: idOf(applicant.id) });
    expect(await eventsOf(applicant.id)).toHaveLength(1);
  });

  it('records the settlement of a dispute with the amounts', async () => {
    const buyer = await createMember(api, 'Kaufende');
    const producer = await createMember(api, 'Hof', ['member', 'producer']);
    const admin = await createMember(api, 'Vorstand', ['member', 'admin']);
    const { orderId } = await buyNewOffer(api, buyer, producer.id, { price: '20.00' });
    await acceptOrder(api.services, { id: producer.id, roles: ['member', 'producer'] }, orderId);
    await disputeOrder(api.services, { id: buyer.id, roles: ['member'] }, orderId, 'Nie angekommen');
    await resolveDispute(api.services, { id: admin.id, roles: ['member', 'admin'] }, orderId, 'partial_refund', new Decimal('12.50'));
    const [event] = await eventsOf(orderId);
    expect(event).toMatchObject({ action: 'order_dispute_resolved', actorId: admin.id, subjectType: 'order' });
    expect(event!.details).toMatchObject({ total: '20.00', refundAmount: '7.50' });
  });

  it('refuses to change or delete an entry', async () => {
    const accountant = await buildMember(api, { roles: ['accountant'] });
    const run = await startLedgerVerification(api.services, accountant);
    const [event] = await eventsOf(run.id);
    expect(event?.action).toBe('ledger_verification_requested');
    await expect(api.database.prisma.auditEvent.update({ where: { id: event!.id }, data: { action: 'member_admitted' } })).rejects.toThrow(/immutable/);
    await expect(api.database.prisma.auditEvent.delete({ where: { id: event!.id } })).rejects.toThrow(/immutable/);
    await expect(api.database.prisma.$executeRawUnsafe('TRUNCATE "AuditEvent"')).rejects.toThrow(/immutable/);
    expect(await eventsOf(run.id)).toHaveLength(1);
  });

  it('rolls an event back with the transaction it was written in', async () => {
    await expect(
      api.database.prisma.$transaction(async (transaction) => {
        await recordAuditEvent(transaction, { actorId: null, action: 'member_admitted', subjectType: 'member', subjectId: 'rolled-back' });
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    expect(await eventsOf('rolled-back')).toEqual([]);
  });

  it('is read by accountants, newest first, filtered and in pages, and by nobody else', async () => {
    const accountant = await buildMember(api, { roles: ['accountant'] });
    for (let index = 0; index < 5; index += 1) await startLedgerVerification(api.services, accountant);
    const firstPage = await listAuditEvents(api.database.prisma, { action: 'ledger_verification_requested', actorId: accountant.id }, { first: 3 });
    expect(firstPage.events).toHaveLength(3);
    expect(firstPage.events[0]!.actorName).toBe(accountant.displayName);
    const secondPage = await listAuditEvents(api.database.prisma, { action: 'ledger_verification_requested', actorId: accountant.id }, { first: 3, after: firstPage.nextCursor });
    expect(secondPage.events).toHaveLength(2);
    expect(secondPage.nextCursor).toBeNull();
    const all = [...firstPage.events, ...secondPage.events];
    expect(new Set(all.map((event) => event.id)).size).toBe(5);
    expect(all.map((event) => event.occurredAt.getTime())).toEqual([...all.map((event) => event.occurredAt.getTime())].sort((left, right) => right - left));

    const client = await logIn(api, accountant.email);
    const query = `query($filter: AuditLogFilter) { auditLog(filter: $filter, first: 10) { nextCursor events { action actorName subjectType } } }`;
    const read = await client.graphql(query, { filter: { action: 'member_admitted' } });
    expect(read.errors).toBeUndefined();
    expect(read.data?.auditLog.events.every((event: { action: string }) => event.action === 'member_admitted')).toBe(true);
    expect(read.data?.auditLog.events.length).toBeGreaterThan(0);

    const admin = await buildMember(api, { roles: ['member', 'admin'] });
    const refused = await (await logIn(api, admin.email)).graphql(query, {});
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
