import { amountProblem } from './input';

describe('amountProblem', () => {
  it('accepts positive amounts with at most two decimal places', () => {
    for (const amount of ['1', '0.01', '12.5', '12.50', '007.10', '999999999999999.99']) expect(amountProblem(amount)).toBeNull();
  });

  it('names the first problem of a bad amount', () => {
    expect(amountProblem('abc')).toBe('must be a number like 12.50');
    expect(amountProblem('1e5')).toBe('must be a number like 12.50');
    expect(amountProblem('12,50')).toBe('must be a number like 12.50');
    expect(amountProblem('')).toBe('must be a number like 12.50');
    expect(amountProblem('-5')).toBe('must be positive');
    expect(amountProblem('-0.001')).toBe('must be positive');
    expect(amountProblem('1.234')).toBe('at most 2 decimal places');
    expect(amountProblem('1000000000000000')).toBe('must be less than 10^15');
    expect(amountProblem('0')).toBe('must be more than zero');
    expect(amountProblem('0.00')).toBe('must be more than zero');
  });
});
