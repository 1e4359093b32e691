// What accountants read: the trial balance of the cooperative currency at any instant and the money
// supply. Accountants and admins only.
import { type MoneySupply, type TrialBalance, type TrialBalanceLine } from '@allmende/ledger';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../builder';
import { amountText, cooperativeCurrency } from '../wallet/cooperative-currency';
import { memberIdOfAccountCode } from '../wallet/ensure-member-account';
import { counterpartyNames } from '../wallet/read-statement';
import { CurrencyType } from './wallet';

interface AuditLine extends TrialBalanceLine {
  /** Member display name or system account name. */
  displayName: string;
}

interface AuditTrialBalance extends Omit<TrialBalance, 'lines'> {
  lines: AuditLine[];
}

const accountTypeOrder = ['fund', 'escrow', 'system', 'member'];


const TrialBalanceLineType = builder.objectRef<AuditLine>('TrialBalanceLine').implement({
  fields: (t) => ({
    accountId: t.exposeID('accountId'),
    accountCode: t.string({ nullable: true, resolve: (line) => line.code }),
    accountType: t.exposeString('type', { description: 'member, fund, escrow or system.' }),
    name: t.exposeString('displayName', { description: "The member's display name or the system account's name." }),
    memberId: t.id({
      nullable: true,
      resolve: (line) => {
        const memberId = memberIdOfAccountCode(line.code);
        return memberId ? encodeGlobalID('Member', memberId) : null;
      },
    }),
    debits: t.field({ type: 'Decimal', resolve: (line) => amountText(line.debits) }),
    credits: t.field({ type: 'Decimal', resolve: (line) => amountText(line.credits) }),
    balance: t.field({ type: 'Decimal', description: 'Credits minus debits.', resolve: (line) => amountText(line.balance) }),
  }),
});

const TrialBalanceType = builder.objectRef<AuditTrialBalance>('TrialBalance').implement({
  fields: (t) => ({
    currency: t.field({ type: CurrencyType, resolve: () => cooperativeCurrency }),
    asOf: t.expose('asOf', { type: 'DateTime', nullable: true, description: 'Null: now.' }),
    lines: t.field({ type: [TrialBalanceLineType], description: 'The fund, escrow and system accounts first, then members by name.', resolve: (balance) => balance.lines }),
    totalDebits: t.field({ type: 'Decimal', resolve: (balance) => amountText(balance.totals.debits) }),
    totalCredits: t.field({ type: 'Decimal', resolve: (balance) => amountText(balance.totals.credits) }),
    balanced: t.boolean({ description: 'Total debits equal total credits.', resolve: (balance) => balance.totals.debits.equals(balance.totals.credits) }),
    hasMoreLines: t.boolean({ description: 'More accounts exist than one page of lines holds.', resolve: (balance) => balance.nextAfterAccountId !== null }),
  }),
});

const MoneySupplyType = builder.objectRef<MoneySupply>('MoneySupply').implement({
  fields: (t) => ({
    currency: t.field({ type: CurrencyType, resolve: () => cooperativeCurrency }),
    asOf: t.expose('asOf', { type: 'DateTime', nullable: true }),
    supply: t.field({ type: 'Decimal', description: 'Sum of the positive balances.', resolve: (supply) => amountText(supply.supply) }),
    owed: t.field({ type: 'Decimal', description: 'Sum of the negative balances, as a positive amount.', resolve: (supply) => amountText(supply.owed) }),
    accountsPositive: t.exposeInt('accountsPositive'),
    accountsNegative: t.exposeInt('accountsNegative'),
  }),
});

builder.queryField('trialBalance', (t) =>
  t.field({
    type: TrialBalanceType,
    description: 'Every account of the cooperative currency with its debits, credits and balance. Accountants and admins only.',
    authScopes: { accountant: true, admin: true },
    args: { asOf: t.arg({ type: 'DateTime', required: false, description: 'Omitted: now.' }) },
    resolve: async (_root, { asOf }, context) => {
      const trialBalance = await context.ledger.getTrialBalance({ currency: cooperativeCurrency.code, asOf: asOf ?? null });
      const names = await counterpartyNames(context.prisma, context.ledger, trialBalance.lines.map((line) => line.accountId));
      const lines = trialBalance.lines.map((line) => ({ ...line, displayName: names.get(line.accountId)?.name ?? line.name }));
      // The cooperative's own accounts first, then members by name.
      lines.sort((a, b) => accountTypeOrder.indexOf(a.type) - accountTypeOrder.indexOf(b.type) || a.displayName.localeCompare(b.displayName, 'de'));
      return { ...trialBalance, lines };
    },
  }),
);

builder.queryField('moneySupply', (t) =>
  t.field({
    type: MoneySupplyType,
    description: 'How much money is in circulation. Accountants and admins only.',
    authScopes: { accountant: true, admin: true },
    args: { asOf: t.arg({ type: 'DateTime', required: false }) },
    resolve: (_root, { asOf }, context) => context.ledger.getMoneySupply({ currency: cooperativeCurrency.code, asOf: asOf ?? null }),
  }),
);
