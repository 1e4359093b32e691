import { useI18n } from 'vue-i18n';
import { formatDecimal } from '@/lib/formatDecimal';

/** Locale-aware formatting for amounts (decimal strings) and dates (ISO strings). */
export function useFormatters() {
  const { locale } = useI18n();

  function amount(value: string): string {
    return formatDecimal(value, locale.value);
  }

  function date(value: string): string {
    const parsed = new Date(value);
    if (Number.isNaN(parsed.getTime())) return value;
    return new Intl.DateTimeFormat(locale.value, { dateStyle: 'long' }).format(parsed);
  }

  function dateTime(value: string): string {
    const parsed = new Date(value);
    if (Number.isNaN(parsed.getTime())) return value;
    return new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }).format(parsed);
  }

  function count(value: number): string {
    return new Intl.NumberFormat(locale.value).format(value);
  }

  return { amount, date, dateTime, count };
}
