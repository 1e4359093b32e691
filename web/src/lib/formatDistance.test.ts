import { formatDistanceKm } from './formatDistance';

describe('formatDistanceKm', () => {
  it('writes tenths with the decimal separator of the language', () => {
    expect(formatDistanceKm(3.2149, 'de')).toBe('3,2 km');
    expect(formatDistanceKm(3.2149, 'en')).toBe('3.2 km');
    expect(formatDistanceKm(0, 'de')).toBe('0,0 km');
  });

  it('rounds to whole kilometres from 10 km on', () => {
    expect(formatDistanceKm(47.63, 'de')).toBe('48 km');
    expect(formatDistanceKm(9.96, 'de')).toBe('10 km');
    expect(formatDistanceKm(1234.4, 'en')).toBe('1,234 km');
    expect(formatDistanceKm(1234.4, 'de')).toBe('1.234 km');
  });
});
