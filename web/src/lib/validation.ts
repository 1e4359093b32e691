// Checks done before a form is sent, so obvious mistakes are pointed out at once. The server checks
// everything again; these only mirror its simplest rules.

/** The minimum password length the server enforces. */
export const passwordLengthMin = 10;
/** Upper bounds matching the server's input limits. */
export const emailLengthMax = 254;
export const displayNameLengthMin = 2;
export const displayNameLengthMax = 80;
export const passwordLengthMax = 200;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isPlausibleEmail(value: string): boolean {
  return emailPattern.test(value.trim());
}
