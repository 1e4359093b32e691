// Changing the password in the account, and resetting a forgotten one by an e-mail link.
export const passwordDe = {
  forgotLink: 'Passwort vergessen?',
  forgot: {
    title: 'Passwort vergessen',
    intro: 'Gib die E-Mail-Adresse deines Kontos ein. Wir schicken dir einen Link, mit dem du ein neues Passwort festlegst.',
    submit: 'Link schicken',
    submitting: 'Wird geschickt …',
    sent: 'Wenn es zu dieser Adresse ein Konto gibt, ist ein Link unterwegs. Er gilt eine Stunde und nur einmal. Schau auch im Spam-Ordner nach.',
    toLogin: 'Zurück zur Anmeldung',
  },
  reset: {
    title: 'Neues Passwort festlegen',
    intro: 'Wähle ein neues Passwort. Danach wirst du auf allen Geräten abgemeldet und meldest dich neu an.',
    newPassword: 'Neues Passwort',
    submit: 'Passwort speichern',
    submitting: 'Wird gespeichert …',
    done: 'Dein neues Passwort gilt. Du wurdest überall abgemeldet; melde dich jetzt damit an.',
    toLogin: 'Zur Anmeldung',
    invalid: 'Dieser Link ist unbekannt, schon benutzt oder abgelaufen.',
    missingToken: 'Diesem Link fehlt sein Schlüssel. Öffne den Link aus der E-Mail noch einmal.',
    requestNew: 'Neuen Link anfordern',
  },
  change: {
    title: 'Passwort ändern',
    currentPassword: 'Aktuelles Passwort',
    newPassword: 'Neues Passwort',
    submit: 'Passwort ändern',
    submitting: 'Wird geändert …',
    done: 'Dein Passwort ist geändert. | Dein Passwort ist geändert; ein anderes Gerät wurde abgemeldet. | Dein Passwort ist geändert; {count} andere Geräte wurden abgemeldet.',
  },
};
