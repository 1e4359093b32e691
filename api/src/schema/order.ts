// Checkout, orders as buyer and as producer, the moves of the order lifecycle, and disputes for admins.
import { Decimal } from '@allmende/ledger';
import { builder } from '../builder';
import { ValidationError } from '../errors';
import { InsufficientCreditError, TransferRejectedError } from '../wallet/errors';
import { checkout, type CheckoutResult } from '../orders/checkout';
import { CartEmptyError, DeliveryOptionUnavailableError, OfferUnavailableError, OrderNotFoundError, OrderForbiddenError, OrderStatusError, OutOfStockError, OwnOfferError, PriceChangedError } from '../orders/errors';
import { acceptOrder, cancelOrder, confirmOrder, disputeOrder, fulfilOrder, rejectOrder, resolveDispute, type Actor } from '../orders/order-lifecycle';
import { VISIBLE_ORDER_STATUSES, type OrderStatus } from '../orders/order-status';
import { visibleOrdersWhere } from '../orders/order-visibility';
import { z } from 'zod';
import type { Context } from '../context';
import { offerIdOf } from './cart';
import { memberOf } from './global-id';
import { DisputeOutcomeEnum, OrderStatusEnum } from './order-enums';
import { DeliveryOptionEnum } from './marketplace-enums';
import { deliveryNoteLengthMax } from '../orders/delivery-choice';
import { orderMessageLengthMax } from '../order-messages/send-order-message';
import { selectionOf } from './prisma-query';
import { requestNotificationEmails } from './notification-emails';
import './order-errors';
import './wallet-errors';
import { amountSchema, pageSizeMax, parseInput } from '../shared/input';
import { rowIdOf } from '../shared/global-id';
import { amountText } from '../wallet/cooperative-currency';

function optionalAmountText(value: { toFixed(digits: number): string } | null): string | null {
  return value === null ? null : amountText(value);
}

builder.prismaObject('OrderItem', {
  fields: (t) => ({
    offer: t.relation('offer'),
    title: t.exposeString('title', { description: 'The title at checkout.' }),
    unit: t.exposeString('unit'),
    unitPrice: t.field({ type: 'Decimal', select: { unitPrice: true }, resolve: (item) => amountText(item.unitPrice) }),
    quantity: t.exposeInt('quantity'),
    lineTotal: t.field({ type: 'Decimal', select: { lineTotal: true }, resolve: (item) => amountText(item.lineTotal) }),
  }),
});

