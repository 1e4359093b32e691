import fc from 'fast-check';
import { tally } from './tally';

const simple = { quorum: '0.2', threshold: '0.5', abstentionsCountTowardQuorum: true };

describe('tally', () => {
  it('passes a simple majority and fails a tie', () => {
    expect(tally({ yes: 3, no: 2, abstain: 0 }, 10, simple).endState).toBe('passed');
    expect(tally({ yes: 2, no: 2, abstain: 1 }, 10, simple).endState).toBe('rejected');
    expect(tally({ yes: 0, no: 0, abstain: 5 }, 10, simple).endState).toBe('rejected');
  });

  it('needs the quorum rounded up to whole members, with or without abstentions', () => {
    // 20 % of 11 members is 2.2: three must take part.
    expect(tally({ yes: 2, no: 0, abstain: 0 }, 11, simple)).toMatchObject({ quorumRequired: 3, quorumReached: false, endState: 'no_quorum' });
    expect(tally({ yes: 2, no: 0, abstain: 1 }, 11, simple)).toMatchObject({ quorumReached: true, endState: 'passed' });
    expect(tally({ yes: 2, no: 0, abstain: 1 }, 11, { ...simple, abstentionsCountTowardQuorum: false }).endState).toBe('no_quorum');
    expect(tally({ yes: 0, no: 0, abstain: 0 }, 0, { ...simple, quorum: '0' }).endState).toBe('no_quorum');
  });

  it('needs three quarters exactly for a three-quarter majority', () => {
    const rule = { ...simple, threshold: '0.75' };
    expect(tally({ yes: 3, no: 1, abstain: 0 }, 4, rule).endState).toBe('passed');
    expect(tally({ yes: 74, no: 26, abstain: 0 }, 100, rule).endState).toBe('rejected');
    expect(tally({ yes: 75, no: 25, abstain: 0 }, 100, rule).endState).toBe('passed');
  });

  it('agrees with a recount in whole numbers for any counts and rules', () => {
    const share = fc.integer({ min: 0, max: 10_000 }).map((points) => (points / 10_000).toFixed(4));
    fc.assert(
      fc.property(
        fc.nat(50),
        fc.nat(50),
        fc.nat(50),
        fc.nat(100),
        share,
        fc.integer({ min: 5_000, max: 10_000 }).map((points) => (points / 10_000).toFixed(4)),
        fc.boolean(),
        (yes, no, abstain, extra, quorum, threshold, abstentionsCount) => {
          const electorate = yes + no + abstain + extra;
          const result = tally({ yes, no, abstain }, electorate, { quorum, threshold, abstentionsCountTowardQuorum: abstentionsCount });
          const participants = yes + no + (abstentionsCount ? abstain : 0);
          // Recount without rounding: participants / electorate >= quorum, cross-multiplied.
          const quorumPoints = Math.round(Number(quorum) * 10_000);
          const quorumReached = electorate > 0 && participants * 10_000 >= quorumPoints * electorate;
          const thresholdPoints = Math.round(Number(threshold) * 10_000);
          const passes = yes > no && yes * 10_000 >= thresholdPoints * (yes + no);
          expect(result.votesCast).toBe(yes + no + abstain);
          expect(result.endState).toBe(!quorumReached ? 'no_quorum' : passes ? 'passed' : 'rejected');
        },
      ),
    );
  });
});
