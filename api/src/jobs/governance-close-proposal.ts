// Closes one proposal at its voting deadline: added as a delayed job when voting opens (one per
// proposal, by its jobKey). Closing is idempotent, so a repeat or the sweep racing it changes nothing.
import { applyCreditPolicy } from '../governance/apply-credit-policy';
import { closeProposal } from '../governance/close-proposal';
import { sendDataUseEmails } from '../data-use/send-data-use-emails';
import { defineJob } from './definition';

export interface GovernanceCloseProposalPayload {
  proposalId: string;
}

export const governanceCloseProposal = defineJob<GovernanceCloseProposalPayload>({
  name: 'governance-close-proposal',
  attempts: 5,
  backoffMs: 10_000,
  timeoutMs: 2 * 60_000,
  async handle({ proposalId }, { prisma, ledger, mailer, logger }) {
    const outcome = await closeProposal(prisma, proposalId);
    if (!outcome.closed) return;
    logger.info({ proposalId, endState: outcome.result?.endState, enacted: outcome.enacted }, 'closed proposal');
    if (outcome.enacted?.kind === 'credit') await applyCreditPolicy({ prisma, ledger });
    // The access token of a granted request goes out now rather than at the next data-use-emails run.
    if (outcome.dataUse === 'granted') await sendDataUseEmails(prisma, mailer, { logger });
  },
});
