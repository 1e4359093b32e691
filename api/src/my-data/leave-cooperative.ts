// A member closes their account. Confirmed with their password, and only when nothing is open
// between them and the cooperative (leaving-obligations.ts); otherwise LeavingBlockedError lists
// what to settle and nothing changes.
//
// What is erased: e-mail, name, password, application note and the board's reason, the producer
// profile (texts, contacts, address, logo), the offers' descriptions, places and images (the offers
// stay archived, since orders name them), needs and answers to needs, the cart, the texts of the
// messages and comments they wrote, the addresses and notes of their orders as buyer, notifications,
// sessions, password resets and data exports, and in other members' notifications their name and
// the excerpts of their messages. What stays, under the pseudonym "Ehemaliges Mitglied 12": the
// member row with its number, the ledger history of the account (closed once settled), orders and
// their amounts, reviews, votes (only receipts after a close) and the proposals they made.
//
// The erasure is one database transaction that locks the member row, archives the offers before
// checking the orders again (so a checkout that got in first is seen, and one that comes later
// finds the offers gone), and sets the status to left (after which nobody can pay the member). The
// ledger account is closed after it commits: closing checks the balance and holds atomically, and
// fails only when credits were sent to the member in the moment between the check and the erasure;
// the account then stays open with that amount, which the log names for the board. Should the process
// stop before closing, the leaving-close-accounts job closes it (close-left-accounts.ts).
import type { Ledger } from '@allmende/ledger';
import { z } from 'zod';
import { Prisma } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import { ValidationError } from '../errors';
import { removeImageFiles } from '../images/media-files';
import type { Logger } from '../logger';
import { verifyPassword } from '../members/password';
import { passwordInputSchema } from '../members/validation';
import { notificationKinds } from '../notifications/notification-kinds';
import { parseInput } from '../shared/input';
import { findMemberAccount } from '../wallet/ensure-member-account';
import { AlreadyLeftError, LeavingBlockedError } from './errors';
import { removeExportFile } from './export-files';
import { formerMemberName } from './former-member-name';
import { marketplaceObligations, readLeavingObligations } from './leaving-obligations';

export const leaveCooperativeSchema = z.object({ password: passwordInputSchema });

export interface LeaveServices {
  prisma: PrismaClient;
  ledger: Ledger;
  logger: Logger;
  config: { mediaDir: string; myDataExport: { directory: string } };
}

/** The e-mail column is unique and required: a member who left keeps an address that reaches nobody. */
export function erasedEmailOf(memberId: string): string {
  return `left-${memberId}@erased.invalid`;
}

/** Kinds whose payload quotes the text of a message its actor wrote. */
const messageExcerptKinds = [notificationKinds.orderMessage, notificationKinds.directMessage];

export async function leaveCooperative(
  services: LeaveServices,
  member: { id: string; passwordHash: string; status: string },
  input: z.input<typeof leaveCooperativeSchema>,
  now = new Date(),
): Promise<void> {
  const { password } = parseInput(leaveCooperativeSchema, input);
  if (member.status === 'left') throw new AlreadyLeftError();
  if (!(await verifyPassword(member.passwordHash, password))) {
    throw new ValidationError([{ field: 'password', code: 'wrong_password', params: {}, message: 'the password is wrong' }]);
  }
  const obligations = await readLeavingObligations(services, member.id, now);
  if (obligations.length > 0) throw new LeavingBlockedError(obligations);

  const { imageKeys, exportKeys } = await services.prisma.$transaction((transaction) => eraseMember(transaction, member.id, now));

  const account = await findMemberAccount(services.ledger, member.id);
  if (account && account.status !== 'closed') {
    const closed = await services.ledger.closeAccount(account.id);
    if (!closed.ok) services.logger.error({ accountId: account.id, code: closed.code }, 'the account of a member who left could not be closed');
  }
  // Files after the commit: a rollback must not leave rows pointing at removed files.
  await removeImageFiles(services.config.mediaDir, imageKeys);
  for (const key of exportKeys) await removeExportFile(services.config.myDataExport.directory, key);
}

