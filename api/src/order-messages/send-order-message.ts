import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import type { OrderMessage } from '../../../prisma/generated/client/client';
import { requiredText } from '../marketplace/validation';
import { notifyOrderMessage } from '../notifications/order-notifications';
import { loadOrderForParty, type ThreadViewer } from './thread-access';
import { parseInput } from '../shared/input';

export const orderMessageLengthMax = 2000;

export const orderMessageSchema = z.object({ body: requiredText(1, orderMessageLengthMax) });

/**
 * The buyer or the producer of an order writes to its thread. The message, the author's read marker
 * (their own message is read) and the other party's notification are written in one transaction.
 * Throws ValidationError, OrderNotFoundError or OrderForbiddenError, and then writes nothing.
 */
export async function sendOrderMessage(prisma: PrismaClient, author: ThreadViewer, orderId: string, body: string): Promise<OrderMessage> {
  const input = parseInput(orderMessageSchema, { body });
  const order = await loadOrderForParty(prisma, orderId, author);
  return prisma.$transaction(async (transaction) => {
    const message = await transaction.orderMessage.create({ data: { orderId: order.id, authorId: author.id, body: input.body } });
    await transaction.orderMessageRead.upsert({
      where: { orderId_memberId: { orderId: order.id, memberId: author.id } },
      create: { orderId: order.id, memberId: author.id, readAt: message.createdAt },
      update: { readAt: message.createdAt },
    });
    await notifyOrderMessage(transaction, order.id, author.id, input.body);
    return message;
  });
}
