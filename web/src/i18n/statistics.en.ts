// The open statistics page.
import type { statisticsDe } from './statistics.de';

export const statisticsEn: typeof statisticsDe = {
  title: 'Open statistics',
  intro:
    'Figures of the cooperative for everyone, without logging in. No published figure describes fewer than {k} members; where a figure would, or could be worked out from the others, it says "hidden". Months in UTC.',
  hidden: 'hidden',
  month: 'Month',
  total: 'Total',
  charts: {
    volume: 'Trade volume per month',
    volumeDescription: 'Paid orders in Taler, by the month they were completed.',
    volumeSeries: 'Volume',
    traders: 'Who traded',
    ecologicalSales: 'Sales of ecological offers',
  },
  columns: {
    members: 'Members',
    producers: 'Producers',
    ecological: 'Ecological',
    other: 'Other',
  },
  tables: {
    tradeVolume: 'Trade volume by area',
    trades: 'Number of orders by area',
    traders: 'Members and producers who traded',
    ecologicalSales: 'Sales of ecological and other offers',
    ecologicalOffers: 'Active offers with ecological claims',
  },
  ecologicalOffers: '{ecological} of {all} active offers make at least one ecological claim.',
  ecologicalOffersHidden: 'The share of ecological offers is hidden: too few producers would be described.',
  downloads: 'Download',
  downloadsIntro: 'The same figures as open data: everything as JSON, each table as CSV. Hidden figures are empty.',
  json: 'All figures (JSON)',
  csv: '{table} (CSV)',
  nav: 'Statistics',
};
