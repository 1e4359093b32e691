// How far below zero a member's account may go. One place for the value so that governance can
// later replace it with the credit-limit policy in force.

/** The credit limit every new member account gets, in Taler. */
export const memberCreditLimitDefault = '100.00';

/** Member accounts have no maximum balance until the members vote for one. */
export const memberMaximumBalanceDefault: string | null = null;
