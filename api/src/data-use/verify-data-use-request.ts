// verifyDataUseRequest: the link from the verification e-mail. It works once and until it expires;
// in one transaction the request becomes a data_use proposal, its vote opens for the shortest window
// the voting rules allow (members discuss it while they vote) and the electorate is notified. The
// proposal has no member author: nobody but the vote decides it, and nobody can withdraw it.
import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import type { JobQueue } from '../jobs/backend';
import { openVotingLocked, scheduleClose } from '../governance/open-voting';
import { policyInForce } from '../governance/policies';
import { proposalTitleLength } from '../governance/proposal-input';
import { parseInput } from '../shared/input';
import { InvalidVerificationLinkError } from './errors';
import { dataUseTokenHash, dataUseTokenLengthMax } from './tokens';

const verifySchema = z.object({ token: z.string().trim().min(1, 'required').max(dataUseTokenLengthMax, `at most ${dataUseTokenLengthMax} characters`) });

/** The proposal's title: the organisation, within the length a title may have. */
export function dataUseProposalTitle(organisation: string): string {
  const title = `Datennutzung · Data use: ${organisation}`;
  return title.length <= proposalTitleLength.max ? title : `${title.slice(0, proposalTitleLength.max - 1)}…`;
}

export async function verifyDataUseRequest(services: { prisma: PrismaClient; jobs: JobQueue }, input: { token: string }, now = new Date()): Promise<{ requestId: string; proposalId: string }> {
  const { token } = parseInput(verifySchema, input);
  const tokenHash = dataUseTokenHash(token);
  const proposal = await services.prisma.$transaction(async (transaction) => {
    // Single use even when the link is opened twice at once: only one update finds the request unverified.
    const request = await transaction.dataUseRequest.findUnique({ where: { verificationTokenHash: tokenHash } });
    if (!request) throw new InvalidVerificationLinkError();
    const claimed = await transaction.dataUseRequest.updateMany({
      where: { id: request.id, status: 'unverified', verificationExpiresAt: { gt: now } },
      data: { status: 'voting', verifiedAt: now },
    });
    if (claimed.count === 0) throw new InvalidVerificationLinkError();
    const created = await transaction.proposal.create({
      data: { kind: 'data_use', title: dataUseProposalTitle(request.organisation), rationale: request.purpose, payload: { requestId: request.id }, authorId: null, createdAt: now },
    });
    await transaction.dataUseRequest.update({ where: { id: request.id }, data: { proposalId: created.id } });
    const rule = (await policyInForce(transaction, 'voting_rules', now)).payload.rules.data_use;
    const opened = await openVotingLocked(transaction, created, rule.votingDaysMin, now);
    return { requestId: request.id, proposal: opened };
  });
  await scheduleClose(services.jobs, proposal.proposal);
  return { requestId: proposal.requestId, proposalId: proposal.proposal.id };
}
