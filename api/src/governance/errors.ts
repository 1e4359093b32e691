// Expected failures of membership and governance, each a typed GraphQL result.
import { AppError } from '../errors';

export class ProposalNotFoundError extends AppError {
  readonly code = 'proposal_not_found';
  constructor() {
    super('There is no such proposal.');
    this.name = 'ProposalNotFoundError';
  }
}

/** The proposal is not in a state that allows this (e.g. editing after voting opened, voting after close). */
export class ProposalStatusError extends AppError {
  readonly code = 'proposal_status';
  constructor(
    readonly status: string,
    readonly action: string,
  ) {
    super(`A proposal that is ${status} cannot be ${action}.`);
    this.name = 'ProposalStatusError';
  }
}

export class NotProposalAuthorError extends AppError {
  readonly code = 'not_proposal_author';
  constructor() {
    super('Only the author of the proposal can do this.');
    this.name = 'NotProposalAuthorError';
  }
}

/** Only the admitted members at the moment voting opened may vote. */
export class NotInElectorateError extends AppError {
  readonly code = 'not_in_electorate';
  constructor() {
    super('You were not a member when voting on this proposal opened, so you cannot vote on it.');
    this.name = 'NotInElectorateError';
  }
}

export class NotAdmittedError extends AppError {
  readonly code = 'not_admitted';
  constructor() {
    super('Only admitted members can do this.');
    this.name = 'NotAdmittedError';
  }
}

export class ApplicationNotPendingError extends AppError {
  readonly code = 'application_not_pending';
  constructor(readonly status: string) {
    super(`This application was already decided: the person is ${status}.`);
    this.name = 'ApplicationNotPendingError';
  }
}
