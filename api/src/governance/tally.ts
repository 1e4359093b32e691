// Counting a closed vote. One member, one vote (GenG §43): each elector's last choice counts once.
//
// Quorum: the members taking part (yes and no, and abstentions when the rules count them) must be
// at least `quorum` of the electorate, rounded up to whole members.
// Threshold: the proposal passes when yes is at least `threshold` of yes + no and yes outnumbers no,
// so a threshold of 0.5 is a simple majority of the votes cast (a tie fails) and 0.75 a
// three-quarter majority. Abstentions never count for or against.
//
// Shares have at most four decimal places, so everything is whole-number arithmetic.
import type { VotingRule } from './policy-kinds';

export type EndState = 'passed' | 'rejected' | 'no_quorum';

export interface VoteCounts {
  yes: number;
  no: number;
  abstain: number;
}

export interface TallyResult extends VoteCounts {
  electorate: number;
  votesCast: number;
  /** Members who had to take part for the vote to count. */
  quorumRequired: number;
  quorumReached: boolean;
  /** The share of yes among yes + no that was needed, and whether it was reached. */
  thresholdRequired: string;
  thresholdReached: boolean;
  endState: EndState;
}

function basisPoints(share: string): number {
  const [whole = '0', fraction = ''] = share.split('.');
  return Number(whole) * 10_000 + Number(fraction.padEnd(4, '0').slice(0, 4));
}

export function tally(counts: VoteCounts, electorate: number, rule: Pick<VotingRule, 'quorum' | 'threshold' | 'abstentionsCountTowardQuorum'>): TallyResult {
  const { yes, no, abstain } = counts;
  const quorumRequired = Math.ceil((basisPoints(rule.quorum) * electorate) / 10_000);
  const participants = yes + no + (rule.abstentionsCountTowardQuorum ? abstain : 0);
  const quorumReached = electorate > 0 && participants >= quorumRequired;
  const thresholdReached = yes > no && yes * 10_000 >= basisPoints(rule.threshold) * (yes + no);
  return {
    yes,
    no,
    abstain,
    electorate,
    votesCast: yes + no + abstain,
    quorumRequired,
    quorumReached,
    thresholdRequired: rule.threshold,
    thresholdReached,
    endState: !quorumReached ? 'no_quorum' : thresholdReached ? 'passed' : 'rejected',
  };
}
