import { fieldProblemCodes } from '@rules/field-problems';
import { de } from '../i18n/de';
import { en } from '../i18n/en';
import { fieldProblemMessage, fieldProblemsFromResult } from './fieldErrors';

describe('field errors', () => {
  it('have a German and an English text for every code the API can send', () => {
    for (const code of fieldProblemCodes) {
      expect([code, typeof (de.fieldErrors as Record<string, unknown>)[code]]).toEqual([code, 'string']);
      expect([code, typeof (en.fieldErrors as Record<string, unknown>)[code]]).toEqual([code, 'string']);
    }
    expect(Object.keys(de.fieldErrors).sort()).toEqual([...fieldProblemCodes].sort());
  });

  it('have a singular and a plural form where a count is shown', () => {
    for (const messages of [de.fieldErrors, en.fieldErrors]) {
      for (const code of ['too_short', 'too_long', 'too_many', 'too_many_decimals', 'too_far_ahead'] as const) {
        expect([code, messages[code].split(' | ').length]).toEqual([code, 2]);
      }
    }
  });

  it('key the API errors by form field and write their numbers the locale way', () => {
    const problems = fieldProblemsFromResult([
      { field: 'input.title', code: 'too_short', params: [{ name: 'min', value: '3' }] },
      { field: 'price', code: 'amount_too_large', params: [{ name: 'max', value: '1000000' }] },
    ]);
    expect(problems).toEqual({ title: { code: 'too_short', params: { min: '3' } }, price: { code: 'amount_too_large', params: { max: '1000000' } } });
    expect(fieldProblemMessage(problems.title!, 'de')).toEqual({ key: 'fieldErrors.too_short', values: { min: '3' }, count: 3 });
    expect(fieldProblemMessage(problems.price!, 'de').values).toEqual({ max: '1.000.000' });
    expect(fieldProblemMessage({ code: 'amount_not_below_total', params: { total: '20.00' } }, 'de').values).toEqual({ total: '20,00' });
  });
});
