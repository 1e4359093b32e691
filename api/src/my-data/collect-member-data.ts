// Everything the cooperative holds about one member, as the document of their data export. The format
// is documented by docs/my-data.schema.json (api/test/my-data-export.test.ts validates a produced
// export against it): a change here changes the schema and its formatVersion.
//
// Images are referenced by their absolute URL under PUBLIC_URL, with size and position, rather than
// embedded: they are public pictures already, the file stays small and readable, and each URL works
// as long as the image exists. Secrets are never part of it: no password hash, no session or reset
// token hash, and of votes only the receipt (which proposal, when), never a choice.
import { type Ledger } from '@allmende/ledger';
import { dataUseAccessesIncluding } from '../data-use/accesses-including-member';
import type { PrismaClient } from '../db/client';
import { mediaUrl } from '../images/media-files';
import { amountText, cooperativeCurrency } from '../wallet/cooperative-currency';
import { findMemberAccount } from '../wallet/ensure-member-account';
import { counterpartyNames } from '../wallet/read-statement';

export const myDataFormat = 'allmende-my-data';
export const myDataFormatVersion = 1;

/** The sections in the order they are read; progress advances by one after each. */
export const myDataSections = [
  'member',
  'producerProfile',
  'offers',
  'orders',
  'orderMessages',
  'directMessages',
  'reviews',
  'needs',
  'notifications',
  'sessions',
  'governance',
  'dataUse',
  'ledger',
] as const;

export type MyDataSection = (typeof myDataSections)[number];

/** Ledger entries are read in pages of this many. */
const ledgerPageSize = 500;

export interface CollectOptions {
  /** Base of image URLs, without a trailing slash (PUBLIC_URL). */
  publicUrl: string;
  /** Told after each section, with how many of myDataSections are done. */
  onProgress?: (sectionsDone: number) => Promise<void>;
  signal?: AbortSignal;
  now?: Date;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const iso = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);
const amount = (value: { toFixed(digits: number): string } | null | undefined): string | null => (value == null ? null : amountText(value));

