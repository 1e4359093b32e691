// The text query of a search, in web search syntax: words, "quoted phrases", -excluded words and
// "or" between alternatives (as PostgreSQL's websearch_to_tsquery reads it). Each word or phrase is
// matched with both languages' stemming ("Äpfel" finds "Apfel" through German, "apples" finds "apple"
// through English), and a word of four or more letters also matches title words that end in it, so
// "Honig" finds "Waldhonig" and "Brot" finds "Roggenmischbrot" (the search vector holds the endings
// of title words, marked "~"; see the offer_word_endings migration). Shorter words would end too many
// others ("Ei" in "Bäckerei"). An excluded word excludes the whole word only.
import { Prisma } from '../../../../prisma/generated/client/client';

export interface TextTerm {
  text: string;
  phrase: boolean;
  excluded: boolean;
}

/** Terms at most; a query is at most 200 characters anyway. */
const termsMax = 32;

/** The query as alternatives (joined by "or") within groups that must all match. */
export function parseWebSearch(query: string): TextTerm[][] {
  const groups: TextTerm[][] = [];
  let alternative = false;
  for (const match of query.matchAll(/(-?)"([^"]*)"?|(\S+)/gu)) {
    if (groups.flat().length >= termsMax) break;
    const [, minus, quoted, bare] = match;
    if (bare !== undefined && bare.toLowerCase() === 'or') {
      alternative = groups.length > 0;
      continue;
    }
    const excluded = minus === '-' || (bare?.startsWith('-') ?? false);
    const text = (quoted ?? bare!.replace(/^-+/, '')).trim();
    if (!text) continue;
    const term = { text, phrase: quoted !== undefined, excluded };
    if (alternative && !excluded) groups.at(-1)!.push(term);
    else groups.push([term]);
    alternative = false;
  }
  return groups;
}

function endsCompounds(text: string): boolean {
  return /^\p{L}{4,}$/u.test(text);
}

function termQuery(term: TextTerm): Prisma.Sql {
  const parse = term.phrase ? Prisma.raw('phraseto_tsquery') : Prisma.raw('websearch_to_tsquery');
  const words = Prisma.sql`${parse}('german', ${term.text}) || ${parse}('english', ${term.text})`;
  if (term.excluded) return Prisma.sql`!!(${words})`;
  if (!endsCompounds(term.text)) return Prisma.sql`(${words})`;
  return Prisma.sql`(${words} || quote_literal('~' || lower(${term.text}))::tsquery)`;
}

/** The tsquery of a search; null when the query has no term. */
export function textQuery(query: string): Prisma.Sql | null {
  const groups = parseWebSearch(query);
  if (groups.length === 0) return null;
  return Prisma.join(
    groups.map((group) => Prisma.sql`(${Prisma.join(group.map(termQuery), ' || ')})`),
    ' && ',
  );
}
