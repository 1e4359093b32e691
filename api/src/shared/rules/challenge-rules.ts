// Lengths of the texts of a challenge of an ecological claim and how long the producer has to answer
// before the board may decide without an answer. Shared with the web app's forms.
import { z } from 'zod';

export const challengeTextLength = { min: 10, max: 1000 } as const;

/** Days the producer has to answer; once answered, the board may decide at once. */
export const challengeAnswerDays = 7;

export const challengeTextSchema = z
  .string()
  .trim()
  .min(challengeTextLength.min, `at least ${challengeTextLength.min} characters`)
  .max(challengeTextLength.max, `at most ${challengeTextLength.max} characters`);

/** The first moment the board may decide a challenge that has no answer. */
export function decidableFrom(createdAt: Date): Date {
  return new Date(createdAt.getTime() + challengeAnswerDays * 24 * 60 * 60_000);
}
