// The rules for a new password, the same at registration, when changing it and when resetting a
// forgotten one. Only length and guessability are judged; no character classes are required.
import type { FieldProblem } from './field-problems';

export const passwordLengthMin = 10;
export const passwordLengthMax = 200;

// The most common passwords that pass the length rule; longer lists add little over the other rules.
const commonPasswords = new Set([
  '1234567890',
  '12345678910',
  '0987654321',
  'qwertyuiop',
  'qwertzuiop',
  'password12',
  'password123',
  'passwort12',
  'passwort123',
  'iloveyou12',
  '1q2w3e4r5t',
  'abcdefghij',
  'letmein123',
  'welcome123',
  'willkommen',
  'hallo12345',
  'asdfghjkl1',
  'qwerty1234',
  'administrator',
  'allmende123',
]);

/** Why a new password is not acceptable for the account with this e-mail address, or null. */
export function newPasswordProblemOf(password: string, email: string): FieldProblem | null {
  if (password.length === 0) return { code: 'required', params: {} };
  if (password.length < passwordLengthMin) return { code: 'too_short', params: { min: passwordLengthMin } };
  if (password.length > passwordLengthMax) return { code: 'too_long', params: { max: passwordLengthMax } };
  if (new Set(password).size < 4) return { code: 'password_too_simple', params: {} };
  const lower = password.toLowerCase();
  const emailLower = email.toLowerCase();
  const localPart = emailLower.split('@')[0] ?? '';
  if (lower === emailLower || (localPart.length >= 4 && lower.includes(localPart))) return { code: 'password_contains_email', params: {} };
  if (commonPasswords.has(lower)) return { code: 'password_too_common', params: {} };
  return null;
}
