// Maps stable error codes to message keys. The interface never looks at an error's message text:
// expected failures are recognised by `__typename` and described by `code`.
import type { CombinedError } from '@urql/vue';

const resultErrorCodes = ['validation_failed', 'email_taken', 'weak_password', 'invalid_credentials'] as const;
const requestErrorCodes = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_ADMITTED'] as const;

type ResultErrorCode = (typeof resultErrorCodes)[number];
type RequestErrorCode = (typeof requestErrorCodes)[number];

export type ErrorMessageKey = `errors.${ResultErrorCode | RequestErrorCode | 'network' | 'unknown'}`;

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** The message for the `code` of a typed error result (a member of a mutation's result union). */
export function resultErrorMessageKey(code: string): ErrorMessageKey {
  return isOneOf(resultErrorCodes, code) ? `errors.${code}` : 'errors.unknown';
}

/** The message for a failed request: the server unreachable, or a GraphQL error with a known code. */
export function requestErrorMessageKey(error: CombinedError): ErrorMessageKey {
  if (error.networkError) return 'errors.network';
  for (const graphQLError of error.graphQLErrors) {
    const code = graphQLError.extensions?.code;
    if (isOneOf(requestErrorCodes, code)) return `errors.${code}`;
  }
  return 'errors.unknown';
}

/** The form field a validation error points at: "input.email" and "email" both name `email`. */
export function fieldName(path: string): string {
  const segments = path.split('.');
  return segments[segments.length - 1] ?? path;
}

/** Whether a request failed because the logged-in person is not an admitted member (yet). */
export function isNotAdmitted(error: CombinedError | undefined): boolean {
  return error?.graphQLErrors.some((graphQLError) => graphQLError.extensions?.code === 'NOT_ADMITTED') ?? false;
}
