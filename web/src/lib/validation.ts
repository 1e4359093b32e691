// Checks done before a form is sent, so obvious mistakes are pointed out at once. The limits come
// from the rules the API checks with (@rules); the server checks everything again.
export { passwordLengthMax, passwordLengthMin } from '@rules/password-rules';
export { emailLengthMax } from '@rules/text-rules';

export const displayNameLengthMin = 2;
export const displayNameLengthMax = 80;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isPlausibleEmail(value: string): boolean {
  return emailPattern.test(value.trim());
}
