// How a booked share looks in the ledger: an immediate transfer from the fund of kind "surplus",
// referencing its period ("surplus:2026-11"), with the idempotency key "surplus:<period>:<account code>".
export const surplusTransferKind = 'surplus';

export function surplusReference(period: string): string {
  return `surplus:${period}`;
}

/** The period a surplus transfer's reference names, or null for other references. */
export function periodOfSurplusReference(reference: string | null): string | null {
  return reference?.startsWith('surplus:') ? reference.slice('surplus:'.length) : null;
}
