// Expected failures of the member's own data: exporting it and leaving the cooperative.
import { AppError } from '../errors';
import type { LeavingObligation } from './leaving-obligations';

/** Too many exports asked for in a day; the member downloads one of the last ones instead. */
export class DataExportLimitError extends AppError {
  readonly code = 'data_export_limit';
  constructor(readonly exportsPerDayMax: number) {
    super(`At most ${exportsPerDayMax} exports of your data can be made in a day.`);
    this.name = 'DataExportLimitError';
  }
}

/** Something is still open between the member and the cooperative; the list says what, with amounts. */
export class LeavingBlockedError extends AppError {
  readonly code = 'leaving_blocked';
  constructor(readonly obligations: readonly LeavingObligation[]) {
    super(`Before leaving, settle first: ${obligations.map((obligation) => obligation.kind).join(', ')}.`);
    this.name = 'LeavingBlockedError';
  }
}

/** The member has left already; nothing more to do. */
export class AlreadyLeftError extends AppError {
  readonly code = 'already_left';
  constructor() {
    super('This account is closed already.');
    this.name = 'AlreadyLeftError';
  }
}
