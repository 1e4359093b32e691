// The wording of the e-mail with the link to reset a forgotten password, in the member's language.
export type ResetMailLocale = 'de' | 'en';

const texts: Record<ResetMailLocale, { subject: string; body: (name: string, link: string, until: string) => string; dateLocale: string }> = {
  de: {
    subject: 'Passwort zurücksetzen',
    dateLocale: 'de-DE',
    body: (name, link, until) =>
      `Hallo ${name},\n\njemand hat für dein Konto ein neues Passwort angefordert. Mit diesem Link kannst du es bis ${until} Uhr einmal festlegen:\n\n${link}\n\nWarst du das nicht, kannst du diese E-Mail einfach löschen: dein Passwort bleibt, wie es ist.\n`,
  },
  en: {
    subject: 'Reset your password',
    dateLocale: 'en-GB',
    body: (name, link, until) =>
      `Hello ${name},\n\nsomeone asked for a new password for your account. This link lets you set one, once, until ${until}:\n\n${link}\n\nIf that was not you, just delete this e-mail: your password stays as it is.\n`,
  },
};

export function passwordResetEmail(input: { displayName: string; locale: string; token: string; publicUrl: string; expiresAt: Date }): { subject: string; text: string } {
  const wording = texts[input.locale === 'en' ? 'en' : 'de'];
  const link = `${input.publicUrl}/password/reset?token=${encodeURIComponent(input.token)}`;
  const until = new Intl.DateTimeFormat(wording.dateLocale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(input.expiresAt);
  return { subject: wording.subject, text: wording.body(input.displayName, link, until) };
}
