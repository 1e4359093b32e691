// The logged-in member's wallet: their account in the cooperative currency, its statement and
// balance history, finding other members to pay, and paying them.
import type { PrismaClient } from '../db/client';
import { type Account, type AccountBalance, type Currency, type Decimal, type Ledger, type Transfer } from '@allmende/ledger';
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { builder } from '../builder';
import { ValidationError } from '../errors';
import { balanceHistoryDaysDefault, balanceHistoryDaysMaximum, readBalanceHistory, type BalancePoint } from '../wallet/balance-history';
import { amountText, cooperativeCurrency } from '../wallet/cooperative-currency';
import { ensureMemberAccount, memberIdOfAccountCode } from '../wallet/ensure-member-account';
import { IdempotencyKeyReusedError, InsufficientCreditError, RecipientLimitReachedError, RecipientNotFoundError, TransferRejectedError } from '../wallet/errors';
import { findRecipients, type Recipient } from '../wallet/find-recipients';
import { readStatement, StatementCursorInvalidError, statementPageDefault, statementPageMaximum, type StatementEntry, type StatementPage } from '../wallet/read-statement';
import { sendCredits } from '../wallet/send-credits';
import type { StatementEntryState, StatementPurpose } from '../wallet/statement-entries';
import { creditLimitExplanation, type CreditLimitExplanation } from '../wallet/earned-credit';
import { orderLink } from '../notifications/order-notifications';
import './wallet-errors';

interface WalletAccount {
  account: Account;
  balance: AccountBalance;
}


export const CurrencyType = builder.objectRef<Pick<Currency, 'code' | 'name' | 'symbol' | 'scale'>>('Currency').implement({
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    symbol: t.exposeString('symbol'),
    scale: t.exposeInt('scale', { description: 'Digits after the decimal point of every amount.' }),
  }),
});

const StatementPurposeEnum = builder.enumType('StatementPurpose', {
  description: 'What a statement entry was for, as the member reads it.',
  values: {
    PAYMENT_SENT: { value: 'payment_sent', description: 'A payment to another member.' },
    PAYMENT_RECEIVED: { value: 'payment_received', description: 'A payment from another member.' },
    ORDER_RESERVED: { value: 'order_reserved', description: 'Reserved for an open order; not spent yet.' },
    ORDER_PAID: { value: 'order_paid', description: "An order paid to its producer." },
    ORDER_RELEASED: { value: 'order_released', description: "An order's reservation released: the order was cancelled, declined or refunded." },
    ORDER_SALE: { value: 'order_sale', description: 'A settled order paid to its producer by the buyer, less the cooperative contribution.' },
    SURPLUS_SHARE: { value: 'surplus_share', description: "The member's share of a period's surplus, paid from the common fund." },
    DEMURRAGE: { value: 'demurrage', description: 'Demurrage: the fee on the balance above the exempt amount, paid to the common fund at a period end.' },
    OTHER: { value: 'other', description: 'Anything else, e.g. a transfer by the cooperative.' },
  } as const satisfies Record<string, { value: StatementPurpose; description: string }>,
});

const StatementEntryStateEnum = builder.enumType('StatementEntryState', {
  values: {
    PENDING: { value: 'pending', description: 'Reserved: counts against what is available, the balance has not moved.' },
    BOOKED: { value: 'booked', description: 'The balance moved.' },
    RELEASED: { value: 'released', description: 'A reservation ended without a payment; the balance has not moved.' },
  } as const satisfies Record<string, { value: StatementEntryState; description: string }>,
});

const StatementOrderType = builder.objectRef<NonNullable<StatementEntry['order']>>('StatementOrder').implement({
  description: 'The order a statement entry belongs to.',
  fields: (t) => ({
    id: t.id({ description: 'The Order id.', resolve: (order) => encodeGlobalID('Order', order.id) }),
    number: t.exposeInt('number', { description: 'The order number members see.' }),
    path: t.string({ description: "The order's page in the web app.", resolve: (order) => orderLink(order.id) }),
  }),
});

function optionalAmount(value: Decimal | null): string | null {
  return value === null ? null : amountText(value);
}

