/**
 * A distance in kilometres as the locale writes it, to a tenth of a kilometre below 10 km and whole
 * kilometres from there ("3,2 km", "3.2 km", "48 km"): the place searched around is a postcode's
 * centre, so more digits would claim a precision the figure does not have.
 */
export function formatDistanceKm(kilometres: number, locale: string): string {
  const fractionDigits = Math.round(kilometres * 10) < 100 ? 1 : 0;
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'kilometer',
    unitDisplay: 'short',
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(kilometres);
}
