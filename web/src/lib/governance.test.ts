import { quorumRequired, basisPointsOf, normalizeAmount, percentToShare, proposalFieldOf, proposalGlobalId, rowIdOf, shareOfBasisPoints, shareToPercentText } from './governance';

describe('percentToShare', () => {
  it.each([
    ['5', '0.05'],
    ['2,5', '0.025'],
    ['3.75', '0.0375'],
    ['0', '0'],
    ['100', '1'],
    [' 12 ', '0.12'],
  ])('turns %s %% into the share %s', (input, share) => {
    expect(percentToShare(input)).toBe(share);
  });

  it.each(['', 'fünf', '2,555', '-1', '1e2', '1000'])('refuses %j', (input) => {
    expect(percentToShare(input)).toBeNull();
  });
});

describe('shares and basis points', () => {
  it('reads shares with up to four places and writes them back without trailing zeros', () => {
    expect(basisPointsOf('0.025')).toBe(250);
    expect(basisPointsOf('0.03')).toBe(300);
    expect(basisPointsOf('1')).toBe(10_000);
    expect(basisPointsOf('0.12345')).toBeNull();
    expect(shareOfBasisPoints(250)).toBe('0.025');
    expect(shareOfBasisPoints(10_000)).toBe('1');
    expect(shareOfBasisPoints(0)).toBe('0');
  });

  it('shows a share as a percentage for a form field', () => {
    expect(shareToPercentText('0.025')).toBe('2.5');
    expect(shareToPercentText('0.2')).toBe('20');
    expect(shareToPercentText('0.0375')).toBe('3.75');
  });
});

describe('normalizeAmount', () => {
  it('writes amounts with two places and a point', () => {
    expect(normalizeAmount('150')).toBe('150.00');
    expect(normalizeAmount('150,5')).toBe('150.50');
    expect(normalizeAmount('007.25')).toBe('7.25');
    expect(normalizeAmount('1.234,50')).toBeNull();
    expect(normalizeAmount('12.345')).toBeNull();
  });
});

describe('ids and field paths', () => {
  it('converts between row ids in links and global ids', () => {
    const rowId = '3f2a4c1e-0000-4000-8000-000000000001';
    expect(rowIdOf(proposalGlobalId(rowId))).toBe(rowId);
    expect(rowIdOf(rowId)).toBe(rowId);
  });

  it('names the form field of a server field error', () => {
    expect(proposalFieldOf('payload.rate')).toBe('rate');
    expect(proposalFieldOf('payload.creditLimit')).toBe('creditLimit');
    expect(proposalFieldOf('payload.credit.maximumBalance')).toBe('maximumBalance');
    expect(proposalFieldOf('payload.rules.voting_rules.threshold')).toBe('voting_rules.threshold');
    expect(proposalFieldOf('title')).toBe('title');
  });
});

describe('quorumRequired', () => {
  it('rounds up to whole members, as the count does', () => {
    expect(quorumRequired('0.2', 14)).toBe(3);
    expect(quorumRequired('0.2', 15)).toBe(3);
    expect(quorumRequired('0.3', 10)).toBe(3);
    expect(quorumRequired('0', 10)).toBe(0);
  });
});