const StatementEntryType = builder.objectRef<StatementEntry>('StatementEntry').implement({
  fields: (t) => ({
    transferId: t.exposeID('transferId'),
    date: t.expose('date', { type: 'DateTime' }),
    purpose: t.field({ type: StatementPurposeEnum, resolve: (entry) => entry.purpose }),
    state: t.field({ type: StatementEntryStateEnum, resolve: (entry) => entry.state }),
    counterpartyName: t.string({
      description: "The other member's display name (for an order, the other member of the order), or the system account's name.",
      resolve: (entry) => entry.counterparty.name,
    }),
    counterpartyId: t.id({
      nullable: true,
      description: 'The other member, or null for system accounts.',
      resolve: (entry) => (entry.counterparty.memberId ? encodeGlobalID('Member', entry.counterparty.memberId) : null),
    }),
    counterpartyType: t.string({
      nullable: true,
      description: "The other account's type: member, fund, escrow or system.",
      resolve: (entry) => entry.counterparty.type,
    }),
    order: t.field({ type: StatementOrderType, nullable: true, resolve: (entry) => entry.order }),
    memo: t.exposeString('memo', { description: 'The text the ledger keeps; for payments between members, the payer\'s note.' }),
    kind: t.exposeString('kind', { description: 'The ledger\'s kind of the transfer, e.g. "payment".' }),
    amount: t.field({ type: 'Decimal', description: 'Signed change of the balance: negative when paying, zero for reservations and releases.', resolve: (entry) => amountText(entry.amount) }),
    reservedAmount: t.field({ type: 'Decimal', nullable: true, description: 'For a pending entry: the amount reserved, negative when it will be paid.', resolve: (entry) => optionalAmount(entry.reservedAmount) }),
    releasedAmount: t.field({ type: 'Decimal', nullable: true, description: 'What a release, or a payment of less than was reserved, gave back.', resolve: (entry) => optionalAmount(entry.releasedAmount) }),
    contributionAmount: t.field({ type: 'Decimal', nullable: true, description: 'For a sale: the cooperative contribution paid to the common fund from the same order.', resolve: (entry) => optionalAmount(entry.contributionAmount) }),
    surplusPeriod: t.exposeString('surplusPeriod', { nullable: true, description: 'For a share of the surplus: its period, e.g. "2026-11" (see mySurplusShare).' }),
    balance: t.field({ type: 'Decimal', description: 'Balance right after this entry.', resolve: (entry) => amountText(entry.balance) }),
  }),
});

const StatementType = builder.objectRef<StatementPage>('Statement').implement({
  fields: (t) => ({
    entries: t.field({ type: [StatementEntryType], description: 'Newest first.', resolve: (page) => page.entries }),
    endCursor: t.string({ nullable: true, description: 'Pass as `after` for the next page; null on the last page.', resolve: (page) => page.nextCursor }),
    hasNextPage: t.boolean({ resolve: (page) => page.nextCursor !== null }),
  }),
});

const BalancePointType = builder.objectRef<BalancePoint>('BalancePoint').implement({
  fields: (t) => ({
    date: t.expose('date', { type: 'DateTime', description: 'End of the day (UTC); the last point is now.' }),
    balance: t.field({ type: 'Decimal', resolve: (point) => amountText(point.balance) }),
  }),
});

const CreditLimitExplanationType = builder.objectRef<CreditLimitExplanation>('CreditLimitExplanation').implement({
  description: "A member's credit limit: the policy's limit plus earned credit from confirmed sales, if the policy has it.",
  fields: (t) => ({
    base: t.field({ type: 'Decimal', description: "The credit policy's limit.", resolve: (explanation) => explanation.base }),
    earned: t.field({ type: 'Decimal', description: 'What the sales add.', resolve: (explanation) => explanation.earned }),
    limit: t.field({ type: 'Decimal', description: 'Both together: the limit the account gets.', resolve: (explanation) => explanation.limit }),
    sales: t.field({ type: 'Decimal', nullable: true, description: 'Confirmed sales in the window; null without earned credit.', resolve: (explanation) => explanation.sales }),
    share: t.string({ nullable: true, resolve: (explanation) => explanation.share }),
    months: t.int({ nullable: true, resolve: (explanation) => explanation.months }),
    cap: t.field({ type: 'Decimal', nullable: true, resolve: (explanation) => explanation.cap }),
  }),
});

export const WalletAccountType = builder.objectRef<WalletAccount>('WalletAccount').implement({
  description: "A member's account in the cooperative currency. Amounts are decimal strings.",
  fields: (t) => ({
    currency: t.field({ type: CurrencyType, resolve: () => cooperativeCurrency }),
    balance: t.field({ type: 'Decimal', description: 'Posted balance; negative when the member owes.', resolve: ({ balance }) => amountText(balance.posted) }),
    available: t.field({ type: 'Decimal', description: 'What can be sent now: balance minus outgoing holds plus the credit limit.', resolve: ({ balance }) => amountText(balance.available) }),
    creditLimit: t.field({ type: 'Decimal', description: 'How far below zero the balance may go.', resolve: ({ balance }) => amountText(balance.creditLimit) }),
    maximumBalance: t.field({ type: 'Decimal', nullable: true, resolve: ({ balance }) => (balance.maximumBalance ? amountText(balance.maximumBalance) : null) }),
    pendingDebits: t.field({ type: 'Decimal', description: 'Outgoing holds, e.g. for open orders.', resolve: ({ balance }) => amountText(balance.pendingDebits) }),
    pendingCredits: t.field({ type: 'Decimal', description: 'Incoming holds, not yet spendable.', resolve: ({ balance }) => amountText(balance.pendingCredits) }),
    creditLimitExplanation: t.field({
      type: CreditLimitExplanationType,
      description: 'How the credit limit is computed under the credit policy in force.',
      resolve: ({ account }, _args, context) => creditLimitExplanation(context.prisma, memberIdOfAccountCode(account.code) ?? ''),
    }),
    statement: t.field({
      type: StatementType,
      args: {
        first: t.arg.int({ required: false, description: `1 to ${statementPageMaximum}; default ${statementPageDefault}.` }),
        after: t.arg.string({ required: false }),
      },
      resolve: async ({ account }, args, context) => {
        try {
          return await readStatement(context, account, { first: args.first ?? statementPageDefault, after: args.after ?? null });
        } catch (error) {
          if (error instanceof StatementCursorInvalidError) throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
          throw error;
        }
      },
    }),
    balanceHistory: t.field({
      type: [BalancePointType],
      description: `The balance at the end of each day, oldest first, one point per day (at most ${balanceHistoryDaysMaximum}).`,
      args: { days: t.arg.int({ required: false, description: `Default ${balanceHistoryDaysDefault}.` }) },
      resolve: ({ account }, args, context) => readBalanceHistory(context.ledger, account.id, args.days ?? balanceHistoryDaysDefault, new Date()),
    }),
  }),
});

