// Typed results of the membership and governance mutations.
import { builder } from '../builder';
import {
  ApplicationNotPendingError,
  NotAdmittedError,
  NotInElectorateError,
  NotProposalAuthorError,
  ProposalNotFoundError,
  ProposalStatusError,
} from '../governance/errors';
import { ErrorInterface } from './errors';

for (const [name, type] of [
  ['ProposalNotFoundError', ProposalNotFoundError],
  ['NotProposalAuthorError', NotProposalAuthorError],
  ['NotInElectorateError', NotInElectorateError],
  ['NotAdmittedError', NotAdmittedError],
] as const) {
  builder.objectType(type, { name, interfaces: [ErrorInterface], isTypeOf: (value) => value instanceof type });
}

builder.objectType(ProposalStatusError, {
  name: 'ProposalStatusError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ProposalStatusError,
  fields: (t) => ({ status: t.exposeString('status') }),
});

builder.objectType(ApplicationNotPendingError, {
  name: 'ApplicationNotPendingError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ApplicationNotPendingError,
  fields: (t) => ({ status: t.exposeString('status') }),
});
