import { isZeroAmount, surplusMixSum, surplusProblems, type SurplusFields } from './surplus';

const valid: SurplusFields = {
  period: 'monthly',
  reserveKind: 'share',
  reserveShare: '20',
  reserveAmount: '',
  purchases: '60',
  sales: '10',
  equal: '20',
  accounts: [{ code: 'solidaritaet', name: 'Solidaritätsfonds', percent: '10' }],
};

describe('surplus rule form', () => {
  it('accepts a rule whose parts sum to 100 %', () => {
    expect(surplusMixSum(valid)).toBe(100);
    expect(surplusProblems(valid)).toEqual([]);
    expect(surplusProblems({ ...valid, reserveKind: 'amount', reserveAmount: '500,50' })).toEqual([]);
  });

  it('names the reserve, the mix and the accounts when they are wrong', () => {
    expect(surplusProblems({ ...valid, reserveShare: '101' })).toEqual(['surplusReserve']);
    expect(surplusProblems({ ...valid, reserveKind: 'amount', reserveAmount: '1,234' })).toEqual(['surplusReserve']);
    expect(surplusProblems({ ...valid, sales: '11' })).toEqual(['surplusMix']);
    expect(surplusProblems({ ...valid, equal: '2.5' })).toEqual(['surplusMix']);
    expect(surplusProblems({ ...valid, accounts: [{ code: 'Solidarität', name: 'S', percent: '10' }] })).toEqual(['surplusAccounts']);
    const twice = { ...valid, purchases: '50', accounts: [valid.accounts[0]!, valid.accounts[0]!] };
    expect(surplusProblems(twice)).toEqual(['surplusAccounts']);
  });
});

describe('amounts from the server', () => {
  it('tells a zero amount from any other', () => {
    expect(isZeroAmount('0.00')).toBe(true);
    expect(isZeroAmount('0')).toBe(true);
    expect(isZeroAmount('12.40')).toBe(false);
    expect(isZeroAmount('0.01')).toBe(false);
  });
});
