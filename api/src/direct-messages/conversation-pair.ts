// A conversation belongs to a pair of members, stored with the smaller id first so that each pair has
// exactly one conversation, whoever writes first.
import type { PrismaClient } from '../db/client';
import type { Conversation } from '../../../prisma/generated/client/client';
import { RecipientNotFoundError } from '../wallet/errors';
import { OwnConversationError } from './errors';

export interface ConversationPair {
  memberLowId: string;
  memberHighId: string;
}

export function pairOf(memberId: string, otherMemberId: string): ConversationPair {
  return memberId < otherMemberId ? { memberLowId: memberId, memberHighId: otherMemberId } : { memberLowId: otherMemberId, memberHighId: memberId };
}

/** The other member of a conversation the member takes part in. */
export function otherMemberIdOf(conversation: ConversationPair, memberId: string): string {
  return conversation.memberLowId === memberId ? conversation.memberHighId : conversation.memberLowId;
}

/** The link of a conversation as the given member opens it: by the other member's id. */
export function conversationLink(otherMemberId: string): string {
  return `/messages/members/${otherMemberId}`;
}

/**
 * The other member of a conversation a member opens or writes to: an admitted member other than
 * themselves. Throws OwnConversationError or RecipientNotFoundError.
 */
export async function loadPartner(prisma: PrismaClient, memberId: string, otherMemberId: string): Promise<{ id: string; displayName: string }> {
  if (otherMemberId === memberId) throw new OwnConversationError();
  const other = await prisma.member.findUnique({ where: { id: otherMemberId }, select: { id: true, displayName: true, status: true } });
  if (!other || other.status !== 'admitted') throw new RecipientNotFoundError();
  return { id: other.id, displayName: other.displayName };
}

/** The conversation of the two members, or null while neither has written. */
export function findConversation(prisma: PrismaClient, memberId: string, otherMemberId: string): Promise<Conversation | null> {
  return prisma.conversation.findUnique({ where: { memberLowId_memberHighId: pairOf(memberId, otherMemberId) } });
}
