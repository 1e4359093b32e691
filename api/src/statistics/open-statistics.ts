// The cooperative's open statistics: what anyone may know without logging in, computed from the
// database on request. Every table goes through small-cell suppression (suppression.ts): no published
// figure describes fewer than k members, and no hidden one follows from the published ones.
//
// - trade volume and number of trades by month and category group (confirmed and resolved orders, by
//   the month they closed; a resolved order counts what was paid after the refund);
// - members and producers who traded, by month;
// - the ecological share of sales by month (items of offers that declare an ecological attribute);
// - the ecological share of the active offers.
import { Prisma } from '../../../prisma/generated/client/client';
import type { ReadQuery } from '../db/client';
import { categoryGroups } from '../marketplace/categories';
import { suppressSmallCells, type CountedTable, type Figure, type PublishedTable } from './suppression';

/** How many months back the monthly tables reach, the current month included. */
export const statisticsMonths = 12;

export interface StatisticsTable extends PublishedTable {
  rows: string[];
  columns: string[];
}

export interface OpenStatistics {
  minimumGroupSize: number;
  months: string[];
  /** Volume in cents of the currency (two decimal places). */
  tradeVolume: StatisticsTable;
  trades: StatisticsTable;
  traders: StatisticsTable;
  ecologicalSales: StatisticsTable;
  ecologicalOffers: StatisticsTable;
}

/** "2026-12" for the month of the instant, in UTC. */
export function monthOf(instant: Date): string {
  return instant.toISOString().slice(0, 7);
}

/** The months the tables show, oldest first, ending with the month of `now`. */
export function monthsUntil(now: Date, count = statisticsMonths): string[] {
  return Array.from({ length: count }, (_, index) => monthOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (count - 1 - index), 1))));
}

type GroupedRow = { row: string | null; column: string | null; value: bigint | number | string | null; members: bigint | number | null; rowGrouped: number; columnGrouped: number };

/** A counted table from rows of a GROUPING SETS ((row, column), (row), (column), ()) query. */
function countedTable(rows: readonly string[], columns: readonly string[], grouped: readonly GroupedRow[]): CountedTable {
  const rowIsNull = (row: GroupedRow) => Number(row.rowGrouped) === 1;
  const columnIsNull = (row: GroupedRow) => Number(row.columnGrouped) === 1;
  const empty = (): Figure => ({ value: 0n, members: 0 });
  const figure = (row: GroupedRow): Figure => ({ value: BigInt(row.value ?? 0), members: Number(row.members ?? 0) });
  const table: CountedTable = {
    cells: rows.map(() => columns.map(empty)),
    rowTotals: rows.map(empty),
    columnTotals: columns.map(empty),
    total: empty(),
  };
  for (const entry of grouped) {
    const rowIndex = rowIsNull(entry) ? -1 : rows.indexOf(entry.row ?? '');
    const columnIndex = columnIsNull(entry) ? -1 : columns.indexOf(entry.column ?? '');
    if ((!rowIsNull(entry) && rowIndex < 0) || (!columnIsNull(entry) && columnIndex < 0)) continue;
    if (rowIndex >= 0 && columnIndex >= 0) table.cells[rowIndex]![columnIndex] = figure(entry);
    else if (rowIndex >= 0) table.rowTotals[rowIndex] = figure(entry);
    else if (columnIndex >= 0) table.columnTotals[columnIndex] = figure(entry);
    else table.total = figure(entry);
  }
  return table;
}

function published(rows: string[], columns: string[], table: CountedTable, k: number): StatisticsTable {
  return { rows, columns, ...suppressSmallCells(table, k) };
}


export interface StatisticsOptions {
  /**
   * Leave out every trade and offer of a member opted out of data use at this moment (for data-use
   * requests; the open statistics count everyone).
   */
  withoutOptedOutAt?: Date;
  /** Columns by category group (as published) or by single category (finer, for granted requests). */
  grouping?: 'category_group' | 'category';
}

/** Members who had opted out of data use at `at`. */
function optedOutAt(at: Date): Prisma.Sql {
  return Prisma.sql`SELECT "memberId" FROM "DataUseOptOut" WHERE "optedOutAt" <= ${at} AND ("optedInAt" IS NULL OR "optedInAt" > ${at})`;
}

