// Shares, percentages and ids of governance, converted by rewriting text. A share arrives from the
// API as a decimal string with at most four places ("0.025" is 2.5 %); it is turned into whole basis
// points (1 % = 100) and back, so no rate ever passes through a float.

const basisPointsPerWhole = 10_000;
const sharePattern = /^(\d+)(?:\.(\d{1,4}))?$/;
/** A percentage as members type it: up to three digits, a point or comma, up to two places. */
const percentPattern = /^(\d{1,3})(?:[.,](\d{1,2}))?$/;
/** An amount of Taler as members type it: up to nine digits, a point or comma, up to two places. */
const amountPattern = /^(\d{1,9})(?:[.,](\d{1,2}))?$/;

/** The share as basis points ("0.025" is 250), or null when it is not a share with at most 4 places. */
export function basisPointsOf(share: string): number | null {
  const match = sharePattern.exec(share.trim());
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  return Number(whole) * basisPointsPerWhole + Number(fraction.padEnd(4, '0'));
}

/** Basis points as the API's share text: 250 is "0.025", 10000 is "1", 0 is "0". */
export function shareOfBasisPoints(basisPoints: number): string {
  const whole = Math.floor(basisPoints / basisPointsPerWhole);
  const fraction = String(basisPoints % basisPointsPerWhole)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/**
 * A percentage typed by a member ("5", "2,5", "3.75") as the API's share text ("0.05", "0.025",
 * "0.0375"), or null when it is not a number with at most two decimal places.
 */
export function percentToShare(input: string): string | null {
  const match = percentPattern.exec(input.trim());
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  return shareOfBasisPoints(Number(whole) * 100 + Number(fraction.padEnd(2, '0')));
}

/** A share as a plain percentage number with a point ("0.025" is "2.5"), for a form field. */
export function shareToPercentText(share: string): string {
  const basisPoints = basisPointsOf(share);
  if (basisPoints === null) return share;
  const whole = Math.floor(basisPoints / 100);
  const fraction = String(basisPoints % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** An amount typed by a member ("150", "150,5") as the API's decimal text ("150.00", "150.50"), or null. */
export function normalizeAmount(input: string): string | null {
  const match = amountPattern.exec(input.trim());
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  return `${whole.replace(/^0+(?=\d)/, '')}.${fraction.padEnd(2, '0')}`;
}

/** The global id of a proposal (Relay's base64 "Proposal:<row id>") for a row id from a link. */
export function proposalGlobalId(rowId: string): string {
  return btoa(`Proposal:${rowId}`);
}

/**
 * The row id inside a global id, for links: notifications and policy versions name proposals by row
 * id, and the app's addresses do too. Anything that is not a global id is returned unchanged.
 */
export function rowIdOf(globalId: string): string {
  try {
    const decoded = atob(globalId);
    const separator = decoded.indexOf(':');
    return separator > 0 ? decoded.slice(separator + 1) : globalId;
  } catch {
    return globalId;
  }
}

/** The proposal kinds, in the order forms and tables list them. */
export const proposalKinds = ['contribution_rate', 'credit', 'admission', 'ranking', 'surplus', 'demurrage', 'data', 'voting_rules', 'resolution', 'data_use', 'data_use_revocation'] as const;
export type ProposalKindName = (typeof proposalKinds)[number];

/**
 * The kinds a member drafts in the proposal form: a data-use request is put to the vote by its
 * verified e-mail, and a revocation is drafted from the members' data-use page, which names the grant.
 */
export const draftableProposalKinds = proposalKinds.filter((kind) => kind !== 'data_use' && kind !== 'data_use_revocation');

/** Limits the server checks too (api/src/governance/proposal-input.ts and policy-kinds.ts). */
export const proposalLimits = {
  titleLengthMin: 5,
  titleLengthMax: 120,
  rationaleLengthMin: 10,
  rationaleLengthMax: 5000,
  commentLengthMax: 2000,
  declineReasonLengthMin: 3,
  declineReasonLengthMax: 500,
  /** In basis points: a contribution of at most 50 %. */
  contributionRateMax: 5000,
  /** In basis points: demurrage of at most 10 % per period. */
  demurrageRateMax: 1000,
  /** In basis points: a threshold of at least a simple majority, of three quarters for the voting rules. */
  thresholdMin: 5000,
  votingRulesThresholdMin: 7500,
  votingDaysMin: 1,
  votingDaysMax: 90,
} as const;

/** Field paths of the server's validation errors for a proposal, reduced to the form's field names. */
export function proposalFieldOf(path: string): string {
  // "payload.rate", "payload.creditLimit", "payload.rules.credit.quorum", "title", "votingDays".
  const segments = path.split('.');
  if (segments[0] === 'input') segments.shift();
  if (segments[0] === 'payload') segments.shift();
  if (segments[0] === 'contributionRate' || segments[0] === 'credit' || segments[0] === 'admission' || segments[0] === 'ranking' || segments[0] === 'surplus' || segments[0] === 'demurrage' || segments[0] === 'data') segments.shift();
  if (segments[0] === 'rules' || segments[0] === 'votingRules') segments.shift();
  return segments.join('.') || path;
}

/** Members who must take part for a vote to count: the quorum of the electorate, rounded up (as tally.ts). */
export function quorumRequired(quorum: string, electorate: number): number {
  return Math.ceil(((basisPointsOf(quorum) ?? 0) * electorate) / basisPointsPerWhole);
}
