// Password hashing with argon2id (OWASP's recommended parameters); the rules for new passwords are
// shared with the web app in ../shared/rules/password-rules.ts.
import { hash, verify, type Options } from '@node-rs/argon2';
import { newPasswordProblemOf, passwordLengthMax, passwordLengthMin } from '../shared/rules/password-rules';

// Algorithm is a const enum in the package's types; 2 is Argon2id.
const argon2id = 2 as NonNullable<Options['algorithm']>;
const hashOptions: Options = { algorithm: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export { passwordLengthMax, passwordLengthMin } from '../shared/rules/password-rules';

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

/** Why a new password is too weak, in English, or undefined when it is acceptable. */
export function passwordWeakness(password: string, email: string): string | undefined {
  const problem = newPasswordProblemOf(password, email);
  switch (problem?.code) {
    case undefined:
      return undefined;
    case 'required':
    case 'too_short':
      return `it needs at least ${passwordLengthMin} characters`;
    case 'too_long':
      return `it may have at most ${passwordLengthMax} characters`;
    case 'password_too_simple':
      return 'it repeats too few different characters';
    case 'password_contains_email':
      return 'it contains the e-mail address';
    default:
      return 'it is one of the most common passwords';
  }
}
