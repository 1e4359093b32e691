// The accountant's read workspace: the journal with filters, one transfer opened with both sides and
// its hash-chain block, all accounts with balances, an account's statement for a period, the open
// holds reconciled with escrow, and the monthly summary. Read only; accountants and admins only.
import { type TransferBlock } from '@allmende/ledger';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../builder';
import { ValidationError } from '../errors';
import { type AuditAccount, listAuditAccounts } from '../audit/audit-accounts';
import { type AuditTransferLine } from '../audit/audit-transfers';
import { type AuditAccountStatement, type AuditStatementEntry, readAccountStatement } from '../audit/read-account-statement';
import { type JournalPage, journalPageDefault, journalPageMaximum, readJournal } from '../audit/read-journal';
import { type OpenHold, type OpenHolds, type OpenHoldsTotal, openHoldsPageDefault, openHoldsPageMaximum, readOpenHolds } from '../audit/read-open-holds';
import { type CreditLines, type PeriodSummary, type SummaryMonth, readPeriodSummary, summaryMonthsDefault } from '../audit/read-period-summary';
import { type AuditTransferDetail, readTransfer } from '../audit/read-transfer';
import { type ReferencedOrder, type ReferencedProposal } from '../audit/transfer-references';
import { amountText } from '../wallet/cooperative-currency';
import { OrderStatusEnum } from './order-enums';

const auditors = { accountant: true, admin: true } as const;

const AuditAccountType = builder.objectRef<AuditAccount>('AuditAccount').implement({
  description: 'A ledger account as accountants read it: member, fund, escrow or system account.',
  fields: (t) => ({
    accountId: t.id({ resolve: (line) => line.account.id }),
    code: t.string({ nullable: true, resolve: (line) => line.account.code }),
    accountType: t.string({ description: 'member, fund, escrow or system.', resolve: (line) => line.account.type }),
    name: t.exposeString('displayName', { description: "The member's display name or the system account's name." }),
    memberId: t.id({ nullable: true, resolve: (line) => (line.memberId ? encodeGlobalID('Member', line.memberId) : null) }),
    closed: t.boolean({ resolve: (line) => line.account.status === 'closed' }),
    balance: t.field({ type: 'Decimal', description: 'Posted balance: credits minus debits.', resolve: (line) => amountText(line.balance.posted) }),
    debits: t.field({ type: 'Decimal', description: 'Posted debits in all.', resolve: (line) => amountText(line.account.debitsPosted) }),
    credits: t.field({ type: 'Decimal', description: 'Posted credits in all.', resolve: (line) => amountText(line.account.creditsPosted) }),
    pendingDebits: t.field({ type: 'Decimal', description: 'Outgoing holds.', resolve: (line) => amountText(line.balance.pendingDebits) }),
    pendingCredits: t.field({ type: 'Decimal', description: 'Incoming holds.', resolve: (line) => amountText(line.balance.pendingCredits) }),
    available: t.field({ type: 'Decimal', resolve: (line) => amountText(line.balance.available) }),
    creditLimit: t.field({ type: 'Decimal', resolve: (line) => amountText(line.balance.creditLimit) }),
    maximumBalance: t.field({ type: 'Decimal', nullable: true, resolve: (line) => (line.balance.maximumBalance ? amountText(line.balance.maximumBalance) : null) }),
  }),
});

const AuditOrderType = builder.objectRef<ReferencedOrder>('AuditOrder').implement({
  description: 'The order a transfer belongs to.',
  fields: (t) => ({
    id: t.id({ resolve: (order) => encodeGlobalID('Order', order.id) }),
    number: t.exposeInt('number'),
    status: t.field({ type: OrderStatusEnum, resolve: (order) => order.status }),
    total: t.field({ type: 'Decimal', resolve: (order) => order.total }),
    buyerName: t.exposeString('buyerName'),
    producerName: t.exposeString('producerName'),
  }),
});

const AuditProposalType = builder.objectRef<ReferencedProposal>('AuditProposal').implement({
  description: 'The proposal a transfer belongs to.',
  fields: (t) => ({
    id: t.id({ resolve: (proposal) => encodeGlobalID('Proposal', proposal.id) }),
    title: t.exposeString('title'),
    kind: t.exposeString('kind'),
  }),
});

