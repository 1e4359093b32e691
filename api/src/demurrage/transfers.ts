// How a demurrage fee looks in the ledger: an immediate transfer from the member to the fund of kind
// "demurrage", referencing its period ("demurrage:2026-11").
export const demurrageTransferKind = 'demurrage';
