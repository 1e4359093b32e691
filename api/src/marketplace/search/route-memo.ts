// Which of the two ways of answering a search (see newest-window.ts) a search needed last
// time. People repeat searches, and whether a term is common or rare changes slowly, so a search
// that did not fill its page from the window of newest offers goes to the text index directly the
// next time instead of testing the window again. Either way gives the same offers; the memo only
// saves work, so forgetting (size limit, age) is harmless.

export interface SearchRouteMemo {
  /** True when this search recently found too few matches among the newest offers. */
  needsTextIndex(key: string): boolean;
  remember(key: string, needsTextIndex: boolean): void;
}

export function createSearchRouteMemo(options: { entriesMax: number; ageMaxMs: number; clock?: () => number }): SearchRouteMemo {
  const clock = options.clock ?? Date.now;
  // A Map keeps insertion order, so the first key is the one written longest ago.
  const entries = new Map<string, number>();
  return {
    needsTextIndex(key) {
      const writtenAt = entries.get(key);
      if (writtenAt === undefined) return false;
      if (clock() - writtenAt > options.ageMaxMs) {
        entries.delete(key);
        return false;
      }
      return true;
    },
    remember(key, needsTextIndex) {
      entries.delete(key);
      if (!needsTextIndex) return;
      entries.set(key, clock());
      if (entries.size > options.entriesMax) entries.delete(entries.keys().next().value!);
    },
  };
}
