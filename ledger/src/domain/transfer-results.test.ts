import { TRANSFER_FAILURE_CODES, failureCodeRank, isTransientFailure } from './transfer-results';

describe('transfer failure codes', () => {
  it('are unique snake_case codes in a fixed order', () => {
    expect(new Set(TRANSFER_FAILURE_CODES).size).toBe(TRANSFER_FAILURE_CODES.length);
    for (const code of TRANSFER_FAILURE_CODES) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(failureCodeRank('amount_must_be_positive')).toBeLessThan(failureCodeRank('amount_scale_exceeded'));
    expect(failureCodeRank('idempotency_key_reused')).toBeLessThan(failureCodeRank('exceeds_credit_limit'));
  });

  it('say which failures may pass on a later retry', () => {
    expect(isTransientFailure('exceeds_credit_limit')).toBe(true);
    expect(isTransientFailure('account_not_found')).toBe(true);
    expect(isTransientFailure('idempotency_key_reused')).toBe(false);
    expect(isTransientFailure('pending_already_posted')).toBe(false);
  });
});
