import type { LocationQueryValue } from 'vue-router';

/**
 * The in-app path to return to after logging in, taken from a `?redirect=` query. Anything that is
 * not a plain path on this site (another origin, "//host", a list of values) is ignored.
 */
export function safeRedirect(value: LocationQueryValue | LocationQueryValue[] | undefined): string | null {
  if (typeof value !== 'string') return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  return value;
}
