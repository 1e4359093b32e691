// createAccount: a member or system account in an existing currency, starting at zero. Sending the
// same request again (same id or code, same content) returns the existing account.
import { type Account } from '../domain/account';
import { type CreateAccountFailureCode, type CreateAccountInput, CREATABLE_ACCOUNT_TYPES, validateCreateAccountShape, validateLimits } from '../domain/account-requests';
import { ZERO } from '../domain/money';
import { type LedgerContext, assertContract, withConflictRetries } from './context';

export type CreateAccountResult =
  | { ok: true; account: Account; alreadyExisted: boolean }
  | { ok: false; code: CreateAccountFailureCode };

function sameAccount(existing: Account, wanted: Account, idGiven: boolean): boolean {
  return (
    (!idGiven || existing.id === wanted.id) &&
    existing.currency === wanted.currency &&
    existing.type === wanted.type &&
    existing.code === wanted.code &&
    existing.name === wanted.name &&
    existing.creditLimit.eq(wanted.creditLimit) &&
    (existing.maximumBalance === null ? wanted.maximumBalance === null : wanted.maximumBalance !== null && existing.maximumBalance.eq(wanted.maximumBalance))
  );
}

export async function createAccount(context: LedgerContext, input: CreateAccountInput): Promise<CreateAccountResult> {
  assertContract(CREATABLE_ACCOUNT_TYPES.includes(input.type), `Account type ${String(input.type)} cannot be created directly`);
  const invalid = validateCreateAccountShape(input);
  if (invalid) return { ok: false, code: invalid };
  const currency = (await context.currencies.load([input.currency], context.store.read)).get(input.currency);
  if (!currency) return { ok: false, code: 'currency_not_found' };
  const limits = validateLimits(input, currency);
  if (typeof limits === 'string') return { ok: false, code: limits };
  const account: Account = {
    id: input.id?.toLowerCase() ?? context.newId(),
    currency: currency.code,
    type: input.type,
    code: input.code ?? null,
    name: input.name.trim(),
    creditLimit: limits.creditLimit,
    maximumBalance: limits.maximumBalance,
    status: 'open',
    debitsPosted: ZERO,
    creditsPosted: ZERO,
    debitsPending: ZERO,
    creditsPending: ZERO,
    createdAt: context.clock(),
    closedAt: null,
  };
  return withConflictRetries(context, () =>
    context.store.transaction(async (transaction): Promise<CreateAccountResult> => {
      if (await transaction.insertAccount(account)) return { ok: true, account, alreadyExisted: false };
      const byId = input.id === undefined ? [] : await transaction.findAccounts([account.id]);
      const existing = byId[0] ?? (account.code === null ? null : (await transaction.findAccountsByCodes(account.currency, [account.code]))[0] ?? null);
      if (existing && sameAccount(existing, account, input.id !== undefined)) return { ok: true, account: existing, alreadyExisted: true };
      return { ok: false, code: 'account_exists' };
    }),
  );
}