const AuditTransferType = builder.objectRef<AuditTransferLine>('AuditTransfer').implement({
  description: 'A ledger transfer with both sides named and what it belongs to.',
  fields: (t) => ({
    id: t.id({ resolve: (line) => line.transfer.id }),
    sequence: t.string({ description: 'Position in the ledger’s order of writing.', resolve: (line) => line.transfer.sequence.toString() }),
    type: t.string({ description: 'immediate, pending (a hold), post, void or reversal.', resolve: (line) => line.transfer.type }),
    kind: t.string({ description: 'What it is for: payment, escrow, sale, contribution, expiry, reversal, …', resolve: (line) => line.transfer.kind }),
    amount: t.field({ type: 'Decimal', resolve: (line) => amountText(line.transfer.amount) }),
    memo: t.string({ resolve: (line) => line.transfer.memo }),
    reference: t.string({ nullable: true, resolve: (line) => line.transfer.reference }),
    createdAt: t.field({ type: 'DateTime', resolve: (line) => line.transfer.createdAt }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (line) => line.transfer.expiresAt }),
    pendingId: t.id({ nullable: true, description: 'For a post or void: the hold it resolves.', resolve: (line) => line.transfer.pendingId }),
    reversalOfId: t.id({ nullable: true, description: 'For a reversal: the transfer it reverses.', resolve: (line) => line.transfer.reversalOfId }),
    holdState: t.string({ nullable: true, description: 'For a hold: pending, posted, voided or expired.', resolve: (line) => line.holdState }),
    debitAccount: t.field({ type: AuditAccountType, nullable: true, resolve: (line) => line.debit }),
    creditAccount: t.field({ type: AuditAccountType, nullable: true, resolve: (line) => line.credit }),
    order: t.field({ type: AuditOrderType, nullable: true, resolve: (line) => line.order }),
    proposal: t.field({ type: AuditProposalType, nullable: true, resolve: (line) => line.proposal }),
  }),
});

const AuditJournalPageType = builder.objectRef<JournalPage>('AuditJournalPage').implement({
  fields: (t) => ({
    entries: t.field({ type: [AuditTransferType], resolve: (page) => page.entries }),
    endCursor: t.string({ nullable: true, description: 'Pass as `after` for the next page; null on the last page.', resolve: (page) => page.nextCursor }),
    hasNextPage: t.boolean({ resolve: (page) => page.nextCursor !== null }),
  }),
});

const JournalOrderEnum = builder.enumType('JournalOrder', {
  values: { NEWEST_FIRST: { value: 'desc' }, OLDEST_FIRST: { value: 'asc' } } as const,
});

const TransferTypeEnum = builder.enumType('TransferType', {
  values: ['immediate', 'pending', 'post', 'void', 'reversal'] as const,
});

const AuditJournalFilter = builder.inputType('AuditJournalFilter', {
  description: 'Every field narrows the journal; leave it out to not filter by it.',
  fields: (t) => ({
    memberId: t.id({ required: false, description: "Transfers of this member's account (either side)." }),
    accountId: t.id({ required: false, description: 'Transfers of this ledger account (either side), e.g. the fund or escrow.' }),
    kind: t.string({ required: false }),
    type: t.field({ type: TransferTypeEnum, required: false }),
    orderNumber: t.int({ required: false, description: 'Transfers of the order with this number.' }),
    reference: t.string({ required: false, description: 'Transfers with exactly this reference.' }),
    from: t.field({ type: 'DateTime', required: false, description: 'Written at or after.' }),
    to: t.field({ type: 'DateTime', required: false, description: 'Written before.' }),
    amountMinimum: t.field({ type: 'Decimal', required: false }),
    amountMaximum: t.field({ type: 'Decimal', required: false }),
  }),
});

