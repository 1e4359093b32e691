// The catalogue of aggregates a data-use request may ask for: the open statistics' tables, each
// answered with the same small-cell suppression, computed without members who opted out of data use,
// by category group or by single category. The web app words the same tables in German and English.
import type { DataUseTableName } from '../shared/rules/data-use-rules';
import { dataUseTableNames } from '../shared/rules/data-use-rules';

export interface CatalogueEntry {
  name: DataUseTableName;
  /** What the table holds, in English, for API clients. */
  description: string;
  /** Whether the grouping level changes its columns. */
  grouped: boolean;
}

const descriptions: Record<DataUseTableName, Omit<CatalogueEntry, 'name'>> = {
  tradeVolume: { description: 'Trade volume in the currency by month (last 12) and category group or category: confirmed and resolved orders by the month they closed.', grouped: true },
  trades: { description: 'Number of orders by month (last 12) and category group or category.', grouped: true },
  traders: { description: 'Members and producers who traded, by month (last 12).', grouped: false },
  ecologicalSales: { description: 'Sales of offers that declare an ecological attribute, and of the others, by month (last 12).', grouped: false },
  ecologicalOffers: { description: 'Active offers that declare an ecological attribute, and the others, now.', grouped: false },
};

export const dataUseCatalogue: CatalogueEntry[] = dataUseTableNames.map((name) => ({ name, ...descriptions[name] }));
