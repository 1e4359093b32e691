// The member register the board keeps: every admitted member with number, name and admission date,
// the applications (pending and declined), and members who left, with status left and no name.
// Exported as CSV for the cooperative's records.
import type { PrismaClient } from '../db/client';

export interface RegisterEntry {
  memberNumber: number | null;
  /** Empty for a member who left: the register keeps their number and dates, not their name. */
  displayName: string;
  status: 'applicant' | 'admitted' | 'declined' | 'left';
  admittedAt: Date | null;
  appliedAt: Date;
  leftAt: Date | null;
}

/**
 * Members by number, then open and declined applications, oldest first. External people (an outside
 * auditor) are no members and never applied, so they are not in the register.
 */
export async function listMemberRegister(prisma: PrismaClient): Promise<RegisterEntry[]> {
  const members = await prisma.member.findMany({
    where: { status: { not: 'external' } },
    select: { memberNumber: true, displayName: true, status: true, admittedAt: true, createdAt: true, leftAt: true },
    orderBy: [{ memberNumber: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }, { id: 'asc' }],
  });
  return members.flatMap((member) => (member.status === 'external' ? [] : [{
    memberNumber: member.memberNumber,
    displayName: member.status === 'left' ? '' : member.displayName,
    status: member.status,
    admittedAt: member.admittedAt,
    appliedAt: member.createdAt,
    leftAt: member.leftAt,
  }]));
}

/**
 * One CSV field (RFC 4180): quoted when it holds a separator, quote or line break. A field a
 * spreadsheet would run as a formula (starting with =, +, -, @) gets a leading apostrophe.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function memberRegisterCsv(entries: readonly RegisterEntry[]): string {
  const header = ['member_number', 'name', 'status', 'admitted_on', 'applied_on', 'left_on'];
  const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : '');
  const rows = entries.map((entry) => [entry.memberNumber?.toString() ?? '', entry.displayName, entry.status, day(entry.admittedAt), day(entry.appliedAt), day(entry.leftAt)]);
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
