// Sends the e-mails of data-use requests: the verification link of each new request and the access
// token of each granted one. A token is made and its hash stored by a conditional update (hash still
// null) before its e-mail goes out, so two runs never both send one; a failed send loses the token,
// which is not kept (the requester files again, or the members are asked to).
import type { PrismaClient } from '../db/client';
import type { Logger } from '../logger';
import type { Mailer } from '../mail/mailer';
import { accessTokenEmail, verificationEmail } from './data-use-email';
import { dataUseTokenHash, newDataUseToken } from './tokens';

/** E-mails of each kind per run; the next run sends the rest. */
export const dataUseEmailBatchMax = 50;

export async function sendDataUseEmails(prisma: PrismaClient, mailer: Mailer, options: { logger?: Logger; now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  let sent = 0;
  const unverified = await prisma.dataUseRequest.findMany({
    where: { status: 'unverified', verificationTokenHash: null, verificationExpiresAt: { gt: now } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: dataUseEmailBatchMax,
  });
  for (const request of unverified) {
    const token = newDataUseToken();
    const claimed = await prisma.dataUseRequest.updateMany({ where: { id: request.id, verificationTokenHash: null }, data: { verificationTokenHash: dataUseTokenHash(token) } });
    if (claimed.count === 0) continue;
    const email = verificationEmail({ ...request, token, publicUrl: mailer.publicUrl, expiresAt: request.verificationExpiresAt });
    try {
      await mailer.send({ to: request.email, ...email, messageId: `<data-use-verification-${request.id}@allmende>`, reference: `data-use-verification-${request.id}` });
    } catch (error) {
      options.logger?.warn({ err: error, dataUseRequestId: request.id }, 'data-use verification e-mail not sent');
      continue;
    }
    await prisma.dataUseRequest.update({ where: { id: request.id }, data: { verificationEmailSentAt: new Date() } });
    sent += 1;
  }
  const granted = await prisma.dataUseRequest.findMany({
    where: { status: 'granted', accessTokenHash: null, expiresAt: { gt: now } },
    orderBy: [{ grantedAt: 'asc' }, { id: 'asc' }],
    take: dataUseEmailBatchMax,
  });
  for (const request of granted) {
    const token = newDataUseToken();
    const claimed = await prisma.dataUseRequest.updateMany({ where: { id: request.id, accessTokenHash: null }, data: { accessTokenHash: dataUseTokenHash(token) } });
    if (claimed.count === 0) continue;
    const email = accessTokenEmail({ ...request, token, publicUrl: mailer.publicUrl, expiresAt: request.expiresAt! });
    try {
      await mailer.send({ to: request.email, ...email, messageId: `<data-use-access-${request.id}@allmende>`, reference: `data-use-access-${request.id}` });
    } catch (error) {
      options.logger?.warn({ err: error, dataUseRequestId: request.id }, 'data-use access e-mail not sent');
      continue;
    }
    await prisma.dataUseRequest.update({ where: { id: request.id }, data: { accessEmailSentAt: new Date() } });
    sent += 1;
  }
  return sent;
}
