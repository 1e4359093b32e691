// Password hashing with argon2id (OWASP's recommended parameters) and the strength rules for new passwords.
import { hash, verify, type Options } from '@node-rs/argon2';

// Algorithm is a const enum in the package's types; 2 is Argon2id.
const argon2id = 2 as NonNullable<Options['algorithm']>;
const hashOptions: Options = { algorithm: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const passwordLengthMin = 10;
export const passwordLengthMax = 200;

export function hashPassword(password: string): Promise<string> {
  return hash(password, hashOptions);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the e-mail is unknown so both paths take as long. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}`);
  return decoyHash;
}

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

/** Returns why a password is too weak, or undefined when it is acceptable. */
export function passwordWeakness(password: string, email: string): string | undefined {
  if (password.length < passwordLengthMin) return `it needs at least ${passwordLengthMin} characters`;
  if (password.length > passwordLengthMax) return `it may have at most ${passwordLengthMax} characters`;
  if (new Set(password).size < 4) return 'it repeats too few different characters';
  const lower = password.toLowerCase();
  const emailLower = email.toLowerCase();
  const localPart = emailLower.split('@')[0] ?? '';
  if (lower === emailLower || (localPart.length >= 4 && lower.includes(localPart))) return 'it contains the e-mail address';
  if (commonPasswords.has(lower)) return 'it is one of the most common passwords';
  return undefined;
}
