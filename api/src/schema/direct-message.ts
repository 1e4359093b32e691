// Conversations between two members outside any order: their messages, writing, marking read, and
// the partner a conversation page is about.
import { builder } from '../builder';
import { ValidationError } from '../errors';
import { findConversation, loadPartner, otherMemberIdOf } from '../direct-messages/conversation-pair';
import { OwnConversationError } from '../direct-messages/errors';
import { RecipientNotFoundError } from '../wallet/errors';
import { unreadDirectMessageCount } from '../direct-messages/list-conversations';
import { markConversationRead } from '../direct-messages/mark-conversation-read';
import { directMessageLengthMax, sendDirectMessage } from '../direct-messages/send-direct-message';
import { rowIdOf } from '../shared/global-id';
import { ErrorInterface } from './errors';
import { memberOf } from './global-id';
import { requestNotificationEmails } from './notification-emails';
import { selectionOf } from './prisma-query';
import './wallet-errors';

builder.objectType(OwnConversationError, { name: 'OwnConversationError', interfaces: [ErrorInterface], isTypeOf: (value) => value instanceof OwnConversationError });

function participantsOnly(memberId: string | undefined) {
  return memberId ? { OR: [{ memberLowId: memberId }, { memberHighId: memberId }] } : { OR: [] };
}

builder.prismaNode('DirectMessage', {
  id: { field: 'id' },
  // node(id:) finds only messages of the member's own conversations.
  findUnique: (id, context) => ({ id, conversation: participantsOnly(context.member?.id) }),
  description: 'A message of a conversation between two members.',
  fields: (t) => ({
    body: t.exposeString('body'),
    author: t.relation('author'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    mine: t.boolean({
      description: 'True when the logged-in member wrote it.',
      select: { authorId: true },
      resolve: (message, _args, context) => message.authorId === context.member?.id,
    }),
  }),
});

builder.prismaNode('Conversation', {
  id: { field: 'id' },
  findUnique: (id, context) => ({ id, ...participantsOnly(context.member?.id) }),
  description: 'The conversation of the logged-in member with another member, outside any order.',
  fields: (t) => ({
    otherMember: t.prismaField({
      type: 'Member',
      select: { memberLowId: true, memberHighId: true },
      resolve: (query, conversation, _args, context) =>
        context.prisma.member.findUniqueOrThrow({ ...query, where: { id: otherMemberIdOf(conversation, memberOf(context).id) } }),
    }),
    messages: t.relatedConnection('messages', {
      cursor: 'id',
      description: 'The messages, newest first.',
      defaultSize: 20,
      maxSize: 50,
      query: () => ({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
    }),
  }),
});

function memberIdOf(id: string | number): string {
  const memberId = rowIdOf(String(id), ['Member']);
  if (!memberId) throw new RecipientNotFoundError();
  return memberId;
}

builder.queryField('messagePartner', (t) =>
  t.prismaField({
    type: 'Member',
    nullable: true,
    description: 'The member the logged-in member may write to under this id: an admitted member other than themselves, else null.',
    authScopes: { member: true },
    args: { memberId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, context) => {
      const memberId = rowIdOf(String(args.memberId), ['Member']);
      if (!memberId) return null;
      try {
        await loadPartner(context.prisma, memberOf(context).id, memberId);
      } catch (error) {
        if (error instanceof OwnConversationError || error instanceof RecipientNotFoundError) return null;
        throw error;
      }
      return context.prisma.member.findUnique({ ...query, where: { id: memberId } });
    },
  }),
);

builder.queryField('conversationWith', (t) =>
  t.prismaField({
    type: 'Conversation',
    nullable: true,
    description: 'The conversation of the logged-in member with this member; null while neither has written.',
    authScopes: { member: true },
    args: { memberId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, context) => {
      const memberId = rowIdOf(String(args.memberId), ['Member']);
      if (!memberId) return null;
      const conversation = await findConversation(context.prisma, memberOf(context).id, memberId);
      return conversation ? context.prisma.conversation.findUnique({ ...query, where: { id: conversation.id } }) : null;
    },
  }),
);

builder.queryField('unreadDirectMessageCount', (t) =>
  t.withAuth({ member: true }).int({
    description: "Unread messages over all of the logged-in member's conversations.",
    resolve: (_root, _args, context) => unreadDirectMessageCount(context.prisma, context.member.id),
  }),
);

builder.mutationField('sendDirectMessage', (t) =>
  t.prismaField({
    type: 'DirectMessage',
    description: `Writes to another admitted member outside any order (1 to ${directMessageLengthMax} characters); they are notified.`,
    authScopes: { member: true },
    args: { recipientId: t.arg.id({ required: true, description: 'The member to write to.' }), body: t.arg.string({ required: true }) },
    errors: { types: [ValidationError, OwnConversationError, RecipientNotFoundError] },
    resolve: async (query, _root, args, context) => {
      const message = await sendDirectMessage(context.prisma, memberOf(context), { recipientId: memberIdOf(args.recipientId), body: args.body });
      await requestNotificationEmails(context);
      return context.prisma.directMessage.findUniqueOrThrow({ ...selectionOf(query), where: { id: message.id } });
    },
  }),
);

builder.mutationField('markConversationRead', (t) =>
  t.int({
    description: 'Marks the conversation with this member read. Returns how many messages were unread.',
    authScopes: { member: true },
    args: { memberId: t.arg.id({ required: true }) },
    errors: { types: [OwnConversationError, RecipientNotFoundError] },
    resolve: (_root, args, context) => markConversationRead(context.prisma, memberOf(context).id, memberIdOf(args.memberId)),
  }),
);
