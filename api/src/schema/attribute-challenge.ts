// Challenges of offers' ecological claims: members file them, producers answer, the board decides.
// Reasons, answers and decisions are public on the offer; who filed a challenge only the board and the
// challenger see.
import { builder } from '../builder';
import { AttributeChallengeStatus } from '../../../prisma/generated/client/enums';
import { answerChallenge } from '../challenges/answer-challenge';
import { challengeAttribute } from '../challenges/challenge-attribute';
import { decidableFrom } from '../shared/rules/challenge-rules';
import { challengeDecisions, decideChallenge } from '../challenges/decide-challenge';
import {
  AttributeNotDeclaredError,
  ChallengeAwaitingAnswerError,
  ChallengeConflictError,
  ChallengeDecidedError,
  ChallengeNotFoundError,
  ChallengePendingError,
} from '../challenges/errors';
import { ValidationError } from '../errors';
import { NotFoundError, NotOwnerError } from '../marketplace/errors';
import { visibleOffersWhere } from '../marketplace/offer-visibility';
import { pageSizeMax } from '../shared/input';
import { rowIdOf } from '../shared/global-id';
import { ErrorInterface } from './errors';
import { memberOf } from './global-id';
import { EcologicalAttributeEnum } from './marketplace-enums';
import { OfferType } from './offer';
import { selectionOf } from './prisma-query';

const AttributeChallengeStatusEnum = builder.enumType(AttributeChallengeStatus, { name: 'AttributeChallengeStatus' });
const ChallengeDecisionEnum = builder.enumType('ChallengeDecision', { values: challengeDecisions });

for (const [name, type] of [
  ['ChallengeNotFoundError', ChallengeNotFoundError],
] as const) {
  builder.objectType(type, { name, interfaces: [ErrorInterface], isTypeOf: (value) => value instanceof type });
}
builder.objectType(AttributeNotDeclaredError, {
  name: 'AttributeNotDeclaredError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof AttributeNotDeclaredError,
  fields: (t) => ({ attribute: t.exposeString('attribute') }),
});
builder.objectType(ChallengePendingError, {
  name: 'ChallengePendingError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ChallengePendingError,
  fields: (t) => ({ attribute: t.exposeString('attribute') }),
});
builder.objectType(ChallengeDecidedError, {
  name: 'ChallengeDecidedError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ChallengeDecidedError,
  fields: (t) => ({ status: t.exposeString('status') }),
});
builder.objectType(ChallengeAwaitingAnswerError, {
  name: 'ChallengeAwaitingAnswerError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ChallengeAwaitingAnswerError,
  fields: (t) => ({ decidableFrom: t.expose('decidableFrom', { type: 'DateTime' }) }),
});
builder.objectType(ChallengeConflictError, {
  name: 'ChallengeConflictError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ChallengeConflictError,
  fields: (t) => ({ reason: t.exposeString('reason', { description: 'own_offer or own_challenge.' }) }),
});

