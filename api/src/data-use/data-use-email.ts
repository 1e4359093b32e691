// The wording of the two e-mails a requester receives, in the language of the form: the link that
// verifies the address, and the access token of a granted request.
type Locale = 'de' | 'en';

const dateLocales: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };

function dateText(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(dateLocales[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(date);
}

function localeOf(locale: string): Locale {
  return locale === 'en' ? 'en' : 'de';
}

export function verificationEmail(input: { requesterName: string; locale: string; token: string; publicUrl: string; expiresAt: Date }): { subject: string; text: string } {
  const locale = localeOf(input.locale);
  const link = `${input.publicUrl}/data-use/verify?token=${encodeURIComponent(input.token)}`;
  const until = dateText(locale, input.expiresAt);
  return locale === 'en'
    ? {
        subject: 'Confirm your data-use request',
        text: `Hello ${input.requesterName},\n\nplease confirm your e-mail address with this link (once, until ${until}). Only then is your request put to the members' vote:\n\n${link}\n\nIf you did not file a request, just delete this e-mail.\n`,
      }
    : {
        subject: 'Bestätigen Sie Ihre Datennutzungsanfrage',
        text: `Guten Tag ${input.requesterName},\n\nbitte bestätigen Sie Ihre E-Mail-Adresse mit diesem Link (einmal, bis ${until} Uhr). Erst dann stimmen die Mitglieder über Ihre Anfrage ab:\n\n${link}\n\nHaben Sie keine Anfrage gestellt, löschen Sie diese E-Mail einfach.\n`,
      };
}

export function accessTokenEmail(input: { requesterName: string; locale: string; token: string; publicUrl: string; tables: string[]; expiresAt: Date }): { subject: string; text: string } {
  const locale = localeOf(input.locale);
  const until = dateText(locale, input.expiresAt);
  const example = `curl -H "Authorization: Bearer ${input.token}" ${input.publicUrl}/data-use/${input.tables[0] ?? 'tradeVolume'}.json`;
  const tables = input.tables.map((table) => `  ${input.publicUrl}/data-use/${table}.json`).join('\n');
  return locale === 'en'
    ? {
        subject: 'Your data-use request was granted',
        text: `Hello ${input.requesterName},\n\nthe members voted for your request. With this access token you can query the approved tables until ${until}:\n\n${input.token}\n\n${tables}\n\nExample:\n${example}\n\nKeep the token secret. Every query is logged and visible to the members; a later vote can revoke the access.\n`,
      }
    : {
        subject: 'Ihre Datennutzungsanfrage wurde bewilligt',
        text: `Guten Tag ${input.requesterName},\n\ndie Mitglieder haben Ihrer Anfrage zugestimmt. Mit diesem Zugangsschlüssel können Sie die bewilligten Tabellen bis ${until} Uhr abfragen:\n\n${input.token}\n\n${tables}\n\nBeispiel:\n${example}\n\nHalten Sie den Schlüssel geheim. Jede Abfrage wird protokolliert und ist für die Mitglieder sichtbar; eine spätere Abstimmung kann den Zugang widerrufen.\n`,
      };
}
