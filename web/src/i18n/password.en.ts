import type { passwordDe } from './password.de';

export const passwordEn: typeof passwordDe = {
  forgotLink: 'Forgot your password?',
  forgot: {
    title: 'Forgot your password',
    intro: "Enter your account's e-mail address. We will send you a link to set a new password.",
    submit: 'Send link',
    submitting: 'Sending …',
    sent: 'If there is an account with this address, a link is on its way. It works once, for an hour. Also look in your spam folder.',
    toLogin: 'Back to log in',
  },
  reset: {
    title: 'Set a new password',
    intro: 'Choose a new password. You will then be logged out on every device and log in again.',
    newPassword: 'New password',
    submit: 'Save password',
    submitting: 'Saving …',
    done: 'Your new password is set. You were logged out everywhere; log in with it now.',
    toLogin: 'Log in',
    invalid: 'This link is unknown, used already or expired.',
    missingToken: 'This link lacks its key. Open the link from the e-mail again.',
    requestNew: 'Ask for a new link',
  },
  change: {
    title: 'Change password',
    currentPassword: 'Current password',
    newPassword: 'New password',
    submit: 'Change password',
    submitting: 'Changing …',
    done: 'Your password is changed. | Your password is changed; one other device was logged out. | Your password is changed; {count} other devices were logged out.',
  },
};
