// The mailer of the process, looked up by the Prisma client a job receives. Jobs get only the database
// in their context; the process that runs them registers its mailer next to it at start.
import type { PrismaClient } from '../db/client';
import type { Mailer } from './mailer';

const mailers = new WeakMap<PrismaClient, Mailer>();

export function registerMailer(prisma: PrismaClient, mailer: Mailer): void {
  mailers.set(prisma, mailer);
}

export function mailerFor(prisma: PrismaClient): Mailer {
  const mailer = mailers.get(prisma);
  if (!mailer) throw new Error('No mailer is registered for this database; the process must call registerMailer at start.');
  return mailer;
}
