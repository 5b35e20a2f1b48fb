import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The clock, read again every `everyMs`, for countdowns. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** A span of time in days and hours, hours and minutes, or minutes. */
export function durationText(ms: number, t: TFunction): string {
  const span = Math.abs(ms);
  const d = Math.floor(span / DAY);
  const h = Math.floor((span % DAY) / HOUR);
  const m = Math.floor((span % HOUR) / MINUTE);
  if (d > 0) return t('oversight.duration.days', { d, h });
  if (h > 0) return t('oversight.duration.hours', { h, m });
  return t('oversight.duration.minutes', { m });
}

/** "N left" before an instant, "N overdue" after it. */
export function countdownText(until: string, now: number, t: TFunction): string {
  const ms = Date.parse(until) - now;
  return ms >= 0 ? t('oversight.common.left', { time: durationText(ms, t) }) : t('oversight.common.overdueBy', { time: durationText(ms, t) });
}
