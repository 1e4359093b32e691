import { csvField, memberRegisterCsv } from './member-register';

describe('memberRegisterCsv', () => {
  it('quotes separators and defuses formulas', () => {
    expect(csvField('Hof "Sonnenwiese", Nord')).toBe('"Hof ""Sonnenwiese"", Nord"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('Lena')).toBe('Lena');
    const csv = memberRegisterCsv([
      { memberNumber: 1, displayName: 'Lena', status: 'admitted', admittedAt: new Date('2026-03-01T10:00:00Z'), appliedAt: new Date('2026-02-27T10:00:00Z'), leftAt: null },
      { memberNumber: null, displayName: 'Paul', status: 'applicant', admittedAt: null, appliedAt: new Date('2026-12-01T10:00:00Z'), leftAt: null },
      { memberNumber: 2, displayName: '', status: 'left', admittedAt: new Date('2026-03-02T10:00:00Z'), appliedAt: new Date('2026-02-28T10:00:00Z'), leftAt: new Date('2026-12-05T10:00:00Z') },
    ]);
    expect(csv).toBe('member_number,name,status,admitted_on,applied_on,left_on\r\n1,Lena,admitted,2026-03-01,2026-02-27,\r\n,Paul,applicant,,2026-12-01,\r\n2,,left,2026-03-02,2026-02-28,2026-12-05\r\n');
  });
});
