// Changing one's password, and resetting a forgotten one by an e-mail link.
import { builder } from '../builder';
import type { Context } from '../context';
import { InvalidResetTokenError, ValidationError } from '../errors';
import { passwordResetEmails, passwordResetEmailsJobKey } from '../jobs';
import { changePassword } from '../members/change-password';
import { requestPasswordReset, resetPassword } from '../members/password-reset';
import { ErrorInterface } from './errors';
import { memberOf } from './global-id';

builder.objectType(InvalidResetTokenError, {
  name: 'InvalidResetTokenError',
  description: 'The reset link is unknown, used already or expired; the member asks for a new one.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidResetTokenError,
});

const ChangePasswordInput = builder.inputType('ChangePasswordInput', {
  fields: (t) => ({
    currentPassword: t.string({ required: true }),
    newPassword: t.string({ required: true, description: 'The same rules as at registration.' }),
  }),
});

builder.mutationField('changePassword', (t) =>
  t.int({
    description: "Changes the logged-in member's password and ends their other sessions. Returns how many sessions were ended.",
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: ChangePasswordInput, required: true }) },
    errors: { types: [ValidationError] },
    resolve: async (_root, { input }, context) => {
      const member = memberOf(context);
      return changePassword(context.prisma, member, context.sessionId, input);
    },
  }),
);

const RequestPasswordResetInput = builder.inputType('RequestPasswordResetInput', {
  fields: (t) => ({ email: t.string({ required: true }) }),
});

/** Never fails the request: the repeating job sends the e-mail anyway. */
async function requestResetEmails(context: Context): Promise<void> {
  try {
    await context.jobs.add(passwordResetEmails, {}, { jobKey: passwordResetEmailsJobKey });
  } catch (error) {
    context.logger.warn({ err: error }, 'could not add the password reset e-mail job');
  }
}

builder.mutationField('requestPasswordReset', (t) =>
  t.boolean({
    description:
      'Sends a link to set a new password to the address, if it belongs to an account. Always true, so the answer does not tell whether it does; at most a few e-mails per address an hour.',
    args: { input: t.arg({ type: RequestPasswordResetInput, required: true }) },
    errors: { types: [ValidationError] },
    resolve: async (_root, { input }, context) => {
      await requestPasswordReset(context.prisma, input);
      await requestResetEmails(context);
      return true;
    },
  }),
);

const ResetPasswordInput = builder.inputType('ResetPasswordInput', {
  fields: (t) => ({
    token: t.string({ required: true, description: 'The token from the link in the e-mail.' }),
    newPassword: t.string({ required: true, description: 'The same rules as at registration.' }),
  }),
});

builder.mutationField('resetPassword', (t) =>
  t.boolean({
    description: 'Sets a new password with the token from a reset e-mail and ends every session of the member; log in afterwards.',
    args: { input: t.arg({ type: ResetPasswordInput, required: true }) },
    errors: { types: [ValidationError, InvalidResetTokenError] },
    resolve: async (_root, { input }, context) => {
      await resetPassword(context.prisma, input);
      return true;
    },
  }),
);
