/**
 * The Prisma selection for a field's result, safe when the client selected no columns (e.g. only
 * `__typename` of a mutation's success type): Prisma rejects an empty `select`.
 */
export function selectionOf<Query extends { select?: unknown }>(query: Query): Query | Record<string, never> {
  const { select } = query;
  if (select && typeof select === 'object' && Object.keys(select).length === 0) return {};
  return query;
}
