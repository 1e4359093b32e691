// The periods a surplus is shared by, in UTC: a month ("2026-11"), a quarter ("2026-Q4") or a year
// ("2026"). A period runs from its start (included) to its end (excluded), which is the next one's start.
import type { SurplusPeriod } from './policy';

export interface Period {
  key: string;
  length: SurplusPeriod;
  start: Date;
  end: Date;
}

const monthsOf: Record<SurplusPeriod, number> = { monthly: 1, quarterly: 3, yearly: 12 };

function keyOf(length: SurplusPeriod, year: number, month: number): string {
  if (length === 'yearly') return String(year);
  if (length === 'quarterly') return `${year}-Q${Math.floor(month / 3) + 1}`;
  return `${year}-${String(month + 1).padStart(2, '0')}`;
}

function periodFrom(length: SurplusPeriod, year: number, firstMonth: number): Period {
  const start = new Date(Date.UTC(year, firstMonth, 1));
  const end = new Date(Date.UTC(year, firstMonth + monthsOf[length], 1));
  return { key: keyOf(length, year, firstMonth), length, start, end };
}

/** The period of this length that contains the instant. */
export function periodContaining(length: SurplusPeriod, at: Date): Period {
  const month = at.getUTCMonth();
  return periodFrom(length, at.getUTCFullYear(), month - (month % monthsOf[length]));
}

/** The last period of this length that has ended at the instant. */
export function lastEndedPeriod(length: SurplusPeriod, at: Date): Period {
  const running = periodContaining(length, at);
  return periodContaining(length, new Date(running.start.getTime() - 1));
}

/** The period a key names, or null when it names none. */
export function parsePeriod(key: string): Period | null {
  const match = /^(\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])))?$/.exec(key.trim());
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2999) return null;
  if (match[2]) return periodFrom('monthly', year, Number(match[2]) - 1);
  if (match[3]) return periodFrom('quarterly', year, (Number(match[3]) - 1) * 3);
  return periodFrom('yearly', year, 0);
}
