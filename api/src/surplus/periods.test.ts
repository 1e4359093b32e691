import { lastEndedPeriod, parsePeriod, periodContaining } from './periods';

describe('surplus periods', () => {
  it('names and bounds months, quarters and years in UTC', () => {
    const at = new Date('2026-12-07T09:00:00Z');
    expect(periodContaining('monthly', at)).toEqual({ key: '2026-12', length: 'monthly', start: new Date('2026-12-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') });
    expect(periodContaining('quarterly', at).key).toBe('2026-Q4');
    expect(periodContaining('yearly', at).end).toEqual(new Date('2027-01-01T00:00:00Z'));
  });

  it('finds the last period that has ended, across a year', () => {
    expect(lastEndedPeriod('monthly', new Date('2027-01-01T00:00:00Z')).key).toBe('2026-12');
    expect(lastEndedPeriod('quarterly', new Date('2027-02-10T00:00:00Z')).key).toBe('2026-Q4');
    expect(lastEndedPeriod('yearly', new Date('2026-12-31T23:59:59Z')).key).toBe('2025');
  });

  it('parses the keys it writes and nothing else', () => {
    for (const key of ['2026-01', '2026-Q3', '2026']) expect(parsePeriod(key)?.key).toBe(key);
    expect(parsePeriod('2026-Q3')?.start).toEqual(new Date('2026-07-01T00:00:00Z'));
    for (const key of ['2026-13', '2026-Q5', '26-01', '2026-1', '', 'x']) expect(parsePeriod(key)).toBeNull();
  });
});
