// Demurrage: a share of balances above an exempt amount that goes to the common fund at each period
// end, when the members vote for it.
export const demurrageEn = {
  policy: {
    rate: 'Rate',
    off: 'off',
    rateValue: '{percent}% of the balance above the exempt amount, {period}',
    exempt: 'Exempt amount',
    notice: 'Notice',
    noticeValue: '{days} day before | {days} days before',
  },
  form: {
    period: 'How often',
    rate: 'Rate in % (0 is off)',
    rateHint: 'At most 10% per period, with up to two decimal places.',
    exempt: 'Exempt amount in Taler',
    exemptHint: 'Balances up to this amount pay nothing, and no balance falls below it.',
    notice: 'Notice (days before)',
    errors: {
      rate: 'Please enter a rate from 0 to 10%, e.g. 0.5.',
      exempt: 'Please enter an amount like 100 or 100.00 (0 is possible).',
      notice: 'Please enter a whole number from 1 to 28.',
    },
  },
};
