// The cooperative's one currency and the codes of its system accounts. The ledger creates the fund
// and escrow accounts together with the currency.
export const cooperativeCurrency = { code: 'TALER', name: 'Taler', symbol: 'T', scale: 2 } as const;

export const fundAccountCode = 'fund';
export const escrowAccountCode = 'escrow';

/** An amount as text at the currency's scale, as GraphQL and notifications show it ("12.50"). */
export function amountText(value: { toFixed(digits: number): string }): string {
  return value.toFixed(cooperativeCurrency.scale);
}
