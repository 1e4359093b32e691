import { timeOrderedUuid } from './ids';

describe('timeOrderedUuid', () => {
  it('is a version 7 UUID with the time in its first 48 bits and the RFC variant', () => {
    const now = Date.UTC(2026, 10, 24, 12, 0, 0, 123);
    const id = timeOrderedUuid(now);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace('-', '').slice(0, 12), 16)).toBe(now);
  });

  it('sorts by time and differs within one millisecond', () => {
    const ids = [timeOrderedUuid(1_000), timeOrderedUuid(1_000), timeOrderedUuid(2_000)];
    expect(ids[0]).not.toBe(ids[1]);
    expect(ids[2]! > ids[0]! && ids[2]! > ids[1]!).toBe(true);
  });
});
