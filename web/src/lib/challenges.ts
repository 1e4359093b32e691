// The limits of challenge texts as the API checks them, and the message key of each error code.
import { challengeTextLength } from '@rules/challenge-rules';

export const challengeTextLimits = { min: challengeTextLength.min, max: challengeTextLength.max };

const known = new Set([
  'challenge_not_found',
  'attribute_not_declared',
  'challenge_pending',
  'challenge_decided',
  'challenge_awaiting_answer',
  'challenge_conflict',
  'not_owner',
  'not_found',
]);

export function challengeErrorKey(code: string | undefined): string {
  return `challenges.errors.${code && known.has(code) ? code : 'unknown'}`;
}