async function eraseMember(transaction: Prisma.TransactionClient, memberId: string, now: Date): Promise<{ imageKeys: string[]; exportKeys: string[] }> {
  const locked = await transaction.$queryRaw<{ displayName: string; status: string; memberNumber: number | null }[]>`
    SELECT "displayName", "status"::text AS "status", "memberNumber" FROM "Member" WHERE "id" = ${memberId}::uuid FOR UPDATE`;
  const row = locked[0];
  if (!row) throw new AlreadyLeftError();
  if (row.status === 'left') throw new AlreadyLeftError();
  const pseudonym = formerMemberName(row.memberNumber);

  await transaction.offer.updateMany({
    where: { producerId: memberId },
    data: { status: 'archived', description: '', availability: '', postcode: '', place: '', latitude: null, longitude: null },
  });
  const lateObligations = await marketplaceObligations(transaction, memberId, now);
  if (lateObligations.length > 0) throw new LeavingBlockedError(lateObligations);

  const images = await transaction.offerImage.findMany({ where: { offer: { producerId: memberId } }, select: { storageKey: true } });
  const profile = await transaction.producerProfile.findUnique({ where: { memberId }, select: { logoStorageKey: true } });
  const exports = await transaction.memberDataExport.findMany({ where: { memberId }, select: { storageKey: true } });
  await transaction.offerImage.deleteMany({ where: { offer: { producerId: memberId } } });
  await transaction.producerProfile.deleteMany({ where: { memberId } });
  await transaction.memberDataExport.deleteMany({ where: { memberId } });
  await transaction.needAnswer.deleteMany({ where: { OR: [{ producerId: memberId }, { need: { memberId } }] } });
  await transaction.need.deleteMany({ where: { memberId } });
  await transaction.cartItem.deleteMany({ where: { memberId } });
  await transaction.notification.deleteMany({ where: { recipientId: memberId } });
  await transaction.session.deleteMany({ where: { memberId } });
  await transaction.passwordReset.deleteMany({ where: { memberId } });

  await transaction.orderMessage.updateMany({ where: { authorId: memberId }, data: { body: '' } });
  await transaction.directMessage.updateMany({ where: { authorId: memberId }, data: { body: '' } });
  await transaction.proposalComment.updateMany({ where: { authorId: memberId }, data: { body: '' } });
  await transaction.order.updateMany({ where: { buyerId: memberId }, data: { deliveryNote: '', messageToProducer: '', disputeReason: '' } });

  // Other members' notifications name their actor but do not keep the actor's id: those that name
  // this member get the pseudonym, and lose the excerpt when it quotes the member's message.
  await transaction.$executeRaw`
    UPDATE "Notification"
    SET "payload" = CASE WHEN "kind" IN (${Prisma.join(messageExcerptKinds)}) THEN "payload" - 'excerpt' ELSE "payload" END
      || CASE WHEN "payload"->>'actorName' IS NOT NULL THEN jsonb_build_object('actorName', ${pseudonym}::text) ELSE '{}'::jsonb END
      || CASE WHEN "payload"->>'producerName' IS NOT NULL THEN jsonb_build_object('producerName', ${pseudonym}::text) ELSE '{}'::jsonb END
    WHERE "payload"->>'actorName' = ${row.displayName} OR "payload"->>'producerName' = ${row.displayName}`;

  await transaction.member.update({
    where: { id: memberId },
    data: {
      email: erasedEmailOf(memberId),
      displayName: pseudonym,
      passwordHash: '',
      roles: [],
      applicationNote: '',
      declineReason: null,
      emailNotifications: false,
      status: 'left',
      leftAt: now,
    },
  });
  return {
    imageKeys: [...images.map((image) => image.storageKey), ...(profile?.logoStorageKey ? [profile.logoStorageKey] : [])],
    exportKeys: exports.flatMap((entry) => (entry.storageKey ? [entry.storageKey] : [])),
  };
}
