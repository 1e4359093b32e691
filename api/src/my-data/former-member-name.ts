// The name a member who left is shown under: reviews, ledger statements, orders and the register
// keep their history, but no longer say who it was. The number is the member number (none for an
// applicant who never was admitted), so the cooperative can still tell former members apart.
export const formerMemberNames = {
  de: (number: number | null) => (number === null ? 'Ehemaliges Mitglied' : `Ehemaliges Mitglied ${number}`),
  en: (number: number | null) => (number === null ? 'Former member' : `Former member ${number}`),
} as const;

/** The stored display name of a member who left: German, the cooperative's language. */
export function formerMemberName(memberNumber: number | null): string {
  return formerMemberNames.de(memberNumber);
}

/** The pseudonym in the reader's language (German unless they read English). */
export function formerMemberNameIn(locale: string | undefined, memberNumber: number | null): string {
  return locale === 'en' ? formerMemberNames.en(memberNumber) : formerMemberNames.de(memberNumber);
}