builder.prismaNode('AttributeChallenge', {
  id: { field: 'id' },
  findUnique: (id, context) => ({ id, offer: visibleOffersWhere(context.member) }),
  fields: (t) => ({
    attribute: t.expose('attribute', { type: EcologicalAttributeEnum }),
    reason: t.exposeString('reason'),
    answer: t.exposeString('answer', { nullable: true }),
    status: t.expose('status', { type: AttributeChallengeStatusEnum }),
    decisionNote: t.exposeString('decisionNote', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    answeredAt: t.expose('answeredAt', { type: 'DateTime', nullable: true }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
    decidableFrom: t.field({
      type: 'DateTime',
      description: 'From when the board may decide without an answer; with an answer it may decide at once.',
      select: { createdAt: true },
      resolve: (challenge) => decidableFrom(challenge.createdAt),
    }),
    offer: t.relation('offer'),
    challengerName: t.string({
      nullable: true,
      description: 'Who filed the challenge: shown to the board and to the challenger only.',
      select: { challengerId: true, challenger: { select: { displayName: true } } },
      resolve: (challenge, _args, context) => {
        const viewer = context.member;
        if (!viewer || viewer.status !== 'admitted') return null;
        return viewer.id === challenge.challengerId || viewer.roles.includes('admin') ? challenge.challenger.displayName : null;
      },
    }),
    filedByMe: t.boolean({
      select: { challengerId: true },
      resolve: (challenge, _args, context) => context.member?.id === challenge.challengerId,
    }),
  }),
});

builder.prismaObjectFields(OfferType, (t) => ({
  attributeChallenges: t.relation('attributeChallenges', {
    description: 'Challenges of the offer\'s ecological claims, newest first: open ones and decisions.',
    query: () => ({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: pageSizeMax }),
  }),
}));

builder.queryField('attributeChallenges', (t) =>
  t.prismaConnection({
    type: 'AttributeChallenge',
    cursor: 'id',
    description: 'The board\'s queue: undecided challenges (or all), the oldest first. Admins only.',
    authScopes: { admin: true },
    args: { undecidedOnly: t.arg.boolean({ defaultValue: true }) },
    defaultSize: 20,
    maxSize: pageSizeMax,
    resolve: (query, _root, args, context) =>
      context.prisma.attributeChallenge.findMany({
        ...query,
        where: args.undecidedOnly === false ? {} : { status: { in: ['open', 'answered'] } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      }),
  }),
);

builder.queryField('myOfferChallenges', (t) =>
  t.prismaConnection({
    type: 'AttributeChallenge',
    cursor: 'id',
    description: 'Challenges of the logged-in producer\'s offers\' claims, newest first. Producers only.',
    authScopes: { producer: true },
    defaultSize: 20,
    maxSize: pageSizeMax,
    resolve: (query, _root, _args, context) =>
      context.prisma.attributeChallenge.findMany({
        ...query,
        where: { offer: { producerId: memberOf(context).id } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
);

function challengeIdOf(id: string | number): string {
  const rowId = rowIdOf(String(id), ['AttributeChallenge']);
  if (!rowId) throw new ChallengeNotFoundError();
  return rowId;
}

const ChallengeAttributeInput = builder.inputType('ChallengeAttributeInput', {
  fields: (t) => ({
    offerId: t.id({ required: true }),
    attribute: t.field({ type: EcologicalAttributeEnum, required: true }),
    reason: t.string({ required: true }),
  }),
});

builder.mutationField('challengeAttribute', (t) =>
  t.prismaField({
    type: 'AttributeChallenge',
    description: 'Challenges an ecological claim of an offer, with a reason shown on the offer. Members only, not on their own offers.',
    authScopes: { member: true },
    args: { input: t.arg({ type: ChallengeAttributeInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError, ChallengeConflictError, AttributeNotDeclaredError, ChallengePendingError] },
    resolve: async (query, _root, { input }, context) => {
      const offerId = rowIdOf(String(input.offerId), ['Offer']);
      if (!offerId) throw new NotFoundError('offer');
      const challenge = await challengeAttribute(context.prisma, memberOf(context), { offerId, attribute: input.attribute, reason: input.reason });
      return context.prisma.attributeChallenge.findUniqueOrThrow({ ...selectionOf(query), where: { id: challenge.id } });
    },
  }),
);

builder.mutationField('answerAttributeChallenge', (t) =>
  t.prismaField({
    type: 'AttributeChallenge',
    description: 'The producer\'s answer to a challenge of one of their offers; it can be changed until the board decides.',
    authScopes: { producer: true },
    args: { challengeId: t.arg.id({ required: true }), answer: t.arg.string({ required: true }) },
    errors: { types: [ValidationError, ChallengeNotFoundError, NotOwnerError, ChallengeDecidedError] },
    resolve: async (query, _root, args, context) => {
      const challenge = await answerChallenge(context.prisma, memberOf(context), challengeIdOf(args.challengeId), { answer: args.answer });
      return context.prisma.attributeChallenge.findUniqueOrThrow({ ...selectionOf(query), where: { id: challenge.id } });
    },
  }),
);

builder.mutationField('decideAttributeChallenge', (t) =>
  t.prismaField({
    type: 'AttributeChallenge',
    description: 'The board keeps or removes a challenged claim, with a note shown on the offer. Admins only.',
    authScopes: { admin: true },
    args: {
      challengeId: t.arg.id({ required: true }),
      decision: t.arg({ type: ChallengeDecisionEnum, required: true }),
      note: t.arg.string({ required: true }),
    },
    errors: { types: [ValidationError, ChallengeNotFoundError, ChallengeDecidedError, ChallengeConflictError, ChallengeAwaitingAnswerError] },
    resolve: async (query, _root, args, context) => {
      const challenge = await decideChallenge(context.prisma, memberOf(context), challengeIdOf(args.challengeId), { decision: args.decision, note: args.note });
      return context.prisma.attributeChallenge.findUniqueOrThrow({ ...selectionOf(query), where: { id: challenge.id } });
    },
  }),
);
