// Loading a proposal for a change: locked, so two changes of one proposal (an edit and the opening
// of its vote, a vote and the close) run one after the other.
import type { Member, Prisma } from '../../../prisma/generated/client/client';
import { isUuid } from '../shared/global-id';
import { NotAdmittedError, NotProposalAuthorError, ProposalNotFoundError, ProposalStatusError } from './errors';

export type ProposalRow = Prisma.ProposalGetPayload<object>;

export async function lockProposal(transaction: Prisma.TransactionClient, proposalId: string): Promise<ProposalRow> {
  const locked = await transaction.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Proposal" WHERE "id" = ${proposalId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new ProposalNotFoundError();
  return transaction.proposal.findUniqueOrThrow({ where: { id: proposalId } });
}

export function assertAdmitted(member: Pick<Member, 'status'>): void {
  if (member.status !== 'admitted') throw new NotAdmittedError();
}

export function assertAuthor(proposal: ProposalRow, member: Pick<Member, 'id'>): void {
  if (proposal.authorId !== member.id) throw new NotProposalAuthorError();
}

export function assertStatus(proposal: ProposalRow, allowed: readonly ProposalRow['status'][], action: string): void {
  if (!allowed.includes(proposal.status)) throw new ProposalStatusError(proposal.status, action);
}

/** A proposal id from a client: anything that is not a UUID names no proposal. */
export function proposalIdOf(id: string): string {
  if (!isUuid(id)) throw new ProposalNotFoundError();
  return id;
}
