// Expected failures of the surplus distribution, each a typed GraphQL result.
import { AppError } from '../errors';

/** A run is only for a period that has ended; the running one has an expected share, not a run. */
export class SurplusPeriodNotEndedError extends AppError {
  readonly code = 'surplus_period_not_ended';
  constructor(
    readonly period: string,
    readonly endsAt: Date,
  ) {
    super(`The period ${period} has not ended yet.`);
    this.name = 'SurplusPeriodNotEndedError';
  }
}