export async function openStatistics(readQuery: ReadQuery, k: number, now = new Date(), options: StatisticsOptions = {}): Promise<OpenStatistics> {
  const months = monthsUntil(now);
  const from = new Date(`${months[0]}-01T00:00:00Z`);
  const byCategory = options.grouping === 'category';
  const groups = byCategory ? categoryGroups.flatMap((group) => group.categories.map((category) => category.code)) : categoryGroups.map((group) => group.code);
  const groupColumn = byCategory ? Prisma.sql`f."categoryCode"` : Prisma.sql`split_part(f."categoryCode", '.', 1)`;
  const withoutOrders = options.withoutOptedOutAt
    ? Prisma.sql`AND o."buyerId" NOT IN (${optedOutAt(options.withoutOptedOutAt)}) AND o."producerId" NOT IN (${optedOutAt(options.withoutOptedOutAt)})`
    : Prisma.empty;
  const withoutOffers = options.withoutOptedOutAt ? Prisma.sql`AND "producerId" NOT IN (${optedOutAt(options.withoutOptedOutAt)})` : Prisma.empty;
  // One row per sold item of the period, with what was paid for it and its two members.
  const sold = Prisma.sql`
    SELECT to_char(o."closedAt" AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
           ${groupColumn} AS "group",
           cardinality(f."ecologicalAttributes") > 0 AS ecological,
           o."id" AS "orderId", o."buyerId", o."producerId",
           round(i."lineTotal" * (o."total" - coalesce(o."refundAmount", 0)) / nullif(o."total", 0), 2) AS amount
    FROM "Order" o
    JOIN "OrderItem" i ON i."orderId" = o."id"
    JOIN "Offer" f ON f."id" = i."offerId"
    WHERE o."status" IN ('confirmed', 'resolved') AND o."closedAt" >= ${from} ${withoutOrders}`;
  const [byGroup, byEcology, traders, offers] = await Promise.all([
    readQuery<GroupedRow & { trades: bigint }>(Prisma.sql`
      WITH sold AS (${sold}),
      members AS (SELECT month, "group", "buyerId" AS member FROM sold UNION SELECT month, "group", "producerId" FROM sold)
      SELECT v.row, v.column, v.value, v.trades, m.members, v."rowGrouped", v."columnGrouped" FROM (
        SELECT month AS row, "group" AS column, (sum(amount) * 100)::bigint AS value, count(DISTINCT "orderId") AS trades,
               GROUPING(month)::int AS "rowGrouped", GROUPING("group")::int AS "columnGrouped"
        FROM sold GROUP BY GROUPING SETS ((month, "group"), (month), ("group"), ())
      ) v JOIN (
        SELECT month AS row, "group" AS column, count(DISTINCT member) AS members, GROUPING(month)::int AS "rowGrouped", GROUPING("group")::int AS "columnGrouped"
        FROM members GROUP BY GROUPING SETS ((month, "group"), (month), ("group"), ())
      ) m ON m."rowGrouped" = v."rowGrouped" AND m."columnGrouped" = v."columnGrouped"
         AND m.row IS NOT DISTINCT FROM v.row AND m.column IS NOT DISTINCT FROM v.column`),
    readQuery<GroupedRow>(Prisma.sql`
      WITH sold AS (${sold}),
      labelled AS (SELECT *, CASE WHEN ecological THEN 'ecological' ELSE 'other' END AS kind FROM sold),
      members AS (SELECT month, kind, "buyerId" AS member FROM labelled UNION SELECT month, kind, "producerId" FROM labelled)
      SELECT v.row, v.column, v.value, m.members, v."rowGrouped", v."columnGrouped" FROM (
        SELECT month AS row, kind AS column, (sum(amount) * 100)::bigint AS value, GROUPING(month)::int AS "rowGrouped", GROUPING(kind)::int AS "columnGrouped"
        FROM labelled GROUP BY GROUPING SETS ((month, kind), (month), (kind), ())
      ) v JOIN (
        SELECT month AS row, kind AS column, count(DISTINCT member) AS members, GROUPING(month)::int AS "rowGrouped", GROUPING(kind)::int AS "columnGrouped"
        FROM members GROUP BY GROUPING SETS ((month, kind), (month), (kind), ())
      ) m ON m."rowGrouped" = v."rowGrouped" AND m."columnGrouped" = v."columnGrouped"
         AND m.row IS NOT DISTINCT FROM v.row AND m.column IS NOT DISTINCT FROM v.column`),
    readQuery<GroupedRow>(Prisma.sql`
      WITH sold AS (${sold}),
      roles AS (SELECT month, 'members' AS role, "buyerId" AS member FROM sold UNION SELECT month, 'members', "producerId" FROM sold
                UNION SELECT month, 'producers', "producerId" FROM sold)
      SELECT month AS row, role AS column, count(DISTINCT member) AS value, count(DISTINCT member) AS members,
             GROUPING(month)::int AS "rowGrouped", GROUPING(role)::int AS "columnGrouped"
      FROM roles GROUP BY GROUPING SETS ((month, role), (role))`),
    readQuery<GroupedRow>(Prisma.sql`
      WITH active AS (
        SELECT CASE WHEN cardinality("ecologicalAttributes") > 0 THEN 'ecological' ELSE 'other' END AS kind, "producerId"
        FROM "Offer" WHERE "status" = 'active' ${withoutOffers}
      )
      SELECT 'now' AS row, kind AS column, count(*) AS value, count(DISTINCT "producerId") AS members,
             0 AS "rowGrouped", GROUPING(kind)::int AS "columnGrouped"
      FROM active GROUP BY GROUPING SETS ((kind), ())`),
  ]);
  const trades = byGroup.map((row) => ({ ...row, value: row.trades }));
  const kinds = ['ecological', 'other'];
  const roles = ['members', 'producers'];
  // Members and producers are two views of the same people, not parts of a sum: each column is a table
  // of its own (a month's members are not the sum of anything published).
  const traderTable = (role: string) => {
    const rows = traders.filter((row) => row.column === role);
    const table = countedTable(months, [role], rows);
    // A month's only figure is its row's total too; the period's distinct count is the column total.
    table.rowTotals = table.cells.map((cells) => cells[0]!);
    table.total = table.columnTotals[0]!;
    return suppressSmallCells(table, k);
  };
  const members = traderTable('members');
  const producers = traderTable('producers');
  const offersTable = countedTable(['now'], kinds, offers);
  offersTable.rowTotals = [offersTable.total];
  offersTable.columnTotals = offersTable.cells[0]!;
  return {
    minimumGroupSize: k,
    months,
    tradeVolume: published(months, groups, countedTable(months, groups, byGroup), k),
    trades: published(months, groups, countedTable(months, groups, trades), k),
    traders: {
      rows: months,
      columns: roles,
      cells: months.map((_, index) => [members.cells[index]![0]!, producers.cells[index]![0]!]),
      rowTotals: months.map(() => null),
      columnTotals: [members.total, producers.total],
      total: null,
    },
    ecologicalSales: published(months, kinds, countedTable(months, kinds, byEcology), k),
    ecologicalOffers: published(['now'], kinds, offersTable, k),
  };
}
