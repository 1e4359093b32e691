// Demurrage in GraphQL: its settings as a policy version shows them, and as a proposal sends them.
// What each setting means is in api/src/demurrage/policy.ts.
import { builder } from '../builder';
import type { PolicyPayload } from '../governance/policy-kinds';
import { SurplusPeriodEnum } from './surplus-policy';

export const DemurragePolicy = builder.objectRef<PolicyPayload<'demurrage'> & { kind: 'demurrage' }>('DemurragePolicy').implement({
  description: 'A fee on balances above an exempt amount, back to the common fund at each period end; off at a rate of 0.',
  fields: (t) => ({
    period: t.field({ type: SurplusPeriodEnum, resolve: (policy) => policy.period }),
    rate: t.exposeString('rate', { description: 'A share of the balance above the exempt amount per period: "0.005" is 0.5 %; "0" is off.' }),
    exemptAmount: t.field({ type: 'Decimal', description: 'Balances up to this pay nothing, and none is taken below it.', resolve: (policy) => policy.exemptAmount }),
    noticeDays: t.exposeInt('noticeDays', { description: 'How many days before the period end the members it affects are told.' }),
  }),
});

export const DemurrageInput = builder.inputType('DemurrageInput', {
  fields: (t) => ({
    period: t.field({ type: SurplusPeriodEnum, required: true }),
    rate: t.string({ required: true }),
    exemptAmount: t.string({ required: true }),
    noticeDays: t.int({ required: true }),
  }),
});
