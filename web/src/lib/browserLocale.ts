/**
 * The first of the browser's preferred languages (navigator.languages, most wanted first) that the
 * interface speaks, matched on the language part ("en-GB" is English); null when none is spoken.
 */
export function preferredLocale<Locale extends string>(languages: readonly string[], supported: readonly Locale[]): Locale | null {
  for (const language of languages) {
    const primary = language.toLowerCase().split('-')[0];
    const match = supported.find((locale) => locale === primary);
    if (match) return match;
  }
  return null;
}
