// getMoneySupply: in mutual credit, money is what members with a positive balance hold; the same
// amount is owed by the accounts below zero.
import { type Decimal } from '../domain/money';
import { type LedgerContext } from './context';

export interface MoneySupply {
  currency: string;
  asOf: Date | null;
  /** Sum of the positive posted balances. */
  supply: Decimal;
  /** Sum of the negative posted balances, as a positive number (equal to supply). */
  owed: Decimal;
  accountsPositive: number;
  accountsNegative: number;
}

export async function getMoneySupply(context: LedgerContext, query: { currency: string; asOf?: Date | null }): Promise<MoneySupply> {
  const asOf = query.asOf ?? null;
  const aggregate = await context.store.read.postedAggregate({ currency: query.currency, asOf });
  return {
    currency: query.currency,
    asOf,
    supply: aggregate.positive,
    owed: aggregate.negative.negated(),
    accountsPositive: aggregate.accountsPositive,
    accountsNegative: aggregate.accountsNegative,
  };
}
