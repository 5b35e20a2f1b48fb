/** Dates shown in the zone the platform keeps its calendar in (Asia/Shanghai). */
const ZONE = 'Asia/Shanghai';

const instantOf = (value: number | string) => (typeof value === 'number' ? value : Date.parse(value));

export function formatDateTime(value: number | string | null | undefined, locale: string): string {
  if (value === null || value === undefined) return '—';
  return new Intl.DateTimeFormat(locale, { timeZone: ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(instantOf(value));
}

export function formatDate(value: number | string | null | undefined, locale: string): string {
  if (value === null || value === undefined) return '—';
  return new Intl.DateTimeFormat(locale, { timeZone: ZONE, dateStyle: 'medium' }).format(instantOf(value));
}

/** Today's date (YYYY-MM-DD) in the platform's zone. */
export function localToday(now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A deadline falls at 24:00 of its last day: shown as that day, not the next one's 00:00. */
export function formatDeadline(value: string | null | undefined, locale: string): string {
  if (value === null || value === undefined) return '—';
  return formatDate(Date.parse(value) - 1, locale);
}