async function walletOf(context: { ledger: Ledger; prisma: PrismaClient }, member: { id: string; displayName: string }): Promise<WalletAccount> {
  const account = await ensureMemberAccount(context, member);
  const [balance] = await context.ledger.getBalances([account.id]);
  if (!balance) throw new Error(`The account ${account.id} has no balance`);
  return { account, balance };
}

builder.queryField('myAccount', (t) =>
  t.withAuth({ member: true }).field({
    type: WalletAccountType,
    description: "The logged-in member's account; created with the default credit limit when missing.",
    resolve: (_root, _args, context) => walletOf(context, context.member),
  }),
);

const RecipientType = builder.objectRef<Recipient>('Recipient').implement({
  description: 'Another member who can be paid.',
  fields: (t) => ({
    id: t.id({ description: 'The member id.', resolve: (recipient) => encodeGlobalID('Member', recipient.id) }),
    displayName: t.exposeString('displayName'),
  }),
});

builder.queryField('recipients', (t) =>
  t.withAuth({ member: true }).field({
    type: [RecipientType],
    description: 'Up to 10 other members whose display name contains the search text.',
    args: { search: t.arg.string({ required: true }) },
    resolve: (_root, { search }, context) => findRecipients(context.prisma, context.member.id, search),
  }),
);

const SendCreditsInput = builder.inputType('SendCreditsInput', {
  fields: (t) => ({
    recipientId: t.id({ required: true, description: 'A Recipient or Member id.' }),
    amount: t.field({ type: 'Decimal', required: true, description: 'Positive, at most 2 decimal places.' }),
    memo: t.string({ required: false }),
    idempotencyKey: t.string({ required: true, description: 'Chosen by the client once per payment and sent again on retry.' }),
  }),
});

interface SendCreditsPayload {
  transfer: Transfer;
  alreadyExisted: boolean;
  wallet: WalletAccount;
}

const SentTransferType = builder.objectRef<Transfer>('SentTransfer').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    amount: t.field({ type: 'Decimal', resolve: (transfer) => amountText(transfer.amount) }),
    memo: t.exposeString('memo'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const SendCreditsPayloadType = builder.objectRef<SendCreditsPayload>('SendCreditsPayload').implement({
  fields: (t) => ({
    transfer: t.field({ type: SentTransferType, resolve: (payload) => payload.transfer }),
    alreadyExisted: t.exposeBoolean('alreadyExisted', { description: 'True when this repeated an earlier request with the same key.' }),
    account: t.field({ type: WalletAccountType, description: "The sender's account after the payment.", resolve: (payload) => payload.wallet }),
  }),
});

/** Member ids arrive as global ids from the schema; a bare UUID is accepted too. */
function memberIdOf(recipientId: string): string {
  try {
    const decoded = decodeGlobalID(recipientId);
    if (decoded.typename === 'Member') return decoded.id;
  } catch {
    // Not a global id: treated as a member id and checked by the use case.
  }
  return recipientId;
}

builder.mutationField('sendCredits', (t) =>
  t.withAuth({ member: true }).field({
    type: SendCreditsPayloadType,
    description: 'Pays another member. Retrying with the same idempotency key returns the first result.',
    args: { input: t.arg({ type: SendCreditsInput, required: true }) },
    errors: {
      types: [ValidationError, InsufficientCreditError, RecipientNotFoundError, RecipientLimitReachedError, IdempotencyKeyReusedError, TransferRejectedError],
    },
    resolve: async (_root, { input }, context) => {
      const result = await sendCredits(context, context.member, {
        recipientId: memberIdOf(String(input.recipientId)),
        amount: input.amount,
        memo: input.memo ?? '',
        idempotencyKey: input.idempotencyKey,
      });
      const account = await ensureMemberAccount(context, context.member);
      return { transfer: result.transfer, alreadyExisted: result.alreadyExisted, wallet: { account, balance: result.balance } };
    },
  }),
);
