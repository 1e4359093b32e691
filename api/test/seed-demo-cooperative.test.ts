import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createTestApi, type TestApi } from './support/api';
import { findMemberAccount } from '../src/wallet/ensure-member-account';
import { seedDemoCooperative } from '../src/seed/seed-demo-cooperative';
import { demoMembers, demoNeeds, demoOpenRankingVote } from '../src/seed/demo-data';
import { policyInForce } from '../src/governance/policies';
import { demoPaymentCount, seedDemoLedger } from '../src/seed/seed-demo-ledger';
import { mediaFilePath } from '../src/images/media-files';
import { illustrationVariantCount } from '../src/seed/demo-illustrations';

describe('the demo cooperative', () => {
  let api: TestApi;
  let mediaDir: string;
  beforeAll(async () => {
    api = await createTestApi();
    mediaDir = mkdtempSync(path.join(os.tmpdir(), 'allmende-seed-media-'));
    expect(await seedDemoCooperative(api.database, { ...api.services.config, mediaDir })).toBe(true);
  });
  afterAll(async () => {
    await api.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  it('is seeded once: a second run changes nothing', async () => {
    const offers = await api.database.prisma.offer.count();
    expect(await seedDemoCooperative(api.database, { ...api.services.config, mediaDir })).toBe(false);
    expect(await api.database.prisma.offer.count()).toBe(offers);
  });

  it('gives every demo member an account and a history of payments within their limits', async () => {
    const ledger = api.services.ledger;
    const members = await api.database.prisma.member.findMany({ where: { status: 'admitted' } });
    expect(members).toHaveLength(demoMembers.length);
    for (const member of members) expect(await findMemberAccount(ledger, member.id)).not.toBeNull();

    const payments = (await ledger.listTransfers({ limit: 1000 })).filter((transfer) => transfer.kind === 'payment');
    expect(payments.length).toBeGreaterThanOrEqual(demoPaymentCount * 0.75);
    expect(payments.length).toBeLessThanOrEqual(demoPaymentCount);
    const oldest = Math.min(...payments.map((transfer) => transfer.createdAt.getTime()));
    expect(Date.now() - oldest).toBeGreaterThan(30 * 86_400_000);
    expect(payments.every((transfer) => transfer.memo.length > 0)).toBe(true);
    expect(await ledger.verifyLedger()).toMatchObject({ ok: true });

    // Running the ledger part again adds nothing.
    await seedDemoLedger(api.database);
    expect((await ledger.listTransfers({ limit: 1000 })).filter((transfer) => transfer.kind === 'payment')).toHaveLength(payments.length);
  });

  it('shows every offer with an illustration of its own files, varied within a category', async () => {
    const offers = await api.database.prisma.offer.findMany({ include: { images: true } });
    expect(offers).toHaveLength(demoMembers.flatMap((member) => member.offers ?? []).length);
    for (const offer of offers) expect(offer.images).toHaveLength(1);
    const images = offers.flatMap((offer) => offer.images);
    expect(new Set(images.map((image) => image.storageKey)).size).toBe(images.length);
    expect(readdirSync(mediaDir)).toHaveLength(images.length * 2);

    // Stored as an upload would be: WebP at the display and thumbnail sizes.
    const [first] = images;
    const display = await sharp(mediaFilePath(mediaDir, first!.storageKey, 'display')).metadata();
    expect(display).toMatchObject({ format: 'webp', width: first!.width, height: first!.height });
    const thumbnail = await sharp(mediaFilePath(mediaDir, first!.storageKey, 'thumbnail')).metadata();
    expect(thumbnail).toMatchObject({ format: 'webp', width: 400 });

    // The vegetable offers do not all show the same picture.
    const vegetables = offers.filter((offer) => offer.categoryCode === 'food.vegetables');
    const pictures = new Set(vegetables.map((offer) => readFileSync(mediaFilePath(mediaDir, offer.images[0]!.storageKey, 'thumbnail')).toString('base64')));
    expect(vegetables.length).toBeGreaterThan(illustrationVariantCount);
    expect(pictures.size).toBe(illustrationVariantCount);
  });

  it('has needs, some answered by a producer with one of their offers and some still open', async () => {
    const needs = await api.database.prisma.need.findMany({ include: { answers: { include: { offer: true } }, member: true } });
    expect(needs).toHaveLength(demoNeeds.length);
    expect(needs.every((need) => need.closedAt === null && need.expiresAt.getTime() > Date.now())).toBe(true);
    const answered = needs.filter((need) => need.answers.length > 0);
    expect(answered.length).toBeGreaterThanOrEqual(2);
    expect(needs.length - answered.length).toBeGreaterThanOrEqual(2);
    for (const answer of answered.flatMap((need) => need.answers)) expect(answer.offer.producerId).toBe(answer.producerId);
    // Answering notified the member who posted the need, as on the needs page.
    const notifications = await api.database.prisma.notification.count({ where: { kind: 'need_answered' } });
    expect(notifications).toBe(answered.flatMap((need) => need.answers).length);
  });

  it('has a passed vote behind the contribution rate and a ranking proposal open for voting', async () => {
    const prisma = api.database.prisma;
    const proposals = await prisma.proposal.findMany({ orderBy: { createdAt: 'asc' }, include: { _count: { select: { votes: true, electors: true } } } });
    expect(proposals.map((proposal) => [proposal.kind, proposal.status])).toEqual([
      ['contribution_rate', 'passed'],
      ['ranking', 'voting'],
    ]);
    const ranking = proposals[1]!;
    expect(ranking._count).toEqual({ votes: demoOpenRankingVote.votes.length, electors: demoMembers.length });
    expect(ranking.votingClosesAt!.getTime()).toBeGreaterThan(Date.now());
    expect((await policyInForce(prisma, 'contribution_rate')).version).toBe(2);
    expect((await policyInForce(prisma, 'ranking')).version).toBe(1);
  });

  it('has a doubted ecological claim, answered by its producer and waiting for the board', async () => {
    const challenges = await api.database.prisma.attributeChallenge.findMany({ include: { offer: { select: { ecologicalAttributes: true } } } });
    expect(challenges).toHaveLength(1);
    expect(challenges[0]).toMatchObject({ status: 'answered', attribute: 'packaging_free' });
    expect(challenges[0]!.offer.ecologicalAttributes).toContain('packaging_free');
  });
});
