// Finishes leaving: closes the ledger accounts of recent leavers that are still open (see
// my-data/close-left-accounts.ts).
import { closeLeftAccounts } from '../my-data/close-left-accounts';
import { defineJob } from './definition';

export type LeavingCloseAccountsPayload = Record<string, never>;

export const leavingCloseAccountsEveryMs = 15 * 60_000;

export const leavingCloseAccounts = defineJob<LeavingCloseAccountsPayload>({
  name: 'leaving-close-accounts',
  attempts: 3,
  backoffMs: 60_000,
  timeoutMs: 5 * 60_000,
  async handle(_payload, context) {
    const closed = await closeLeftAccounts(context);
    if (closed > 0) context.logger.info({ closed }, 'closed the accounts of members who left');
  },
});
