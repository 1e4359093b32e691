// The open statistics as texts, the same for GraphQL, the JSON endpoint and the CSV files: amounts
// as decimal texts at the currency's scale, counts as whole numbers, a suppressed figure as null.
import { Decimal } from '@allmende/ledger';
import { amountText } from '../wallet/cooperative-currency';
import type { OpenStatistics, StatisticsTable } from './open-statistics';

export type StatisticsUnit = 'amount' | 'count';

export interface PresentedTable {
  name: string;
  unit: StatisticsUnit;
  rows: string[];
  columns: string[];
  cells: (string | null)[][];
  rowTotals: (string | null)[];
  columnTotals: (string | null)[];
  total: string | null;
}

export interface PresentedStatistics {
  minimumGroupSize: number;
  months: string[];
  tables: PresentedTable[];
}

export const statisticsTableNames = ['tradeVolume', 'trades', 'traders', 'ecologicalSales', 'ecologicalOffers'] as const;
export type StatisticsTableName = (typeof statisticsTableNames)[number];

const units: Record<StatisticsTableName, StatisticsUnit> = {
  tradeVolume: 'amount',
  trades: 'count',
  traders: 'count',
  ecologicalSales: 'amount',
  ecologicalOffers: 'count',
};

function text(value: bigint | null, unit: StatisticsUnit): string | null {
  if (value === null) return null;
  return unit === 'amount' ? amountText(new Decimal(value.toString()).div(100)) : value.toString();
}

function presentTable(name: StatisticsTableName, table: StatisticsTable): PresentedTable {
  const unit = units[name];
  return {
    name,
    unit,
    rows: table.rows,
    columns: table.columns,
    cells: table.cells.map((cells) => cells.map((value) => text(value, unit))),
    rowTotals: table.rowTotals.map((value) => text(value, unit)),
    columnTotals: table.columnTotals.map((value) => text(value, unit)),
    total: text(table.total, unit),
  };
}

export function presentStatistics(statistics: OpenStatistics): PresentedStatistics {
  return {
    minimumGroupSize: statistics.minimumGroupSize,
    months: statistics.months,
    tables: statisticsTableNames.map((name) => presentTable(name, statistics[name])),
  };
}

/** One table as CSV (RFC 4180): a header of the columns and "total", one line per row, then the totals. Suppressed figures are empty. */
export function statisticsCsv(table: PresentedTable): string {
  const field = (value: string | null) => (value === null ? '' : /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const lines = [['', ...table.columns, 'total'].map(field).join(',')];
  table.rows.forEach((row, index) => lines.push([row, ...table.cells[index]!, table.rowTotals[index] ?? null].map(field).join(',')));
  lines.push(['total', ...table.columnTotals, table.total].map(field).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
