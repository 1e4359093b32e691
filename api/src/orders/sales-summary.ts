// A producer's sales at a glance: what waits for them, what is held for them in escrow, what they
// were paid and what went to the common fund, and their best-selling offers. Settled orders are those
// whose hold was posted: confirmed ones and resolved disputes that paid the producer something.
import { Decimal } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';
import type { OrderStatus } from './order-status';

const openStatuses: OrderStatus[] = ['placed', 'accepted', 'fulfilled'];
const heldStatuses: OrderStatus[] = ['placed', 'accepted', 'fulfilled', 'disputed'];
const settledStatuses: OrderStatus[] = ['confirmed', 'resolved'];
export const recentDays = 30;
export const topOffersMax = 5;
/** Weeks the sales chart shows, the current one last. */
export const salesWeeksShown = 12;
const dayMs = 24 * 60 * 60 * 1000;

export interface SalesPeriod {
  orders: number;
  /** Paid to the producer, after the cooperative's contribution. */
  revenue: Decimal;
  /** Paid to the common fund out of these orders. */
  contributions: Decimal;
}

export interface TopOffer {
  offerId: string;
  title: string;
  unitsSold: number;
  /** Sum of the line totals, before the contribution. */
  sales: Decimal;
}

/** The orders settled in one week (Monday to Sunday, UTC). */
export interface SalesWeek {
  start: Date;
  orders: number;
  revenue: Decimal;
  contributions: Decimal;
}

export interface SalesSummary {
  /** Placed orders waiting for the producer to accept or reject them. */
  awaitingAcceptance: number;
  /** Placed, accepted or fulfilled: not settled yet. */
  open: number;
  disputed: number;
  /** Totals of open and disputed orders, held in escrow until they settle. */
  heldInEscrow: Decimal;
  recent: SalesPeriod;
  allTime: SalesPeriod;
  topOffers: TopOffer[];
  /** The last salesWeeksShown weeks, oldest first, weeks without sales included. */
  weeks: SalesWeek[];
}

function decimal(value: { toString(): string } | null | undefined): Decimal {
  return new Decimal(value?.toString() ?? '0');
}

/** Monday 00:00 UTC of the week the instant falls in. */
function weekStart(instant: Date): Date {
  const day = Math.floor(instant.getTime() / dayMs) * dayMs;
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - weekday * dayMs);
}

/** Settled orders per week, one row per week that had any, summed by the database. */
async function salesByWeek(prisma: PrismaClient, producerId: string, now: Date): Promise<SalesWeek[]> {
  const first = new Date(weekStart(now).getTime() - (salesWeeksShown - 1) * 7 * dayMs);
  const rows = await prisma.$queryRaw<{ week: Date; orders: number; revenue: string; contributions: string }[]>`
    SELECT date_trunc('week', "closedAt" AT TIME ZONE 'UTC') AS week, count(*)::int AS orders,
      sum("producerAmount")::text AS revenue, COALESCE(sum("contributionAmount"), 0)::text AS contributions
    FROM "Order"
    WHERE "producerId" = ${producerId}::uuid AND status IN ('confirmed', 'resolved') AND "producerAmount" > 0 AND "closedAt" >= ${first}
    GROUP BY 1`;
  const byWeek = new Map(rows.map((row) => [new Date(`${new Date(row.week).toISOString().slice(0, 10)}T00:00:00Z`).getTime(), row]));
  return Array.from({ length: salesWeeksShown }, (_, index) => {
    const start = new Date(first.getTime() + index * 7 * dayMs);
    const row = byWeek.get(start.getTime());
    return { start, orders: row?.orders ?? 0, revenue: decimal(row?.revenue), contributions: decimal(row?.contributions) };
  });
}

export async function salesSummary(prisma: PrismaClient, producerId: string, now = new Date()): Promise<SalesSummary> {
  const settled = { producerId, status: { in: settledStatuses }, producerAmount: { gt: 0 } };
  const since = new Date(now.getTime() - recentDays * 24 * 60 * 60 * 1000);
  const [byStatus, held, allTime, recent, top, weeks] = await Promise.all([
    prisma.order.groupBy({ by: ['status'], where: { producerId, status: { in: [...heldStatuses] } }, _count: { _all: true } }),
    prisma.order.aggregate({ where: { producerId, status: { in: heldStatuses } }, _sum: { total: true } }),
    prisma.order.aggregate({ where: settled, _count: { _all: true }, _sum: { producerAmount: true, contributionAmount: true } }),
    prisma.order.aggregate({ where: { ...settled, closedAt: { gte: since } }, _count: { _all: true }, _sum: { producerAmount: true, contributionAmount: true } }),
    prisma.orderItem.groupBy({
      by: ['offerId'],
      where: { order: settled },
      _sum: { quantity: true, lineTotal: true },
      orderBy: { _sum: { lineTotal: 'desc' } },
      take: topOffersMax,
    }),
    salesByWeek(prisma, producerId, now),
  ]);
  const count = (status: OrderStatus) => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  const titles = new Map(
    (await prisma.offer.findMany({ where: { id: { in: top.map((row) => row.offerId) } }, select: { id: true, title: true } })).map((offer) => [offer.id, offer.title]),
  );
  return {
    awaitingAcceptance: count('placed'),
    open: openStatuses.reduce((sum, status) => sum + count(status), 0),
    disputed: count('disputed'),
    heldInEscrow: decimal(held._sum.total),
    recent: { orders: recent._count._all, revenue: decimal(recent._sum.producerAmount), contributions: decimal(recent._sum.contributionAmount) },
    allTime: { orders: allTime._count._all, revenue: decimal(allTime._sum.producerAmount), contributions: decimal(allTime._sum.contributionAmount) },
    topOffers: top.map((row) => ({
      offerId: row.offerId,
      title: titles.get(row.offerId) ?? '',
      unitsSold: row._sum.quantity ?? 0,
      sales: decimal(row._sum.lineTotal),
    })),
    weeks,
  };
}
