// Tokens of data use (verification links and access tokens): 32 random bytes, of which only the
// SHA-256 is stored, so a leaked database yields no usable link or token.
import { createHash, randomBytes } from 'node:crypto';

export const dataUseTokenLengthMax = 100;

export function newDataUseToken(): string {
  return randomBytes(32).toString('base64url');
}

export function dataUseTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
