// Challenges of ecological claims against a real database: who may file, answer and decide; a claim
// stays counted until the board removes it; a removed claim cannot be declared again; the
// challenger's name is shown to the board and the challenger only.
import type { Member } from '../../prisma/generated/client/client';
import { answerChallenge } from '../src/challenges/answer-challenge';
import { challengeAttribute } from '../src/challenges/challenge-attribute';
import { challengeAnswerDays } from '../src/shared/rules/challenge-rules';
import { decideChallenge } from '../src/challenges/decide-challenge';
import {
  AttributeNotDeclaredError,
  ChallengeAwaitingAnswerError,
  ChallengeConflictError,
  ChallengeDecidedError,
  ChallengePendingError,
} from '../src/challenges/errors';
import { ValidationError } from '../src/errors';
import { NotFoundError, NotOwnerError } from '../src/marketplace/errors';
import { updateOffer } from '../src/marketplace/update-offer';
import { createTestApi, type TestApi } from './support/api';
import { buildMember, buildOffer, logIn } from './support/builders';

const reason = 'Die Äpfel kommen laut Etikett aus Neuseeland.';
const dayMs = 24 * 60 * 60_000;

describe('attribute challenges', () => {
  let api: TestApi;
  let producer: Member;
  let challenger: Member;
  let board: Member;

  beforeAll(async () => {
    api = await createTestApi();
    producer = await buildMember(api, { displayName: 'Hof Linde', roles: ['member', 'producer'] });
    challenger = await buildMember(api, { displayName: 'Kritische Kundin' });
    board = await buildMember(api, { displayName: 'Vorstand', roles: ['member', 'admin'] });
  });
  afterAll(() => api.close());

  const offerWith = (attributes: ('regional' | 'organic_certified' | 'packaging_free')[]) => buildOffer(api, producer.id, { title: 'Äpfel vom Hof', ecologicalAttributes: attributes });
  const attributesOf = async (offerId: string) => (await api.database.prisma.offer.findUniqueOrThrow({ where: { id: offerId } })).ecologicalAttributes;

  it('refuses bad challenges and changes nothing', async () => {
    const { prisma } = api.database;
    const offer = await offerWith(['regional']);
    await expect(challengeAttribute(prisma, challenger, { offerId: offer.id, attribute: 'regional', reason: 'kurz' })).rejects.toBeInstanceOf(ValidationError);
    await expect(challengeAttribute(prisma, challenger, { offerId: offer.id, attribute: 'windkraft', reason })).rejects.toBeInstanceOf(ValidationError);
    await expect(challengeAttribute(prisma, challenger, { offerId: offer.id, attribute: 'organic_certified', reason })).rejects.toBeInstanceOf(AttributeNotDeclaredError);
    await expect(challengeAttribute(prisma, producer, { offerId: offer.id, attribute: 'regional', reason })).rejects.toBeInstanceOf(ChallengeConflictError);
    await expect(challengeAttribute(prisma, challenger, { offerId: 'kein-angebot', attribute: 'regional', reason })).rejects.toBeInstanceOf(NotFoundError);
    const draft = await buildOffer(api, producer.id, { status: 'draft', ecologicalAttributes: ['regional'] });
    await expect(challengeAttribute(prisma, challenger, { offerId: draft.id, attribute: 'regional', reason })).rejects.toBeInstanceOf(NotFoundError);
    expect(await prisma.attributeChallenge.count({ where: { offerId: { in: [offer.id, draft.id] } } })).toBe(0);
    expect(await prisma.notification.count({ where: { recipientId: producer.id, kind: 'attribute_challenged' } })).toBe(0);
  });

  it('keeps the claim counted until the board removes it, after the producer answered', async () => {
    const { prisma } = api.database;
    const offer = await offerWith(['regional', 'packaging_free']);
    const challenge = await challengeAttribute(prisma, challenger, { offerId: offer.id, attribute: 'regional', reason });
    // One undecided challenge per claim, also when two members file at once.
    const second = await buildMember(api, { displayName: 'Zweite Kundin' });
    await expect(challengeAttribute(prisma, second, { offerId: offer.id, attribute: 'regional', reason })).rejects.toBeInstanceOf(ChallengePendingError);
    expect(await attributesOf(offer.id)).toEqual(['regional', 'packaging_free']);
    expect(await prisma.notification.count({ where: { recipientId: producer.id, kind: 'attribute_challenged' } })).toBe(1);

    // The board waits for the answer, at most the answer window.
    await expect(decideChallenge(prisma, board, challenge.id, { decision: 'claim_removed', note: 'Herkunft nicht belegt, Etikett zeigt Import.' })).rejects.toBeInstanceOf(
      ChallengeAwaitingAnswerError,
    );
    const stranger = await buildMember(api, { roles: ['member', 'producer'] });
    await expect(answerChallenge(prisma, stranger, challenge.id, { answer: 'Ich bin gar nicht gemeint.' })).rejects.toBeInstanceOf(NotOwnerError);
    await answerChallenge(prisma, producer, challenge.id, { answer: 'Die Äpfel sind zugekauft, das stimmt leider.' });

    // Nobody decides on their own offer or their own challenge.
    const boardProducer = await buildMember(api, { roles: ['member', 'producer', 'admin'] });
    const boardOffer = await buildOffer(api, boardProducer.id, { ecologicalAttributes: ['regional'] });
    const ownChallenge = await challengeAttribute(prisma, challenger, { offerId: boardOffer.id, attribute: 'regional', reason });
    await expect(decideChallenge(prisma, boardProducer, ownChallenge.id, { decision: 'claim_kept', note: 'Mein Hof, meine Regeln hier.' }, new Date(Date.now() + 8 * dayMs))).rejects.toBeInstanceOf(
      ChallengeConflictError,
    );

    const decided = await decideChallenge(prisma, board, challenge.id, { decision: 'claim_removed', note: 'Zugekauft, also nicht regional.' });
    expect(decided.status).toBe('claim_removed');
    expect(await attributesOf(offer.id)).toEqual(['packaging_free']);
    await expect(decideChallenge(prisma, board, challenge.id, { decision: 'claim_kept', note: 'Doch noch einmal anders.' })).rejects.toBeInstanceOf(ChallengeDecidedError);
    const notified = await prisma.notification.findMany({ where: { kind: 'attribute_challenge_decided', payload: { path: ['challengeId'], equals: challenge.id } } });
    expect(notified.map((notification) => notification.recipientId).sort()).toEqual([producer.id, challenger.id].sort());

    // The producer cannot declare the removed claim again, but may keep editing the offer.
    const input = { title: 'Äpfel vom Hof', description: '', categoryCode: 'food.fruit', kind: 'good' as const, price: '2.50', unit: 'kg', stock: null, deliveryOptions: [], ecologicalAttributes: ['regional', 'packaging_free'] as ('regional' | 'packaging_free')[] };
    await expect(updateOffer(prisma, producer.id, offer.id, input)).rejects.toMatchObject({ fieldErrors: [{ field: 'ecologicalAttributes', code: 'removed_by_board' }] });
    await updateOffer(prisma, producer.id, offer.id, { ...input, title: 'Äpfel, zugekauft', ecologicalAttributes: ['packaging_free'] });
    expect(await attributesOf(offer.id)).toEqual(['packaging_free']);
  });

  it('lets the board decide without an answer once the answer window has passed, and keep a claim', async () => {
    const { prisma } = api.database;
    const offer = await offerWith(['organic_certified']);
    const challenge = await challengeAttribute(prisma, challenger, { offerId: offer.id, attribute: 'organic_certified', reason });
    const afterWindow = new Date(challenge.createdAt.getTime() + challengeAnswerDays * dayMs + 1000);
    const kept = await decideChallenge(prisma, board, challenge.id, { decision: 'claim_kept', note: 'Zertifikat liegt dem Vorstand vor.' }, afterWindow);
    expect(kept.status).toBe('claim_kept');
    expect(await attributesOf(offer.id)).toEqual(['organic_certified']);
    // A kept claim can be challenged again later.
    await expect(challengeAttribute(prisma, challenger, { offerId: offer.id, attribute: 'organic_certified', reason })).resolves.toMatchObject({ status: 'open' });
  });

  it('shows reasons and decisions on the offer and the challenger only to the board and the challenger, over GraphQL', async () => {
    const offer = await offerWith(['regional']);
    const asChallenger = await logIn(api, challenger.email);
    const filed = await asChallenger.graphql(
      `mutation($input: ChallengeAttributeInput!) { challengeAttribute(input: $input) { __typename ... on MutationChallengeAttributeSuccess { data { id status challengerName filedByMe } } ... on Error { code } } }`,
      { input: { offerId: Buffer.from(`Offer:${offer.id}`).toString('base64'), attribute: 'regional', reason } },
    );
    const created = filed.data?.challengeAttribute;
    expect(created).toMatchObject({ __typename: 'MutationChallengeAttributeSuccess', data: { status: 'open', challengerName: 'Kritische Kundin', filedByMe: true } });
    const offerQuery = `query($id: ID!) { node(id: $id) { ... on Offer { attributeChallenges { attribute reason status challengerName } } } }`;
    const offerId = Buffer.from(`Offer:${offer.id}`).toString('base64');
    const asProducer = await logIn(api, producer.email);
    const seenByProducer = await asProducer.graphql(offerQuery, { id: offerId });
    expect(seenByProducer.data?.node.attributeChallenges).toEqual([{ attribute: 'regional', reason, status: 'open', challengerName: null }]);
    const anonymous = await api.client().graphql(offerQuery, { id: offerId });
    expect(anonymous.data?.node.attributeChallenges[0].challengerName).toBeNull();
    const asBoard = await logIn(api, board.email);
    const queue = await asBoard.graphql(`{ attributeChallenges(first: 50) { edges { node { id challengerName offer { title } } } } }`);
    expect(queue.data?.attributeChallenges.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(created.data.id);
    // Only the board reads the queue and decides; a member cannot.
    const refused = await asChallenger.graphql(`{ attributeChallenges(first: 5) { edges { node { id } } } }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const notDecided = await asChallenger.graphql(`mutation($id: ID!) { decideAttributeChallenge(challengeId: $id, decision: claim_removed, note: "Ich entscheide selbst.") { __typename } }`, {
      id: created.data.id,
    });
    expect(notDecided.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const producerList = await asProducer.graphql(`{ myOfferChallenges(first: 5) { edges { node { reason challengerName } } } }`);
    expect(producerList.data?.myOfferChallenges.edges[0].node).toEqual({ reason, challengerName: null });
  });
});
