// Field problems (a stable code with parameters, from the API or from the form rules it shares with
// this app) worded in the member's language. The rules themselves live in @rules.
import type { FieldProblem, FieldProblemCode } from '@rules/field-problems';
import { fieldName } from './errorMessages';
import { formatDecimal } from './formatDecimal';

export type { FieldProblem } from '@rules/field-problems';

/** A field error as the API sends it (the FieldErrorParts fragment). */
export interface FieldErrorResult {
  field: string;
  code: FieldProblemCode;
  params: { name: string; value: string }[];
}

/** The API's field errors keyed by the form field they belong to ("input.price" and "price" both name price). */
export function fieldProblemsFromResult(fieldErrors: readonly FieldErrorResult[]): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  for (const error of fieldErrors) {
    const field = fieldName(error.field);
    problems[field] ??= { code: error.code, params: Object.fromEntries(error.params.map((param) => [param.name, param.value])) };
  }
  return problems;
}

/** The message key, its named values (numbers written the locale's way) and the count that picks the plural form. */
export function fieldProblemMessage(problem: FieldProblem, locale: string): { key: `fieldErrors.${FieldProblemCode}`; values: Record<string, string>; count: number } {
  const values: Record<string, string> = {};
  let count = 1;
  let counted = false;
  for (const [name, value] of Object.entries(problem.params)) {
    const text = String(value);
    values[name] = /^\d+(\.\d+)?$/.test(text) ? formatDecimal(text, locale, 0) : text;
    if (!counted && /^\d+$/.test(text)) {
      count = Number(text);
      counted = true;
    }
  }
  return { key: `fieldErrors.${problem.code}`, values, count };
}
