// Array parameters as PostgreSQL array literals ('{a,b,NULL}'), built in one pass over the items. A batch sends
// tens of thousands of array elements; node-postgres would quote and escape each one with regular
// expressions. The statements cast each parameter to its array type, which parses the literal.

/**
 * Elements that never need quotes: UUIDs, integers, decimal text and ISO timestamps (no blanks,
 * commas, braces, quotes or backslashes, never empty).
 */
export function plainArrayLiteral<T>(items: readonly T[], valueOf: (item: T) => string | number | bigint | null): string {
  let text = '{';
  for (let index = 0; index < items.length; index += 1) {
    const value = valueOf(items[index]!);
    if (index > 0) text += ',';
    text += value === null || value === undefined ? 'NULL' : String(value);
  }
  return `${text}}`;
}

const needsEscape = /["\\]/;

/** Any text: every element double-quoted, with quotes and backslashes escaped. */
export function textArrayLiteral<T>(items: readonly T[], valueOf: (item: T) => string | null): string {
  let text = '{';
  for (let index = 0; index < items.length; index += 1) {
    const value = valueOf(items[index]!);
    if (index > 0) text += ',';
    if (value === null || value === undefined) text += 'NULL';
    else text += `"${needsEscape.test(value) ? value.replace(/["\\]/g, '\\$&') : value}"`;
  }
  return `${text}}`;
}