builder.queryField('auditJournal', (t) =>
  t.field({
    type: AuditJournalPageType,
    description: 'The ledger journal with filters, a page at a time. Accountants and admins only.',
    authScopes: auditors,
    errors: { types: [ValidationError] },
    args: {
      filter: t.arg({ type: AuditJournalFilter, required: false }),
      order: t.arg({ type: JournalOrderEnum, required: false, description: 'Default NEWEST_FIRST.' }),
      first: t.arg.int({ required: false, description: `1 to ${journalPageMaximum}; default ${journalPageDefault}.` }),
      after: t.arg.string({ required: false }),
    },
    resolve: (_root, args, context) => {
      const filter = args.filter ?? {};
      return readJournal(context, {
        memberId: filter.memberId == null ? null : String(filter.memberId),
        accountId: filter.accountId == null ? null : String(filter.accountId),
        kind: filter.kind ?? null,
        type: filter.type ?? null,
        orderNumber: filter.orderNumber ?? null,
        reference: filter.reference ?? null,
        from: filter.from ?? null,
        to: filter.to ?? null,
        amountMinimum: filter.amountMinimum ?? null,
        amountMaximum: filter.amountMaximum ?? null,
        order: args.order ?? 'desc',
        first: args.first ?? journalPageDefault,
        after: args.after ?? null,
      });
    },
  }),
);

const AuditBlockType = builder.objectRef<TransferBlock>('AuditTransferBlock').implement({
  description: 'Where a transfer sits in the hash chain.',
  fields: (t) => ({
    number: t.string({ resolve: (found) => found.block.number.toString() }),
    hash: t.string({ resolve: (found) => found.block.hash }),
    previousHash: t.string({ resolve: (found) => found.block.previousHash }),
    sealedAt: t.field({ type: 'DateTime', resolve: (found) => found.block.sealedAt }),
    transferCount: t.int({ resolve: (found) => found.block.transferCount }),
    position: t.int({ description: 'The transfer’s position in the block, from 0.', resolve: (found) => found.position }),
    digest: t.string({ description: 'SHA-256 of the transfer’s canonical form.', resolve: (found) => found.digest }),
    digestMatches: t.boolean({ description: 'The digest the block stored equals the transfer’s digest now.', resolve: (found) => found.digestMatches }),
  }),
});

const AuditTransferDetailType = builder.objectRef<AuditTransferDetail>('AuditTransferDetail').implement({
  fields: (t) => ({
    transfer: t.field({ type: AuditTransferType, resolve: (detail) => detail.line }),
    block: t.field({ type: AuditBlockType, nullable: true, description: 'Null while the transfer is not sealed yet.', resolve: (detail) => detail.block }),
    linked: t.field({ type: [AuditTransferType], description: 'The hold it resolves, the post or void that resolved it, the transfer it reverses.', resolve: (detail) => detail.linked }),
    sameReference: t.field({ type: [AuditTransferType], description: 'Other transfers with the same reference that are not linked, oldest first (at most 50).', resolve: (detail) => detail.sameReference }),
  }),
});

builder.queryField('auditTransfer', (t) =>
  t.field({
    type: AuditTransferDetailType,
    nullable: true,
    description: 'One transfer opened: both sides, what it belongs to, its hash-chain block. Accountants and admins only.',
    authScopes: auditors,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, context) => readTransfer(context, String(id)),
  }),
);

const AuditAccountsPageType = builder.objectRef<{ accounts: AuditAccount[]; nextAfter: string | null }>('AuditAccountsPage').implement({
  fields: (t) => ({
    accounts: t.field({ type: [AuditAccountType], description: 'The fund, escrow and system accounts first, then members by name.', resolve: (page) => page.accounts }),
    endCursor: t.string({ nullable: true, resolve: (page) => page.nextAfter }),
    hasNextPage: t.boolean({ resolve: (page) => page.nextAfter !== null }),
  }),
});

builder.queryField('auditAccounts', (t) =>
  t.field({
    type: AuditAccountsPageType,
    description: 'All accounts of the cooperative currency with their balances, up to 1,000 a page. Accountants and admins only.',
    authScopes: auditors,
    args: { after: t.arg.string({ required: false }) },
    resolve: (_root, { after }, context) => listAuditAccounts(context, { after: after ?? null }),
  }),
);

