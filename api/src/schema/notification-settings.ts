// The member's choice whether notifications also come by e-mail.
import { builder } from '../builder';
import { memberOf } from './global-id';
import { selectionOf } from './prisma-query';

builder.prismaObjectFields('Member', (t) => ({
  emailNotifications: t.boolean({
    nullable: true,
    description: 'Whether notifications also come by e-mail. Visible to the member only.',
    select: { emailNotifications: true },
    resolve: (member, _args, context) => (context.member?.id === member.id ? member.emailNotifications : null),
  }),
}));

builder.mutationField('updateNotificationSettings', (t) =>
  t.prismaField({
    type: 'Member',
    description: 'Turns e-mail notifications on or off for the logged-in member.',
    authScopes: { signedIn: true },
    args: { emailNotifications: t.arg.boolean({ required: true }) },
    resolve: (query, _root, args, context) =>
      context.prisma.member.update({ ...selectionOf(query), where: { id: memberOf(context).id }, data: { emailNotifications: args.emailNotifications } }),
  }),
);
