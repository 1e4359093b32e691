// The producer dashboard's sales summary.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../builder';
import { recentDays, salesSummary, salesWeeksShown, type SalesPeriod, type SalesSummary, type SalesWeek, type TopOffer } from '../orders/sales-summary';
import { memberOf } from './global-id';
import { amountText } from '../wallet/cooperative-currency';

const SalesPeriodType = builder.objectRef<SalesPeriod>('SalesPeriod').implement({
  fields: (t) => ({
    orders: t.exposeInt('orders', { description: 'Settled orders.' }),
    revenue: t.field({ type: 'Decimal', description: 'Paid to the producer, after the contribution.', resolve: (period) => amountText(period.revenue) }),
    contributions: t.field({ type: 'Decimal', description: 'Paid to the common fund out of these orders.', resolve: (period) => amountText(period.contributions) }),
  }),
});

const TopOfferType = builder.objectRef<TopOffer>('TopOffer').implement({
  fields: (t) => ({
    offerId: t.id({ resolve: (offer) => encodeGlobalID('Offer', offer.offerId) }),
    title: t.exposeString('title'),
    unitsSold: t.exposeInt('unitsSold'),
    sales: t.field({ type: 'Decimal', description: 'Sum of the line totals, before the contribution.', resolve: (offer) => amountText(offer.sales) }),
  }),
});

const SalesWeekType = builder.objectRef<SalesWeek>('SalesWeek').implement({
  description: 'Orders settled in one week, Monday to Sunday (UTC).',
  fields: (t) => ({
    start: t.expose('start', { type: 'DateTime', description: 'Monday 00:00 UTC.' }),
    orders: t.exposeInt('orders'),
    revenue: t.field({ type: 'Decimal', description: 'Paid to the producer, after the contribution.', resolve: (week) => amountText(week.revenue) }),
    contributions: t.field({ type: 'Decimal', description: 'Paid to the common fund out of these orders.', resolve: (week) => amountText(week.contributions) }),
  }),
});

const SalesSummaryType = builder.objectRef<SalesSummary>('SalesSummary').implement({
  description: 'A producer’s sales: orders waiting, credits held in escrow, payouts and best sellers.',
  fields: (t) => ({
    awaitingAcceptance: t.exposeInt('awaitingAcceptance', { description: 'Placed orders to accept or reject.' }),
    open: t.exposeInt('open', { description: 'Placed, accepted or fulfilled orders, not settled yet.' }),
    disputed: t.exposeInt('disputed'),
    heldInEscrow: t.field({ type: 'Decimal', description: 'Totals of open and disputed orders.', resolve: (summary) => amountText(summary.heldInEscrow) }),
    recentDays: t.int({ resolve: () => recentDays }),
    recent: t.field({ type: SalesPeriodType, description: 'Orders settled in the last recentDays days.', resolve: (summary) => summary.recent }),
    allTime: t.field({ type: SalesPeriodType, resolve: (summary) => summary.allTime }),
    weeks: t.field({ type: [SalesWeekType], description: `The last ${salesWeeksShown} weeks, oldest first, weeks without sales included.`, resolve: (summary) => summary.weeks }),
    topOffers: t.field({ type: [TopOfferType], description: 'The offers with the most sales in settled orders, at most five.', resolve: (summary) => summary.topOffers }),
  }),
});

builder.queryField('salesSummary', (t) =>
  t.field({
    type: SalesSummaryType,
    description: 'The logged-in producer’s sales summary.',
    authScopes: { producer: true },
    resolve: (_root, _args, context) => salesSummary(context.prisma, memberOf(context).id),
  }),
);