const AuditStatementEntryType = builder.objectRef<AuditStatementEntry>('AuditStatementEntry').implement({
  fields: (t) => ({
    transfer: t.field({ type: AuditTransferType, resolve: (entry) => entry.line }),
    side: t.string({ description: 'debit or credit: this account’s side.', resolve: (entry) => entry.side }),
    change: t.field({ type: 'Decimal', description: 'Change of the posted balance.', resolve: (entry) => amountText(entry.postedChange) }),
    pendingDebitsChange: t.field({ type: 'Decimal', resolve: (entry) => amountText(entry.pendingDebitsChange) }),
    pendingCreditsChange: t.field({ type: 'Decimal', resolve: (entry) => amountText(entry.pendingCreditsChange) }),
    balance: t.field({ type: 'Decimal', description: 'Posted balance right after this transfer.', resolve: (entry) => amountText(entry.postedBalance) }),
  }),
});

const AuditAccountStatementType = builder.objectRef<AuditAccountStatement>('AuditAccountStatement').implement({
  fields: (t) => ({
    account: t.field({ type: AuditAccountType, resolve: (statement) => statement.account }),
    from: t.field({ type: 'DateTime', nullable: true, resolve: (statement) => statement.from }),
    to: t.field({ type: 'DateTime', nullable: true, resolve: (statement) => statement.to }),
    openingBalance: t.field({ type: 'Decimal', description: 'Posted balance before the period.', resolve: (statement) => amountText(statement.openingBalance) }),
    closingBalance: t.field({ type: 'Decimal', description: 'Posted balance at the end of the period.', resolve: (statement) => amountText(statement.closingBalance) }),
    entries: t.field({ type: [AuditStatementEntryType], description: 'Oldest first.', resolve: (statement) => statement.entries }),
    endCursor: t.string({ nullable: true, resolve: (statement) => statement.nextCursor }),
    hasNextPage: t.boolean({ resolve: (statement) => statement.nextCursor !== null }),
  }),
});

builder.queryField('auditAccountStatement', (t) =>
  t.field({
    type: AuditAccountStatementType,
    nullable: true,
    description: 'An account’s statement for a period (from inclusive, to exclusive). Null for an unknown account. Accountants and admins only.',
    authScopes: auditors,
    errors: { types: [ValidationError] },
    args: {
      accountId: t.arg.id({ required: true }),
      from: t.arg({ type: 'DateTime', required: false }),
      to: t.arg({ type: 'DateTime', required: false }),
      first: t.arg.int({ required: false }),
      after: t.arg.string({ required: false }),
    },
    resolve: (_root, args, context) =>
      readAccountStatement(context, {
        accountId: String(args.accountId),
        from: args.from ?? null,
        to: args.to ?? null,
        ...(args.first ? { first: args.first } : {}),
        after: args.after ?? null,
      }),
  }),
);

const OpenHoldType = builder.objectRef<OpenHold>('AuditOpenHold').implement({
  fields: (t) => ({
    transfer: t.field({ type: AuditTransferType, resolve: (hold) => hold.line }),
    ageDays: t.exposeInt('ageDays', { description: 'Whole days since the hold was written.' }),
    overdue: t.exposeBoolean('overdue', { description: 'Its expiry has passed; the expiry job voids it.' }),
  }),
});

const OpenHoldsTotalType = builder.objectRef<OpenHoldsTotal>('AuditOpenHoldsTotal').implement({
  fields: (t) => ({
    account: t.field({ type: AuditAccountType, description: 'The account the holds are held for.', resolve: (total) => total.account }),
    count: t.exposeInt('count'),
    amount: t.field({ type: 'Decimal', resolve: (total) => amountText(total.amount) }),
    reconciled: t.exposeBoolean('reconciled', { description: "The amount equals the account's pending credits." }),
  }),
});

const OpenHoldsType = builder.objectRef<OpenHolds>('AuditOpenHolds').implement({
  fields: (t) => ({
    holds: t.field({ type: [OpenHoldType], description: 'Oldest first.', resolve: (holds) => holds.holds }),
    count: t.exposeInt('count', { description: 'All open holds, not only this page.' }),
    amount: t.field({ type: 'Decimal', description: 'Sum of all open holds.', resolve: (holds) => amountText(holds.amount) }),
    totals: t.field({ type: [OpenHoldsTotalType], description: 'Per account the holds are held for, escrow first.', resolve: (holds) => holds.totals }),
    reconciled: t.exposeBoolean('reconciled', { description: 'Every total equals its account’s pending credits.' }),
    endCursor: t.string({ nullable: true, resolve: (holds) => holds.nextCursor }),
    hasNextPage: t.boolean({ resolve: (holds) => holds.nextCursor !== null }),
  }),
});

