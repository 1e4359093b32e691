// createCurrency: a currency with its common fund and escrow accounts, in one transaction. Sending
// the same request again returns the existing currency.
import { type Account } from '../domain/account';
import { type CreateCurrencyFailureCode, type CreateCurrencyInput, type Currency, CURRENCY_SCALE_DEFAULT, currencyMatches, validateCreateCurrency } from '../domain/currency';
import { ZERO } from '../domain/money';
import { type LedgerContext, withConflictRetries } from './context';

export type CreateCurrencyResult =
  | { ok: true; currency: Currency; alreadyExisted: boolean }
  | { ok: false; code: CreateCurrencyFailureCode };

/** Names of the system accounts every currency gets. */
const systemAccounts = [
  { type: 'fund', name: 'Common fund' },
  { type: 'escrow', name: 'Escrow' },
] as const;

export async function createCurrency(context: LedgerContext, input: CreateCurrencyInput): Promise<CreateCurrencyResult> {
  const invalid = validateCreateCurrency(input);
  if (invalid) return { ok: false, code: invalid };
  const now = context.clock();
  const currency: Currency = {
    code: input.code,
    name: input.name.trim(),
    symbol: input.symbol.trim(),
    scale: input.scale ?? CURRENCY_SCALE_DEFAULT,
    createdAt: now,
  };
  const result = await withConflictRetries(context, () =>
    context.store.transaction(async (transaction): Promise<CreateCurrencyResult> => {
      if (!(await transaction.insertCurrency(currency))) {
        const [existing] = await transaction.findCurrencies([currency.code]);
        if (!existing) throw new Error(`Currency ${currency.code} could not be inserted nor found`);
        return currencyMatches(existing, input) ? { ok: true, currency: existing, alreadyExisted: true } : { ok: false, code: 'currency_exists' };
      }
      for (const system of systemAccounts) {
        const account: Account = {
          id: context.newId(),
          currency: currency.code,
          type: system.type,
          code: system.type,
          name: system.name,
          creditLimit: ZERO,
          maximumBalance: null,
          status: 'open',
          debitsPosted: ZERO,
          creditsPosted: ZERO,
          debitsPending: ZERO,
          creditsPending: ZERO,
          createdAt: now,
          closedAt: null,
        };
        if (!(await transaction.insertAccount(account))) throw new Error(`The ${system.type} account of ${currency.code} already exists`);
      }
      return { ok: true, currency, alreadyExisted: false };
    }),
  );
  if (result.ok) context.currencies.remember(result.currency);
  return result;
}