export const OrderType = builder.prismaNode('Order', {
  id: { field: 'id' },
  // node(id:) finds only orders the member may see.
  findUnique: (id, context) => ({ ...visibleOrdersWhere(context.member), id }),
  fields: (t) => ({
    number: t.exposeInt('number', { description: 'The order number members see, counted from 1 in the order of checkout.' }),
    status: t.expose('status', { type: OrderStatusEnum }),
    buyer: t.relation('buyer'),
    producer: t.relation('producer'),
    items: t.relation('items', { query: { orderBy: { title: 'asc' } } }),
    total: t.field({ type: 'Decimal', select: { total: true }, resolve: (order) => amountText(order.total) }),
    producerAmount: t.field({ type: 'Decimal', nullable: true, select: { producerAmount: true }, description: 'Paid to the producer once settled.', resolve: (order) => optionalAmountText(order.producerAmount) }),
    contributionAmount: t.field({ type: 'Decimal', nullable: true, select: { contributionAmount: true }, description: 'Paid to the common fund once settled.', resolve: (order) => optionalAmountText(order.contributionAmount) }),
    refundAmount: t.field({ type: 'Decimal', nullable: true, select: { refundAmount: true }, description: 'Returned to the buyer by a dispute resolution.', resolve: (order) => optionalAmountText(order.refundAmount) }),
    disputeReason: t.exposeString('disputeReason'),
    deliveryOption: t.field({
      type: DeliveryOptionEnum,
      nullable: true,
      select: { deliveryOption: true },
      description: 'How the buyer chose to receive the order; null when it is left to agree on.',
      resolve: (order) => order.deliveryOption,
    }),
    deliveryNote: t.exposeString('deliveryNote', { description: 'The delivery address for delivery and shipping, or a note on the pickup.' }),
    messageToProducer: t.exposeString('messageToProducer', { description: 'What the buyer wrote to the producer at checkout.' }),
    placedAt: t.expose('placedAt', { type: 'DateTime', nullable: true }),
    acceptedAt: t.expose('acceptedAt', { type: 'DateTime', nullable: true }),
    fulfilledAt: t.expose('fulfilledAt', { type: 'DateTime', nullable: true }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

/** One visible state when asked for, else every state a member may see. */
function visibleStatusFilter(status: OrderStatus | null | undefined) {
  return status && VISIBLE_ORDER_STATUSES.includes(status) ? status : { in: VISIBLE_ORDER_STATUSES };
}

/** A member's orders on one side of the sale, newest first, optionally in one visible state. */
function ordersAs(name: string, party: 'buyerId' | 'producerId', description: string, authScopes: { member: true } | { producer: true }) {
  return builder.queryField(name, (t) =>
    t.prismaConnection({
      type: 'Order',
      cursor: 'id',
      description,
      authScopes,
      args: { status: t.arg({ type: OrderStatusEnum }) },
      defaultSize: 20,
      maxSize: pageSizeMax,
      resolve: (query, _root, args, context) =>
        context.prisma.order.findMany({
          ...query,
          where: { [party]: memberOf(context).id, status: visibleStatusFilter(args.status) },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        }),
    }),
  );
}

ordersAs('myOrders', 'buyerId', "The logged-in member's orders as buyer, newest first.", { member: true });
ordersAs('incomingOrders', 'producerId', "Orders for the logged-in producer's offers, newest first, optionally in one state.", { producer: true });

builder.queryField('disputedOrders', (t) =>
  t.prismaConnection({
    type: 'Order',
    cursor: 'id',
    description: 'Orders in dispute, oldest first, for admins to resolve.',
    authScopes: { admin: true },
    defaultSize: 20,
    maxSize: pageSizeMax,
    resolve: (query, _root, _args, context) => context.prisma.order.findMany({ ...query, where: { status: 'disputed' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
  }),
);

builder.queryField('order', (t) =>
  t.prismaField({
    type: 'Order',
    nullable: true,
    description: 'One order, for its buyer, its producer and admins.',
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, context) => {
      const id = rowIdOf(String(args.id), ['Order']);
      if (!id) return null;
      return context.prisma.order.findFirst({ ...query, where: { id, ...visibleOrdersWhere(memberOf(context)) } });
    },
  }),
);

const ExpectedPriceInput = builder.inputType('ExpectedPriceInput', {
  fields: (t) => ({
    offerId: t.id({ required: true }),
    price: t.field({ type: 'Decimal', required: true, description: 'The unit price the buyer saw.' }),
  }),
});

const OrderDeliveryInput = builder.inputType('OrderDeliveryInput', {
  description: "How one producer's order of the checkout is handed over.",
  fields: (t) => ({
    producerId: t.id({ required: true, description: 'The producer whose order this is.' }),
    option: t.field({
      type: DeliveryOptionEnum,
      description: 'One of the options every offer of this producer in the cart has; none leaves the handover to agree on.',
    }),
    note: t.string({ description: `The delivery address, required for delivery and shipping, or a note on the pickup (at most ${deliveryNoteLengthMax} characters).` }),
    message: t.string({ description: `A message to the producer (at most ${orderMessageLengthMax} characters).` }),
  }),
});

const CheckoutInput = builder.inputType('CheckoutInput', {
  fields: (t) => ({
    idempotencyKey: t.string({ required: true, description: '8-64 characters; a retry with the same key returns the same orders.' }),
    expectedPrices: t.field({ type: [ExpectedPriceInput], required: true, description: 'The price the buyer saw for every offer in the cart.' }),
    deliveries: t.field({
      type: [OrderDeliveryInput],
      description: "At most one per producer. A producer's order without one is handed over as buyer and producer agree.",
    }),
  }),
});

const CheckoutPayloadType = builder.objectRef<CheckoutResult>('CheckoutPayload').implement({
  fields: (t) => ({
    orders: t.prismaField({
      type: ['Order'],
      description: 'One order per producer.',
      // The orders the checkout wrote answer a selection of their own columns (`query` asks for no
      // relation); a retry, or a selection of relations, reads them (api/test/checkout.test.ts compares the two).
      resolve: (query, result, _args, context) =>
        result.written && Object.keys(query).length === 0
          ? result.written
          : context.prisma.order.findMany({ ...query, where: { id: { in: result.orderIds } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    }),
    alreadyExisted: t.exposeBoolean('alreadyExisted', { description: 'True when this key was checked out before.' }),
  }),
});

builder.mutationField('checkout', (t) =>
  t.withAuth({ member: true }).field({
    type: CheckoutPayloadType,
    description: 'Turns the cart into one order per producer, reserves the stock and holds the credits in escrow.',
    args: { input: t.arg({ type: CheckoutInput, required: true }) },
    errors: {
      types: [
        ValidationError,
        CartEmptyError,
        OwnOfferError,
        OfferUnavailableError,
        PriceChangedError,
        OutOfStockError,
        DeliveryOptionUnavailableError,
        InsufficientCreditError,
        TransferRejectedError,
      ],
    },
    resolve: async (_root, { input }, context) => {
      const result = await checkout(context, context.member, {
        idempotencyKey: input.idempotencyKey,
        expectedPrices: input.expectedPrices.map((entry) => ({ offerId: offerIdOf(entry.offerId), price: entry.price })),
        deliveries: input.deliveries?.map((choice) => ({ ...choice, producerId: rowIdOf(String(choice.producerId), ['Member']) ?? String(choice.producerId) })),
      });
      await requestNotificationEmails(context);
      return result;
    },
  }),
);

function actorOf(context: Context): Actor {
  const member = memberOf(context);
  return { id: member.id, roles: member.roles };
}

const transitionErrors = [OrderNotFoundError, OrderForbiddenError, OrderStatusError];

function orderTransition(
  name: string,
  description: string,
  move: (context: Context, orderId: string, reason: string) => Promise<unknown>,
  options: { withReason?: boolean; ledger?: boolean } = {},
) {
  builder.mutationField(name, (t) =>
    t.prismaField({
      type: 'Order',
      description,
      authScopes: { member: true },
      args: { id: t.arg.id({ required: true }), ...(options.withReason ? { reason: t.arg.string({ required: true }) } : {}) },
      errors: { types: [...transitionErrors, ...(options.withReason ? [ValidationError] : []), ...(options.ledger ? [TransferRejectedError] : [])] },
      resolve: async (query, _root, args, context) => {
        const orderId = rowIdOf(String(args.id), ['Order']);
        if (!orderId) throw new OrderNotFoundError();
        await move(context, orderId, String((args as { reason?: string }).reason ?? ''));
        await requestNotificationEmails(context);
        return context.prisma.order.findUniqueOrThrow({ ...selectionOf(query), where: { id: orderId } });
      },
    }),
  );
}

orderTransition('acceptOrder', 'The producer accepts a placed order.', (context, id) => acceptOrder(context, actorOf(context), id));
orderTransition('rejectOrder', 'The producer declines a placed order: the hold is voided and the stock returned.', (context, id) => rejectOrder(context, actorOf(context), id));
orderTransition('fulfilOrder', 'The producer marks an accepted order as delivered or picked up.', (context, id) => fulfilOrder(context, actorOf(context), id));
orderTransition('cancelOrder', 'The buyer withdraws an order the producer has not accepted yet.', (context, id) => cancelOrder(context, actorOf(context), id));
orderTransition(
  'confirmOrder',
  'The buyer confirms a fulfilled order: the producer is paid, minus the contribution to the fund.',
  (context, id) => confirmOrder(context, actorOf(context), id),
  { ledger: true },
);
orderTransition(
  'disputeOrder',
  'The buyer disputes an accepted or fulfilled order; the credits stay held until an admin resolves it.',
  (context, id, reason) => disputeOrder(context, actorOf(context), id, reason),
  { withReason: true },
);

const ResolveDisputeInput = builder.inputType('ResolveDisputeInput', {
  fields: (t) => ({
    orderId: t.id({ required: true }),
    outcome: t.field({ type: DisputeOutcomeEnum, required: true }),
    amountToProducer: t.string({ description: 'For partial_refund: more than zero and less than the total, as decimal text ("12.50"); a bad amount is a ValidationError.' }),
  }),
});

builder.mutationField('resolveDispute', (t) =>
  t.prismaField({
    type: 'Order',
    description: 'An admin settles a disputed order.',
    authScopes: { admin: true },
    args: { input: t.arg({ type: ResolveDisputeInput, required: true }) },
    errors: { types: [ValidationError, ...transitionErrors, TransferRejectedError] },
    resolve: async (query, _root, { input }, context) => {
      const orderId = rowIdOf(String(input.orderId), ['Order']);
      if (!orderId) throw new OrderNotFoundError();
      let amount: Decimal | null = null;
      if (input.outcome === 'partial_refund') {
        const parsed = parseInput(z.object({ amountToProducer: amountSchema }), { amountToProducer: input.amountToProducer ?? '' });
        amount = new Decimal(parsed.amountToProducer);
      }
      await resolveDispute(context, actorOf(context), orderId, input.outcome, amount);
      await requestNotificationEmails(context);
      return context.prisma.order.findUniqueOrThrow({ ...selectionOf(query), where: { id: orderId } });
    },
  }),
);
