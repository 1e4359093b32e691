// Every hour: recomputes earned credit, so a member's limit follows their sales over the window the
// credit policy names (api/src/wallet/earned-credit.ts). Setting a limit an account has changes
// nothing, so overlapping runs are harmless.
import { recomputeEarnedCredit } from '../wallet/earned-credit';
import { defineJob } from './definition';

export type CreditEarnedLimitsPayload = Record<string, never>;

export const creditEarnedLimitsEveryMs = 60 * 60_000;

export const creditEarnedLimits = defineJob<CreditEarnedLimitsPayload>({
  name: 'credit-earned-limits',
  attempts: 3,
  backoffMs: 60_000,
  timeoutMs: 15 * 60_000,
  async handle(_payload, { prisma, ledger, logger }) {
    const changed = await recomputeEarnedCredit({ prisma, ledger });
    if (changed > 0) logger.info({ accounts: changed }, 'earned credit limits recomputed');
  },
});
