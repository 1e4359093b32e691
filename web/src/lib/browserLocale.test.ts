import { preferredLocale } from './browserLocale';

const supported = ['de', 'en'] as const;

describe('preferredLocale', () => {
  it('takes the first language the interface speaks, whatever the region', () => {
    expect(preferredLocale(['en-GB', 'de-DE'], supported)).toBe('en');
    expect(preferredLocale(['de-AT', 'en'], supported)).toBe('de');
    expect(preferredLocale(['fr-FR', 'EN-us'], supported)).toBe('en');
  });

  it('finds none when the browser prefers only other languages', () => {
    expect(preferredLocale(['fr', 'it-IT'], supported)).toBeNull();
    expect(preferredLocale([], supported)).toBeNull();
  });
});
