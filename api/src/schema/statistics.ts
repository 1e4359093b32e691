// The open statistics, public like the transparency page; also served as JSON and CSV (see server.ts).
import { builder } from '../builder';
import { openStatistics } from '../statistics/open-statistics';
import { minimumGroupSize } from '../statistics/minimum-group-size';
import { presentStatistics, type PresentedStatistics, type PresentedTable } from '../statistics/present-statistics';

const StatisticsUnitEnum = builder.enumType('StatisticsUnit', { values: ['amount', 'count'] as const });

interface PresentedRow {
  label: string;
  values: (string | null)[];
  total: string | null;
}

const StatisticsRowType = builder.objectRef<PresentedRow>('StatisticsRow').implement({
  fields: (t) => ({
    label: t.exposeString('label', { description: 'A month as YYYY-MM, or "now".' }),
    values: t.field({ type: ['String'], nullable: { list: false, items: true }, resolve: (row) => row.values }),
    total: t.exposeString('total', { nullable: true }),
  }),
});

const StatisticsTableType = builder.objectRef<PresentedTable>('StatisticsTable').implement({
  description: 'A table of figures; a null figure is suppressed because it would describe too few members or give a suppressed one away.',
  fields: (t) => ({
    name: t.exposeString('name'),
    unit: t.field({ type: StatisticsUnitEnum, resolve: (table) => table.unit }),
    columns: t.exposeStringList('columns'),
    rows: t.field({
      type: [StatisticsRowType],
      resolve: (table) => table.rows.map((label, index) => ({ label, values: table.cells[index] ?? [], total: table.rowTotals[index] ?? null })),
    }),
    columnTotals: t.field({ type: ['String'], nullable: { list: false, items: true }, resolve: (table) => table.columnTotals }),
    total: t.exposeString('total', { nullable: true }),
  }),
});

const OpenStatisticsType = builder.objectRef<PresentedStatistics>('OpenStatistics').implement({
  fields: (t) => ({
    minimumGroupSize: t.exposeInt('minimumGroupSize', { description: 'No published figure describes fewer members than this.' }),
    months: t.exposeStringList('months', { description: 'The months of the monthly tables, oldest first, as YYYY-MM (UTC).' }),
    tables: t.field({ type: [StatisticsTableType], resolve: (statistics) => statistics.tables }),
  }),
});

builder.queryField('openStatistics', (t) =>
  t.field({
    type: OpenStatisticsType,
    description: 'Anonymised figures of the cooperative, open to everyone.',
    resolve: async (_root, _args, context) => presentStatistics(await openStatistics(context.readQuery, await minimumGroupSize(context.prisma))),
  }),
);
