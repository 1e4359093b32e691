import { createSearchRouteMemo } from './route-memo';

describe('search route memo', () => {
  it('remembers searches that needed the text index, until told otherwise', () => {
    const memo = createSearchRouteMemo({ entriesMax: 10, ageMaxMs: 1_000, clock: () => 0 });
    expect(memo.needsTextIndex('mead')).toBe(false);
    memo.remember('mead', true);
    memo.remember('frisch', false);
    expect(memo.needsTextIndex('mead')).toBe(true);
    expect(memo.needsTextIndex('frisch')).toBe(false);
    memo.remember('mead', false);
    expect(memo.needsTextIndex('mead')).toBe(false);
  });

  it('forgets the oldest entry beyond its size and entries past their age', () => {
    let now = 0;
    const memo = createSearchRouteMemo({ entriesMax: 2, ageMaxMs: 1_000, clock: () => now });
    memo.remember('a', true);
    memo.remember('b', true);
    memo.remember('c', true);
    expect(['a', 'b', 'c'].map((key) => memo.needsTextIndex(key))).toEqual([false, true, true]);
    now = 1_001;
    expect(memo.needsTextIndex('b')).toBe(false);
  });
});
