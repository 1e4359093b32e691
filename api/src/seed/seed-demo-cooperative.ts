import type { Database } from '../db/client';
import { hashPassword } from '../members/password';
import { demoAccountant, demoApplicant, demoCooperative, demoEmail, demoMembers, demoPassword } from './demo-data';
import { seedDemoRankingVote, seedDemoVote } from './seed-demo-vote';
import { seedDemoLedger } from './seed-demo-ledger';
import { seedDemoMarketplace } from './demo-marketplace';
import { renderDemoIllustrations, seedDemoImages } from './seed-demo-images';
import { seedDemoNeeds } from './seed-demo-needs';
import { seedDemoChallenge } from './seed-demo-challenge';
import type { Config } from '../config';
import { refreshRankingAggregates } from '../ranking/aggregates';

export interface DemoLogin {
  email: string;
  displayName: string;
  roles: string[];
  status: 'admitted' | 'applicant' | 'external';
}

export function demoLogins(): DemoLogin[] {
  return [
    ...demoMembers.map((member) => ({ email: demoEmail(member.key), displayName: member.displayName, roles: member.roles, status: 'admitted' as const })),
    { email: demoEmail(demoAccountant.key), displayName: demoAccountant.displayName, roles: demoAccountant.roles, status: 'external' },
    { email: demoEmail(demoApplicant.key), displayName: demoApplicant.displayName, roles: ['member'], status: 'applicant' },
  ];
}

/** Where the demo offers' images go, and the limits every image is processed with. */
export type DemoMediaSettings = Pick<Config, 'mediaDir' | 'uploadBytesMax' | 'uploadPixelsMax'>;

/**
 * Writes the demo cooperative into an empty database. Returns false and changes nothing when the
 * database already has a cooperative, so running it again is harmless. The ledger part (accounts and
 * a history of payments) follows the members' transaction and is idempotent on its own.
 */
export async function seedDemoCooperative(database: Pick<Database, 'prisma' | 'sqlDriver'>, media: DemoMediaSettings): Promise<boolean> {
  const { prisma } = database;
  if ((await prisma.cooperative.count()) > 0) return false;
  const passwordHash = await hashPassword(demoPassword);
  const start = Date.UTC(2026, 9, 1);
  let offerIndex = 0;
  await prisma.$transaction(async (transaction) => {
    await transaction.cooperative.create({ data: demoCooperative });
    for (const [index, demoMember] of demoMembers.entries()) {
      // The founding members, numbered in the order of the list, admitted when the cooperative began.
      const member = await transaction.member.create({
        data: {
          email: demoEmail(demoMember.key),
          displayName: demoMember.displayName,
          roles: demoMember.roles,
          passwordHash,
          status: 'admitted',
          memberNumber: index + 1,
          admittedAt: new Date(start),
          createdAt: new Date(start),
        },
      });
      if (!demoMember.offers?.length) continue;
      await transaction.offer.createMany({
        data: demoMember.offers.map(([title, description, categoryCode, kind, price, unit]) => {
          offerIndex += 1;
          // Interleave producers' offers in time so the newest-first feed is mixed.
          const createdAt = new Date(start + ((offerIndex * 7) % 64) * 3_600_000 + offerIndex * 1000);
          return { producerId: member.id, title, description, categoryCode, kind, price, unit, status: 'active', createdAt };
        }),
      });
    }
    // The outside auditor reads the books and is no member: no number, no account, no vote.
    await transaction.member.create({
      data: { email: demoEmail(demoAccountant.key), displayName: demoAccountant.displayName, roles: demoAccountant.roles, passwordHash, status: 'external', createdAt: new Date(start) },
    });
    await transaction.member.create({
      data: { email: demoEmail(demoApplicant.key), displayName: demoApplicant.displayName, passwordHash, status: 'applicant', applicationNote: demoApplicant.note },
    });
  });
  await seedDemoVote(prisma);
  await seedDemoRankingVote(prisma);
  await seedDemoMarketplace(prisma);
  const illustrations = await renderDemoIllustrations({ bytesMax: media.uploadBytesMax, pixelsMax: media.uploadPixelsMax });
  await seedDemoImages(prisma, media.mediaDir, illustrations);
  await seedDemoNeeds(prisma);
  await seedDemoChallenge(prisma);
  await seedDemoLedger(database);
  // The ranking's category medians and producers' recent sales, as the job keeps them.
  await refreshRankingAggregates(prisma);
  return true;
}
