// Creates the cooperative's currency (with its fund and escrow accounts) when it is missing.
// Running it again changes nothing, so it runs at every start.
import type { Currency, Ledger } from '@allmende/ledger';
import { cooperativeCurrency } from './cooperative-currency';

export async function ensureCooperativeLedger(ledger: Ledger): Promise<Currency> {
  const result = await ledger.createCurrency(cooperativeCurrency);
  if (!result.ok) {
    // currency_exists here means a currency with the same code but other settings: a setup error.
    throw new Error(`The cooperative currency ${cooperativeCurrency.code} cannot be set up: ${result.code}`);
  }
  return result.currency;
}
