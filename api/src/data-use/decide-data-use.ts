// What the close of a data_use or data_use_revocation proposal does, in the close's transaction:
// a passed request is granted until its duration ends (the data-use-emails job then makes and sends
// the access token), a failed one is refused; a passed revocation revokes the grant at once.
import type { Prisma } from '../../../prisma/generated/client/client';
import { decisionSchemas } from '../governance/policy-kinds';

const dayMs = 24 * 60 * 60_000;

export async function decideDataUse(
  transaction: Prisma.TransactionClient,
  proposal: { id: string; kind: string; payload: unknown },
  passed: boolean,
  now: Date,
): Promise<'granted' | 'refused' | 'revoked' | null> {
  if (proposal.kind === 'data_use') {
    const { requestId } = decisionSchemas.data_use.parse(proposal.payload);
    const request = await transaction.dataUseRequest.findUniqueOrThrow({ where: { id: requestId } });
    if (request.status !== 'voting') return null;
    if (!passed) {
      await transaction.dataUseRequest.update({ where: { id: requestId }, data: { status: 'refused' } });
      return 'refused';
    }
    await transaction.dataUseRequest.update({
      where: { id: requestId },
      data: { status: 'granted', grantedAt: now, expiresAt: new Date(now.getTime() + request.durationDays * dayMs) },
    });
    return 'granted';
  }
  if (proposal.kind === 'data_use_revocation' && passed) {
    const { requestId } = decisionSchemas.data_use_revocation.parse(proposal.payload);
    const revoked = await transaction.dataUseRequest.updateMany({
      where: { id: requestId, status: 'granted' },
      data: { status: 'revoked', revokedAt: now, revokedByProposalId: proposal.id },
    });
    return revoked.count > 0 ? 'revoked' : null;
  }
  return null;
}
