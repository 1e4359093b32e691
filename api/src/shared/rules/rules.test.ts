import { AMOUNT_INTEGER_DIGITS_MAXIMUM } from '@allmende/ledger';
import { cooperativeCurrency } from '../../wallet/cooperative-currency';
import { amountFromLocaleText, amountIntegerDigitsMax, amountProblemOf, amountScale, partialRefundSchema } from './amount-rules';
import { checkFields } from './field-problems';
import { cartQuantityChangeSchema, cartQuantitySchema, needFieldsSchema, numberFromText, offerFieldsSchema, producerProfileFieldsSchema, stockSchema } from './form-rules';
import { newPasswordProblemOf } from './password-rules';

const validOffer = { title: 'Äpfel', price: '2.50', unit: 'kg' };

function problemOf(schema: Parameters<typeof checkFields>[0], value: unknown) {
  const result = checkFields(schema, value);
  return result.ok ? null : result.problems.input;
}

describe('shared form rules', () => {
  it('use the currency scale and the ledger limit', () => {
    expect(amountScale).toBe(cooperativeCurrency.scale);
    expect(amountIntegerDigitsMax).toBe(AMOUNT_INTEGER_DIGITS_MAXIMUM);
  });

  it('read amounts as members type them in German and English', () => {
    expect(amountFromLocaleText('1.000,50', 'de')).toBe('1000.50');
    expect(amountFromLocaleText('4,50', 'de')).toBe('4.50');
    expect(amountFromLocaleText('4.50', 'de')).toBe('4.50');
    expect(amountFromLocaleText('1.000', 'de')).toBe('1000');
    expect(amountFromLocaleText(' 12 ', 'de')).toBe('12');
    expect(amountFromLocaleText('1,000.50', 'en')).toBe('1000.50');
    expect(amountFromLocaleText('4.50', 'en')).toBe('4.50');
    expect(amountFromLocaleText('4,50', 'en')).toBe('4.50');
    expect(amountFromLocaleText('1.000,50', 'en')).toBe('1.000,50');
    expect(amountFromLocaleText('viel', 'de')).toBe('viel');
  });

  it('name the problem of a cart quantity of 5000, -3, 2.5, text and nothing', () => {
    expect(problemOf(cartQuantitySchema, numberFromText('5000'))).toEqual({ code: 'too_large', params: { max: 999 } });
    expect(problemOf(cartQuantitySchema, numberFromText('-3'))).toEqual({ code: 'too_small', params: { min: 1 } });
    expect(problemOf(cartQuantitySchema, numberFromText('2.5'))).toEqual({ code: 'not_whole_number', params: {} });
    expect(problemOf(cartQuantitySchema, numberFromText('2,5'))).toEqual({ code: 'not_whole_number', params: {} });
    expect(problemOf(cartQuantitySchema, numberFromText('zwei'))).toEqual({ code: 'not_a_number', params: {} });
    expect(problemOf(cartQuantitySchema, numberFromText(''))).toEqual({ code: 'required', params: {} });
    expect(problemOf(cartQuantityChangeSchema, numberFromText('0'))).toBeNull();
    expect(problemOf(cartQuantitySchema, numberFromText('3'))).toBeNull();
  });

  it('name the problem of a partial refund: more than the total, negative, too many decimals, empty, text', () => {
    const refund = partialRefundSchema('20.00');
    expect(problemOf(refund, '25')).toEqual({ code: 'amount_not_below_total', params: { total: '20.00' } });
    expect(problemOf(refund, '20')).toEqual({ code: 'amount_not_below_total', params: { total: '20.00' } });
    expect(problemOf(refund, '-5')).toEqual({ code: 'not_positive', params: {} });
    expect(problemOf(refund, '0')).toEqual({ code: 'not_positive', params: {} });
    expect(problemOf(refund, '4.555')).toEqual({ code: 'too_many_decimals', params: { max: 2 } });
    expect(problemOf(refund, '')).toEqual({ code: 'required', params: {} });
    expect(problemOf(refund, 'zehn')).toEqual({ code: 'invalid_amount', params: {} });
    expect(problemOf(refund, amountFromLocaleText('12,50', 'de'))).toBeNull();
  });

  it('name the problems of an offer: empty form, a price "1.000,50" not read, a price of 0, a stock of -5', () => {
    const empty = checkFields(offerFieldsSchema, { title: '', price: '', unit: '' });
    expect(empty.ok ? null : empty.problems).toEqual({
      title: { code: 'required', params: {} },
      price: { code: 'required', params: {} },
      unit: { code: 'required', params: {} },
    });
    const unread = checkFields(offerFieldsSchema, { ...validOffer, price: '1.000,50' });
    expect(unread.ok ? null : unread.problems.price).toEqual({ code: 'invalid_amount', params: {} });
    const read = checkFields(offerFieldsSchema, { ...validOffer, price: amountFromLocaleText('1.000,50', 'de') });
    expect(read.ok && read.value.price).toBe('1000.50');
    const zero = checkFields(offerFieldsSchema, { ...validOffer, price: '0' });
    expect(zero.ok ? null : zero.problems.price).toEqual({ code: 'not_positive', params: {} });
    const tooHigh = checkFields(offerFieldsSchema, { ...validOffer, price: '1000000.01' });
    expect(tooHigh.ok ? null : tooHigh.problems.price).toEqual({ code: 'amount_too_large', params: { max: '1000000' } });
    expect(problemOf(stockSchema, numberFromText('-5'))).toEqual({ code: 'too_small', params: { min: 0 } });
    const short = checkFields(offerFieldsSchema, { ...validOffer, title: 'Ei', postcode: '123' });
    expect(short.ok ? null : short.problems).toEqual({ title: { code: 'too_short', params: { min: 3 } }, postcode: { code: 'invalid_postcode', params: {} } });
  });

  it('name the problems of a need and of a producer profile', () => {
    const past = checkFields(needFieldsSchema, { title: 'Ho', expiresAt: new Date(Date.now() - 1000) });
    expect(past.ok ? null : past.problems).toEqual({ title: { code: 'too_short', params: { min: 3 } }, expiresAt: { code: 'not_in_future', params: {} } });
    const far = checkFields(needFieldsSchema, { title: 'Honig', expiresAt: new Date(Date.now() + 200 * 86_400_000) });
    expect(far.ok ? null : far.problems).toEqual({ expiresAt: { code: 'too_far_ahead', params: { days: 180 } } });
    const invalidDate = checkFields(needFieldsSchema, { title: 'Honig', expiresAt: new Date('') });
    expect(invalidDate.ok ? null : invalidDate.problems).toEqual({ expiresAt: { code: 'invalid_date', params: {} } });
    const profile = checkFields(producerProfileFieldsSchema, { name: 'H', contactEmail: 'hof@', postcode: '1234' });
    expect(profile.ok ? null : profile.problems).toEqual({
      name: { code: 'too_short', params: { min: 2 } },
      contactEmail: { code: 'invalid_email', params: {} },
      postcode: { code: 'invalid_postcode', params: {} },
    });
    expect(checkFields(producerProfileFieldsSchema, { name: 'Hof', contactEmail: '', postcode: '' }).ok).toBe(true);
  });

  it('judge new passwords the same everywhere', () => {
    expect(newPasswordProblemOf('kurz', 'a@b.de')).toEqual({ code: 'too_short', params: { min: 10 } });
    expect(newPasswordProblemOf('aaaaaaaaaaaa', 'a@b.de')).toEqual({ code: 'password_too_simple', params: {} });
    expect(newPasswordProblemOf('lena.fischer-2026', 'lena.fischer@example.org')).toEqual({ code: 'password_contains_email', params: {} });
    expect(newPasswordProblemOf('Willkommen', 'a@b.de')).toEqual({ code: 'password_too_common', params: {} });
    expect(newPasswordProblemOf('Sonnenblume im Herbst', 'a@b.de')).toBeNull();
  });

  it('report amounts in the ledger order', () => {
    expect(amountProblemOf('12.50')).toBeNull();
    expect(amountProblemOf('1000000000000000')).toEqual({ code: 'amount_too_large', params: { max: '999999999999999.99' } });
  });
});
