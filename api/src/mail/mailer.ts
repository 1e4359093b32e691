// Sends e-mail with nodemailer: over SMTP when SMTP_URL is set, else as .eml files in the outbox folder
// (the embedded default), so a fresh installation shows what it would have sent without a mail server.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { MailConfig } from '../config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable per notification, so a receiving server can recognise a duplicate. */
  messageId: string;
  /** Names the .eml file in the outbox. */
  reference: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  /** Base of links in e-mails, without a trailing slash. */
  readonly publicUrl: string;
  send(message: MailMessage): Promise<void>;
}

export function createMailer(config: MailConfig): Mailer {
  const envelope = (message: MailMessage) => ({ from: config.from, to: message.to, subject: message.subject, text: message.text, messageId: message.messageId });
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    return {
      kind: 'smtp',
      publicUrl: config.publicUrl,
      async send(message) {
        await transport.sendMail(envelope(message));
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'outbox',
    publicUrl: config.publicUrl,
    async send(message) {
      const info = await transport.sendMail(envelope(message));
      await mkdir(config.outboxDir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${message.reference.replace(/[^A-Za-z0-9-]/g, '_')}.eml`;
      await writeFile(path.join(config.outboxDir, name), info.message as Buffer, { flag: 'wx' });
    },
  };
}
