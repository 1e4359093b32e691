// Period close: the closed periods with their frozen exports, and closing a month or a year.
import { CLOSE_PERIOD_FAILURE_CODES } from '@allmende/ledger';
import { builder } from '../builder';
import { ValidationError } from '../errors';
import { closeLedgerPeriod, listClosedLedgerPeriods, PERIOD_KINDS, PeriodCloseRefusedError, type LedgerPeriod } from '../audit/period-close';
import { ErrorInterface } from './errors';
import { LedgerExportType } from './audit-exports';
import { memberOf } from './global-id';

const PeriodCloseFailureEnum = builder.enumType('PeriodCloseFailure', { values: CLOSE_PERIOD_FAILURE_CODES });
const PeriodKindEnum = builder.enumType('PeriodKind', { values: PERIOD_KINDS });

builder.objectType(PeriodCloseRefusedError, {
  name: 'PeriodCloseRefusedError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof PeriodCloseRefusedError,
  fields: (t) => ({ reason: t.field({ type: PeriodCloseFailureEnum, resolve: (error) => error.reason }) }),
});

const LedgerPeriodType = builder.objectRef<LedgerPeriod>('LedgerPeriod').implement({
  description: 'A closed period: nothing can be booked with a time inside it, and its exports are frozen.',
  fields: (t) => ({
    from: t.exposeString('from', { description: 'First day (UTC).' }),
    to: t.exposeString('to', { description: 'Last day (UTC).' }),
    closedAt: t.expose('closedAt', { type: 'DateTime' }),
    exports: t.field({ type: [LedgerExportType], description: 'Its frozen exports, one per format.', resolve: (period) => period.exports }),
  }),
});

builder.queryField('closedLedgerPeriods', (t) =>
  t.field({
    type: [LedgerPeriodType],
    description: 'Every closed period, the latest first. Accountants only.',
    authScopes: { accountant: true },
    resolve: (_root, _args, context) => listClosedLedgerPeriods(context),
  }),
);

const CloseLedgerPeriodInput = builder.inputType('CloseLedgerPeriodInput', {
  fields: (t) => ({
    kind: t.field({ type: PeriodKindEnum, required: true }),
    year: t.int({ required: true }),
    month: t.int({ required: false, description: '1-12; for a month.' }),
  }),
});

builder.mutationField('closeLedgerPeriod', (t) =>
  t.field({
    type: LedgerPeriodType,
    description: 'Closes a month or a year that has ended: nothing can be booked into it afterwards. Accountants only.',
    authScopes: { accountant: true },
    args: { input: t.arg({ type: CloseLedgerPeriodInput, required: true }) },
    errors: { types: [ValidationError, PeriodCloseRefusedError] },
    resolve: async (_root, { input }, context) => {
      const closed = await closeLedgerPeriod(context, memberOf(context), { kind: input.kind, year: input.year, month: input.month ?? null });
      const periods = await listClosedLedgerPeriods(context);
      return periods.find((period) => period.endsAt.getTime() === closed.period.endsAt.getTime())!;
    },
  }),
);
