// What can be wrong with one input field: a closed list of stable snake_case codes with their
// parameters ("too_short" with { min: 3 }). The API sends them with each field error and the web app
// words them in the member's language, so no server text reaches a form. Every zod issue becomes one
// of these codes here, in one place; rules that zod cannot express name their code in a refinement's
// params ({ code: 'not_in_future' }).
//
// This folder is shared by the API and the web app: it imports nothing but zod.
import type { z } from 'zod';

export const fieldProblemCodes = [
  'required',
  'too_short',
  'too_long',
  'too_small',
  'too_large',
  'too_many',
  'out_of_range',
  'not_a_number',
  'not_whole_number',
  'invalid_amount',
  'not_positive',
  'too_many_decimals',
  'amount_too_large',
  'amount_not_below_total',
  'invalid_email',
  'invalid_postcode',
  'invalid_choice',
  'invalid_date',
  'not_in_future',
  'too_far_ahead',
  'control_characters',
  'password_too_simple',
  'password_contains_email',
  'password_too_common',
  'wrong_password',
  'removed_by_board',
  'percentages_not_100',
  'invalid',
] as const;

export type FieldProblemCode = (typeof fieldProblemCodes)[number];

/** Parameters of a problem, e.g. { min: 3 }; values are numbers or texts, never objects. */
export type FieldProblemParams = Record<string, string | number>;

export interface FieldProblem {
  code: FieldProblemCode;
  params: FieldProblemParams;
}

export function isFieldProblemCode(value: unknown): value is FieldProblemCode {
  return typeof value === 'string' && (fieldProblemCodes as readonly string[]).includes(value);
}

/** Params for a refinement whose failure is a problem of this code: `.refine(check, problem('not_in_future'))`. */
export function problem(code: FieldProblemCode, params: FieldProblemParams = {}, message: string = code.replaceAll('_', ' ')) {
  return { message, params: { ...params, code } };
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/**
 * The problem a zod issue stands for. `input` is what was parsed; it tells a missing value
 * ("required") from a value of the wrong kind.
 */
export function fieldProblemOf(issue: z.core.$ZodIssue, input: unknown): FieldProblem {
  const value = valueAt(input, issue.path);
  // Whatever rule an empty field breaks, what is wrong is that it is empty.
  if (isEmpty(value)) return { code: 'required', params: {} };
  switch (issue.code) {
    case 'custom': {
      const { code, ...params } = (issue.params ?? {}) as Record<string, unknown>;
      const plain = Object.fromEntries(Object.entries(params).filter(([, param]) => typeof param === 'string' || typeof param === 'number')) as FieldProblemParams;
      return { code: isFieldProblemCode(code) ? code : 'invalid', params: plain };
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? { code: 'required', params: {} } : { code: 'too_short', params: { min } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'required', params: {} };
      return { code: 'too_small', params: { min } };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { code: 'too_long', params: { max } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_many', params: { max } };
      return { code: 'too_large', params: { max } };
    }
    case 'invalid_type':
      if (issue.expected === 'int') return { code: 'not_whole_number', params: {} };
      if (issue.expected === 'number') return { code: 'not_a_number', params: {} };
      if (issue.expected === 'date') return { code: 'invalid_date', params: {} };
      return { code: 'invalid', params: {} };
    case 'invalid_format':
      return { code: issue.format === 'email' ? 'invalid_email' : 'invalid', params: {} };
    case 'not_multiple_of':
      return { code: 'not_whole_number', params: {} };
    case 'invalid_value':
      return { code: 'invalid_choice', params: {} };
    default:
      return { code: 'invalid', params: {} };
  }
}

export interface FieldProblemAt extends FieldProblem {
  /** Dotted path of the field, e.g. "price" or "payload.rate". */
  field: string;
  /** The problem in English, for logs and API clients; forms show their own text for the code. */
  message: string;
}

/** Every issue of a failed parse as a field problem, the first per field only. */
export function fieldProblemsOf(issues: readonly z.core.$ZodIssue[], input: unknown, pathPrefix: readonly string[] = []): FieldProblemAt[] {
  const seen = new Set<string>();
  const problems: FieldProblemAt[] = [];
  for (const issue of issues) {
    const field = [...pathPrefix, ...issue.path.map(String)].join('.') || 'input';
    if (seen.has(field)) continue;
    seen.add(field);
    problems.push({ field, message: issue.message, ...fieldProblemOf(issue, input) });
  }
  return problems;
}

/** Parses a value with a schema: the value, or the problems of each field. */
export function checkFields<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
): { ok: true; value: z.output<Schema> } | { ok: false; problems: Record<string, FieldProblem> } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const problems: Record<string, FieldProblem> = {};
  for (const { field, code, params } of fieldProblemsOf(result.error.issues, input)) problems[field] = { code, params };
  return { ok: false, problems };
}