/** The export document of a member, or null when there is no such member. */
export async function collectMemberData(
  services: { prisma: PrismaClient; ledger: Ledger },
  memberId: string,
  options: CollectOptions,
): Promise<Record<string, Json> | null> {
  const { prisma } = services;
  const member = await prisma.member.findUnique({ where: { id: memberId } });
  if (!member) return null;
  const imageUrl = (storageKey: string, variant: 'display' | 'thumbnail') => `${options.publicUrl}${mediaUrl(storageKey, variant)}`;
  const document: Record<string, Json> = {
    format: myDataFormat,
    formatVersion: myDataFormatVersion,
    exportedAt: (options.now ?? new Date()).toISOString(),
  };
  const readers: Record<MyDataSection, () => Promise<void>> = {
    member: async () => {
      document.member = {
        id: member.id,
        memberNumber: member.memberNumber,
        email: member.email,
        displayName: member.displayName,
        roles: member.roles,
        locale: member.locale,
        status: member.status,
        emailNotifications: member.emailNotifications,
        createdAt: member.createdAt.toISOString(),
        admittedAt: iso(member.admittedAt),
      };
      document.application = {
        appliedAt: member.createdAt.toISOString(),
        note: member.applicationNote,
        status: member.status,
        declineReason: member.declineReason,
      };
      const cart = await prisma.cartItem.findMany({
        where: { memberId },
        orderBy: [{ createdAt: 'asc' }, { offerId: 'asc' }],
        select: { offerId: true, quantity: true, createdAt: true, offer: { select: { title: true } } },
      });
      document.cart = cart.map((item) => ({ offerId: item.offerId, offerTitle: item.offer.title, quantity: item.quantity, addedAt: item.createdAt.toISOString() }));
    },
    producerProfile: async () => {
      const profile = await prisma.producerProfile.findUnique({ where: { memberId } });
      document.producerProfile = profile && {
        name: profile.name,
        description: profile.description,
        contactEmail: profile.contactEmail,
        contactPhone: profile.contactPhone,
        postcode: profile.postcode,
        place: profile.place,
        latitude: profile.latitude,
        longitude: profile.longitude,
        deliveryOptions: profile.deliveryOptions,
        openingHours: profile.openingHours,
        logo: profile.logoStorageKey
          ? { url: imageUrl(profile.logoStorageKey, 'display'), width: profile.logoWidth, height: profile.logoHeight }
          : null,
        updatedAt: profile.updatedAt.toISOString(),
      };
    },
    offers: async () => {
      const offers = await prisma.offer.findMany({
        where: { producerId: memberId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: { images: { orderBy: { position: 'asc' } } },
      });
      document.offers = offers.map((offer) => ({
        id: offer.id,
        title: offer.title,
        description: offer.description,
        categoryCode: offer.categoryCode,
        kind: offer.kind,
        price: amount(offer.price),
        unit: offer.unit,
        status: offer.status,
        stock: offer.stock,
        availability: offer.availability,
        postcode: offer.postcode,
        place: offer.place,
        latitude: offer.latitude,
        longitude: offer.longitude,
        deliveryOptions: offer.deliveryOptions,
        ecologicalAttributes: offer.ecologicalAttributes,
        createdAt: offer.createdAt.toISOString(),
        updatedAt: offer.updatedAt.toISOString(),
        images: offer.images.map((image) => ({
          position: image.position,
          url: imageUrl(image.storageKey, 'display'),
          thumbnailUrl: imageUrl(image.storageKey, 'thumbnail'),
          width: image.width,
          height: image.height,
          createdAt: image.createdAt.toISOString(),
        })),
      }));
    },
    orders: async () => {
      const orders = await prisma.order.findMany({
        where: { OR: [{ buyerId: memberId }, { producerId: memberId }], status: { notIn: ['placing', 'failed'] } },
        orderBy: [{ number: 'asc' }],
        include: {
          items: { orderBy: { title: 'asc' } },
          buyer: { select: { displayName: true } },
          producer: { select: { displayName: true } },
        },
      });
      document.orders = orders.map((order) => {
        const asBuyer = order.buyerId === memberId;
        return {
          id: order.id,
          number: order.number,
          role: asBuyer ? 'buyer' : 'producer',
          otherParty: asBuyer ? order.producer.displayName : order.buyer.displayName,
          status: order.status,
          total: amount(order.total),
          producerAmount: amount(order.producerAmount),
          contributionAmount: amount(order.contributionAmount),
          refundAmount: amount(order.refundAmount),
          deliveryOption: order.deliveryOption,
          deliveryNote: order.deliveryNote,
          messageToProducer: order.messageToProducer,
          disputeReason: order.disputeReason,
          placedAt: iso(order.placedAt),
          acceptedAt: iso(order.acceptedAt),
          fulfilledAt: iso(order.fulfilledAt),
          closedAt: iso(order.closedAt),
          items: order.items.map((item) => ({
            offerId: item.offerId,
            title: item.title,
            unit: item.unit,
            unitPrice: amount(item.unitPrice),
            quantity: item.quantity,
            lineTotal: amount(item.lineTotal),
          })),
        };
      });
    },
    orderMessages: async () => {
      const messages = await prisma.orderMessage.findMany({
        where: { order: { OR: [{ buyerId: memberId }, { producerId: memberId }] } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: { id: true, orderId: true, authorId: true, body: true, createdAt: true, order: { select: { number: true } } },
      });
      document.orderMessages = messages.map((message) => ({
        id: message.id,
        orderId: message.orderId,
        orderNumber: message.order.number,
        writtenByMe: message.authorId === memberId,
        body: message.body,
        createdAt: message.createdAt.toISOString(),
      }));
    },
    directMessages: async () => {
      const messages = await prisma.directMessage.findMany({
        where: { conversation: { OR: [{ memberLowId: memberId }, { memberHighId: memberId }] } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          conversationId: true,
          authorId: true,
          body: true,
          createdAt: true,
          conversation: { select: { memberLowId: true, memberLow: { select: { displayName: true } }, memberHigh: { select: { displayName: true } } } },
        },
      });
      document.directMessages = messages.map((message) => {
        const { conversation } = message;
        return {
          id: message.id,
          conversationId: message.conversationId,
          otherParty: conversation.memberLowId === memberId ? conversation.memberHigh.displayName : conversation.memberLow.displayName,
          writtenByMe: message.authorId === memberId,
          body: message.body,
          createdAt: message.createdAt.toISOString(),
        };
      });
    },
    reviews: async () => {
      const reviews = await prisma.review.findMany({
        where: { OR: [{ buyerId: memberId }, { producerId: memberId }] },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: { order: { select: { number: true } }, buyer: { select: { displayName: true } }, producer: { select: { displayName: true } } },
      });
      document.reviews = reviews.map((review) => {
        const written = review.buyerId === memberId;
        return {
          id: review.id,
          orderNumber: review.order.number,
          role: written ? 'reviewer' : 'producer',
          otherParty: written ? review.producer.displayName : review.buyer.displayName,
          rating: review.rating,
          text: review.text,
          answer: review.answer,
          answeredAt: iso(review.answeredAt),
          createdAt: review.createdAt.toISOString(),
        };
      });
    },
    needs: async () => {
      const needs = await prisma.need.findMany({
        where: { memberId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: { answers: { orderBy: { createdAt: 'asc' }, include: { offer: { select: { title: true } }, producer: { select: { displayName: true } } } } },
      });
      document.needs = needs.map((need) => ({
        id: need.id,
        title: need.title,
        description: need.description,
        categoryCode: need.categoryCode,
        place: need.place,
        createdAt: need.createdAt.toISOString(),
        expiresAt: need.expiresAt.toISOString(),
        closedAt: iso(need.closedAt),
        answers: need.answers.map((answer) => ({
          offerId: answer.offerId,
          offerTitle: answer.offer.title,
          producer: answer.producer.displayName,
          message: answer.message,
          createdAt: answer.createdAt.toISOString(),
        })),
      }));
      const given = await prisma.needAnswer.findMany({
        where: { producerId: memberId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: { need: { select: { title: true } }, offer: { select: { title: true } } },
      });
      document.needAnswers = given.map((answer) => ({
        needId: answer.needId,
        needTitle: answer.need.title,
        offerId: answer.offerId,
        offerTitle: answer.offer.title,
        message: answer.message,
        createdAt: answer.createdAt.toISOString(),
      }));
    },
    notifications: async () => {
      const notifications = await prisma.notification.findMany({
        where: { recipientId: memberId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: { id: true, kind: true, payload: true, link: true, readAt: true, createdAt: true, emailStatus: true, emailSentAt: true },
      });
      document.notifications = notifications.map((notification) => ({
        id: notification.id,
        kind: notification.kind,
        details: (notification.payload ?? {}) as Json,
        link: notification.link,
        readAt: iso(notification.readAt),
        createdAt: notification.createdAt.toISOString(),
        emailStatus: notification.emailStatus,
        emailSentAt: iso(notification.emailSentAt),
      }));
    },
    sessions: async () => {
      // The id of a session is the HMAC of its cookie's token: it is left out like every secret.
      const sessions = await prisma.session.findMany({
        where: { memberId },
        orderBy: { createdAt: 'asc' },
        select: { userAgent: true, createdAt: true, lastSeenAt: true, expiresAt: true, revokedAt: true },
      });
      document.sessions = sessions.map((session) => ({
        userAgent: session.userAgent,
        createdAt: session.createdAt.toISOString(),
        lastSeenAt: session.lastSeenAt.toISOString(),
        expiresAt: session.expiresAt.toISOString(),
        revokedAt: iso(session.revokedAt),
      }));
      const resets = await prisma.passwordReset.findMany({
        where: { memberId },
        orderBy: { createdAt: 'asc' },
        select: { createdAt: true, expiresAt: true, emailSentAt: true, usedAt: true },
      });
      document.passwordResets = resets.map((reset) => ({
        requestedAt: reset.createdAt.toISOString(),
        expiresAt: reset.expiresAt.toISOString(),
        emailSentAt: iso(reset.emailSentAt),
        usedAt: iso(reset.usedAt),
      }));
    },
    governance: async () => {
      // Only the receipt: the choice of a vote is never read here, even while voting runs.
      const votes = await prisma.vote.findMany({
        where: { memberId },
        orderBy: [{ votedAt: 'asc' }, { proposalId: 'asc' }],
        select: { proposalId: true, votedAt: true, proposal: { select: { title: true, kind: true } } },
      });
      document.voteReceipts = votes.map((vote) => ({
        proposalId: vote.proposalId,
        proposalTitle: vote.proposal.title,
        proposalKind: vote.proposal.kind,
        votedAt: vote.votedAt.toISOString(),
      }));
      const proposals = await prisma.proposal.findMany({
        where: { authorId: memberId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: { id: true, kind: true, title: true, rationale: true, status: true, createdAt: true },
      });
      document.proposals = proposals.map((proposal) => ({ ...proposal, createdAt: proposal.createdAt.toISOString() }));
      const comments = await prisma.proposalComment.findMany({
        where: { authorId: memberId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: { id: true, proposalId: true, body: true, createdAt: true },
      });
      document.proposalComments = comments.map((comment) => ({ ...comment, createdAt: comment.createdAt.toISOString() }));
    },
    dataUse: async () => {
      const optOuts = await prisma.dataUseOptOut.findMany({ where: { memberId }, orderBy: [{ optedOutAt: 'asc' }, { id: 'asc' }] });
      document.dataUseOptOuts = optOuts.map((optOut) => ({ optedOutAt: optOut.optedOutAt.toISOString(), optedInAt: iso(optOut.optedInAt) }));
      document.dataUseAccesses = (await dataUseAccessesIncluding(prisma, member)) as unknown as Json;
    },
    ledger: async () => {
      document.ledger = await ledgerHistory(services, memberId, options.signal);
    },
  };
  for (const [index, section] of myDataSections.entries()) {
    if (options.signal?.aborted) throw new Error('the export was interrupted');
    await readers[section]();
    await options.onProgress?.(index + 1);
  }
  return document;
}

/** The member's account and every transfer of it, oldest first, with the other side's name. */
async function ledgerHistory(services: { prisma: PrismaClient; ledger: Ledger }, memberId: string, signal: AbortSignal | undefined): Promise<Json> {
  const { ledger } = services;
  const account = await findMemberAccount(ledger, memberId);
  if (!account) return { currency: cooperativeCurrency.code, account: null, entries: [] };
  const [balance] = await ledger.getBalances([account.id]);
  const entries: Json[] = [];
  let cursor: string | null = null;
  do {
    if (signal?.aborted) throw new Error('the export was interrupted');
    const page = await ledger.getStatement({ accountId: account.id, order: 'asc', limit: ledgerPageSize, cursor });
    if (!page.ok) throw new Error(`the statement of account ${account.id} cannot be read: ${page.code}`);
    const names = await counterpartyNames(
      services.prisma,
      ledger,
      page.entries.map(({ transfer, side }) => (side === 'debit' ? transfer.creditAccountId : transfer.debitAccountId)),
    );
    for (const { transfer, side, postedChange, pendingDebitsChange, pendingCreditsChange, postedBalance } of page.entries) {
      const otherAccountId = side === 'debit' ? transfer.creditAccountId : transfer.debitAccountId;
      entries.push({
        transferId: transfer.id,
        createdAt: transfer.createdAt.toISOString(),
        type: transfer.type,
        kind: transfer.kind,
        memo: transfer.memo,
        reference: transfer.reference,
        side,
        amount: amount(transfer.amount),
        counterparty: names.get(otherAccountId)?.name ?? null,
        postedChange: amount(postedChange),
        pendingDebitsChange: amount(pendingDebitsChange),
        pendingCreditsChange: amount(pendingCreditsChange),
        postedBalance: amount(postedBalance),
      });
    }
    cursor = page.nextCursor;
  } while (cursor !== null);
  return {
    currency: cooperativeCurrency.code,
    account: {
      id: account.id,
      status: account.status,
      createdAt: account.createdAt.toISOString(),
      closedAt: iso(account.closedAt),
      creditLimit: amount(account.creditLimit),
      maximumBalance: amount(account.maximumBalance),
      balance: amount(balance?.posted),
      pendingDebits: amount(balance?.pendingDebits),
      pendingCredits: amount(balance?.pendingCredits),
    },
    entries,
  };
}
