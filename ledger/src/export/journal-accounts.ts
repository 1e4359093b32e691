// Account names for journal exports (hledger, beancount). Both tools need names made of components
// separated by ":"; beancount is the stricter: each component starts with a capital letter and holds
// only letters, digits and dashes, and the first is one of its five root types. Names are derived from
// the ledger account's type and code, and made unique by appending part of the id if two codes collide.
import { type Account, type AccountType } from '../domain/account';

const parentByType: Record<AccountType, string> = {
  member: 'Assets:Members',
  fund: 'Equity',
  escrow: 'Liabilities',
  system: 'Equity:System',
};

/** One component of an account name: "member-anna_2" becomes "Member-Anna-2". */
export function accountNameComponent(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
  const joined = words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('-');
  if (joined.length === 0) return 'Unnamed';
  return /^[A-Z]/.test(joined) ? joined : `A${joined}`;
}

export function idComponent(accountId: string): string {
  return `Id-${accountId.replace(/-/g, '').slice(0, 12)}`;
}

/** The account's journal name before collisions are resolved. */
export function journalAccountName(account: Pick<Account, 'id' | 'type' | 'code'>): string {
  if (account.type === 'fund') return 'Equity:Fund';
  if (account.type === 'escrow') return 'Liabilities:Escrow';
  const leaf = account.code === null ? idComponent(account.id) : accountNameComponent(account.code);
  return `${parentByType[account.type]}:${leaf}`;
}

/** Journal names for all accounts of one export; accounts must come in a stable order (by id). */
export class JournalAccountNames {
  private readonly byId = new Map<string, string>();
  private readonly taken = new Set<string>();

  add(account: Pick<Account, 'id' | 'type' | 'code'>): string {
    const existing = this.byId.get(account.id);
    if (existing) return existing;
    let name = journalAccountName(account);
    if (this.taken.has(name)) name = `${name}-${idComponent(account.id)}`;
    this.byId.set(account.id, name);
    this.taken.add(name);
    return name;
  }

  nameOf(accountId: string): string {
    const name = this.byId.get(accountId);
    if (name === undefined) throw new Error(`Account ${accountId} is not part of this export`);
    return name;
  }

  /** Names in the order the accounts were added. */
  names(): string[] {
    return [...this.byId.values()];
  }
}
