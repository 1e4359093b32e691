import { useI18n } from 'vue-i18n';
import { formatDecimal } from '@/lib/formatDecimal';
import { formatDistanceKm } from '@/lib/formatDistance';

/** Locale-aware formatting for amounts (decimal strings) and dates (ISO strings). */
export function useFormatters() {
  const { locale, t } = useI18n();

  function amount(value: string): string {
    return formatDecimal(value, locale.value);
  }

  /** An amount with the currency's name, e.g. "12,50 Taler". */
  function taler(value: string): string {
    return t('wallet.amount', { amount: amount(value) });
  }

  function date(value: string): string {
    const parsed = new Date(value);
    if (Number.isNaN(parsed.getTime())) return value;
    return new Intl.DateTimeFormat(locale.value, { dateStyle: 'long' }).format(parsed);
  }

  /** Day and month only, e.g. "7. Dez." or "7 Dec", for chart axes. */
  function dayMonth(value: string): string {
    const parsed = new Date(value);
    if (Number.isNaN(parsed.getTime())) return value;
    return new Intl.DateTimeFormat(locale.value, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(parsed);
  }

  function dateTime(value: string): string {
    const parsed = new Date(value);
    if (Number.isNaN(parsed.getTime())) return value;
    return new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }).format(parsed);
  }

  /**
   * How long ago, in the largest whole unit up to days ("vor 5 Minuten", "gestern"); from a week on
   * the date itself, which says more than "vor 3 Wochen".
   */
  function relativeTime(value: string, now: Date = new Date()): string {
    const parsed = new Date(value);
    if (Number.isNaN(parsed.getTime())) return value;
    const seconds = Math.round((parsed.getTime() - now.getTime()) / 1000);
    const format = new Intl.RelativeTimeFormat(locale.value, { numeric: 'auto' });
    if (Math.abs(seconds) < 60) return format.format(0, 'second');
    if (Math.abs(seconds) < 3600) return format.format(Math.round(seconds / 60), 'minute');
    if (Math.abs(seconds) < 86_400) return format.format(Math.round(seconds / 3600), 'hour');
    if (Math.abs(seconds) < 7 * 86_400) return format.format(Math.round(seconds / 86_400), 'day');
    return date(value);
  }

  function count(value: number): string {
    return new Intl.NumberFormat(locale.value).format(value);
  }

  /** A distance in kilometres, e.g. "3,2 km". */
  function distance(kilometres: number): string {
    return formatDistanceKm(kilometres, locale.value);
  }

  return { amount, taler, date, dayMonth, dateTime, relativeTime, count, distance };
}
