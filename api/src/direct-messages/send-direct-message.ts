import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import type { DirectMessage } from '../../../prisma/generated/client/client';
import { requiredText } from '../marketplace/validation';
import { notificationKinds } from '../notifications/notification-kinds';
import { messageExcerptLengthMax } from '../notifications/order-notifications';
import { orderMessageLengthMax } from '../order-messages/send-order-message';
import { parseInput } from '../shared/input';
import { conversationLink, loadPartner, pairOf } from './conversation-pair';

/** Direct messages are as long as order messages may be. */
export const directMessageLengthMax = orderMessageLengthMax;

export const directMessageSchema = z.object({ recipientId: z.uuid({ message: 'not a member id' }), body: requiredText(1, directMessageLengthMax) });

/**
 * An admitted member writes to another admitted member outside any order. The conversation of the
 * pair (made with the first message), the message, its time as the conversation's newest, the author's
 * read marker and the recipient's notification are written in one transaction. The recipient is
 * notified unless a notification of this conversation is still unread, so a flurry of messages is
 * one notification. Throws ValidationError, OwnConversationError or RecipientNotFoundError, and then
 * writes nothing.
 */
export async function sendDirectMessage(prisma: PrismaClient, author: { id: string; displayName: string }, input: { recipientId: string; body: string }): Promise<DirectMessage> {
  const { recipientId, body } = parseInput(directMessageSchema, input);
  const recipient = await loadPartner(prisma, author.id, recipientId);
  return prisma.$transaction(async (transaction) => {
    const pair = pairOf(author.id, recipient.id);
    const now = new Date();
    const conversation = await transaction.conversation.upsert({
      where: { memberLowId_memberHighId: pair },
      create: { ...pair, lastMessageAt: now },
      update: {},
      select: { id: true },
    });
    const message = await transaction.directMessage.create({ data: { conversationId: conversation.id, authorId: author.id, body, createdAt: now } });
    // Only forwards: a message written at the same moment in another transaction may be newer.
    await transaction.conversation.updateMany({ where: { id: conversation.id, lastMessageAt: { lt: now } }, data: { lastMessageAt: now } });
    await transaction.conversationRead.upsert({
      where: { conversationId_memberId: { conversationId: conversation.id, memberId: author.id } },
      create: { conversationId: conversation.id, memberId: author.id, readAt: now },
      update: { readAt: now },
    });
    const link = conversationLink(author.id);
    const unread = await transaction.notification.findFirst({ where: { recipientId: recipient.id, kind: notificationKinds.directMessage, readAt: null, link }, select: { id: true } });
    if (!unread) {
      const excerpt = body.length > messageExcerptLengthMax ? `${body.slice(0, messageExcerptLengthMax - 1)}…` : body;
      await transaction.notification.create({ data: { recipientId: recipient.id, kind: notificationKinds.directMessage, payload: { actorName: author.displayName, excerpt }, link } });
    }
    return message;
  });
}
