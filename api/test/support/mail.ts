// Reading the e-mails the outbox mailer wrote.

/** The decoded text of an .eml file nodemailer wrote (quoted-printable body, encoded-word subject). */
export function decodeEml(raw: string): string {
  const words = raw.replace(/=\?UTF-8\?Q\?([^?]*)\?=/gi, (_match, text: string) => text.replace(/_/g, ' '));
  const unfolded = words.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(unfolded, 'latin1').toString('utf8');
}