builder.queryField('auditOpenHolds', (t) =>
  t.field({
    type: OpenHoldsType,
    description: 'Every hold not yet posted or voided, with totals reconciled with escrow. Accountants and admins only.',
    authScopes: auditors,
    errors: { types: [ValidationError] },
    args: {
      first: t.arg.int({ required: false, description: `1 to ${openHoldsPageMaximum}; default ${openHoldsPageDefault}.` }),
      after: t.arg.string({ required: false }),
    },
    resolve: (_root, args, context) => readOpenHolds(context, { ...(args.first ? { first: args.first } : {}), after: args.after ?? null }, new Date()),
  }),
);

const SummaryMonthType = builder.objectRef<SummaryMonth>('AuditSummaryMonth').implement({
  fields: (t) => ({
    month: t.exposeString('month', { description: 'The UTC month, "2026-11".' }),
    tradeCount: t.exposeInt('tradeCount', { description: 'Orders settled from escrow and payments between members.' }),
    tradeVolume: t.field({ type: 'Decimal', resolve: (month) => amountText(month.tradeVolume) }),
    contributions: t.field({ type: 'Decimal', description: 'Paid to the fund.', resolve: (month) => amountText(month.contributions) }),
    contributionCount: t.exposeInt('contributionCount'),
    supply: t.field({ type: 'Decimal', description: 'Sum of the positive balances at the month’s end.', resolve: (month) => amountText(month.supply) }),
    owed: t.field({ type: 'Decimal', description: 'Sum of the negative balances at the month’s end, as a positive amount.', resolve: (month) => amountText(month.owed) }),
    accountsPositive: t.exposeInt('accountsPositive'),
    accountsNegative: t.exposeInt('accountsNegative'),
  }),
});

const SummaryMovementType = builder.objectRef<PeriodSummary['movements'][number]>('AuditSummaryMovement').implement({
  description: 'Posted movements of one kind and type in one month.',
  fields: (t) => ({
    month: t.exposeString('month'),
    kind: t.exposeString('kind'),
    type: t.string({ resolve: (row) => row.type }),
    count: t.exposeInt('count'),
    amount: t.field({ type: 'Decimal', resolve: (row) => amountText(row.amount) }),
  }),
});

const CreditLinesType = builder.objectRef<CreditLines>('AuditCreditLines').implement({
  fields: (t) => ({
    members: t.exposeInt('members', { description: 'Open member accounts with a credit limit above zero.' }),
    nearLimit: t.exposeInt('nearLimit', { description: 'Of these, the ones that can spend at most 10 % of their limit.' }),
    nearLimitPercent: t.string({ description: 'nearLimit of members in percent, one decimal.', resolve: (lines) => lines.nearLimitPercent.toFixed(1) }),
  }),
});

const PeriodSummaryType = builder.objectRef<PeriodSummary>('AuditPeriodSummary').implement({
  fields: (t) => ({
    months: t.field({ type: [SummaryMonthType], description: 'Oldest first.', resolve: (summary) => summary.months }),
    movements: t.field({ type: [SummaryMovementType], description: 'Every posted movement grouped by month, kind and type.', resolve: (summary) => summary.movements }),
    creditLines: t.field({ type: CreditLinesType, description: 'Now.', resolve: (summary) => summary.creditLines }),
  }),
});

builder.queryField('auditPeriodSummary', (t) =>
  t.field({
    type: PeriodSummaryType,
    description: 'The months in figures. Accountants and admins only.',
    authScopes: auditors,
    errors: { types: [ValidationError] },
    args: {
      fromMonth: t.arg.string({ required: false, description: 'The first month, "2026-01"; default: so that the range ends with this month.' }),
      months: t.arg.int({ required: false, description: `1 to 60; default ${summaryMonthsDefault}.` }),
    },
    resolve: (_root, args, context) => readPeriodSummary(context, { fromMonth: args.fromMonth ?? null, ...(args.months ? { months: args.months } : {}) }, new Date()),
  }),
);
