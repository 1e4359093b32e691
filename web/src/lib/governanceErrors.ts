// Messages for the typed error results of governance mutations, by their stable codes.
const governanceErrorCodes = [
  'validation_failed',
  'proposal_not_found',
  'proposal_status',
  'not_proposal_author',
  'not_in_electorate',
  'not_admitted',
  'application_not_pending',
] as const;

export type GovernanceErrorKey = `governance.errors.${(typeof governanceErrorCodes)[number] | 'unknown'}`;

export function governanceErrorKey(code: string | undefined): GovernanceErrorKey {
  return code && (governanceErrorCodes as readonly string[]).includes(code) ? (`governance.errors.${code}` as GovernanceErrorKey) : 'governance.errors.unknown';
}
