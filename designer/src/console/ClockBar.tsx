import { useTranslation } from 'react-i18next';
import type { LiveCase } from '../api/cases';

/** Working days used, paused (and why) and remaining of the processing clock, as a bar and in words. */
export function ClockBar({ live, promisedDays }: { live: LiveCase; promisedDays: number | null }) {
  const { t } = useTranslation();
  const used = live.clocks.workingDaysUsed;
  const remaining = live.clocks.workingDaysRemaining;
  const open = live.clocks.processing.pauses.filter((p) => p.to === undefined || p.to === null);
  const total = promisedDays ?? (used !== null && remaining !== null ? used + Math.max(remaining, 0) : null);
  const share = total && used !== null ? Math.min(100, Math.round((used / total) * 100)) : 0;
  return (
    <section className="clock" aria-labelledby="clock-title" data-testid="clock-bar">
      <h2 id="clock-title">{t('clock.title')}</h2>
      {live.clocks.processing.startedAt === null ? (
        <p className="muted">{t('clock.notStarted')}</p>
      ) : (
        <>
          <div
            className={`clock-bar clock-bar--${live.alertLevel}${open.length > 0 ? ' is-paused' : ''}`}
            role="meter"
            aria-valuemin={0}
            aria-valuemax={total ?? 0}
            aria-valuenow={used ?? 0}
            aria-label={t('clock.used')}
          >
            <div className="clock-used" style={{ width: `${share}%` }} />
          </div>
          <dl className="clock-figures">
            <dt>{t('clock.used')}</dt>
            <dd data-testid="clock-used">{used ?? '—'}{total !== null && ` / ${total}`}</dd>
            <dt>{t('clock.remaining')}</dt>
            <dd data-testid="clock-remaining">{remaining === null ? '—' : remaining < 0 ? t('clock.overdue', { count: -remaining }) : remaining}</dd>
            <dt>{t('clock.state')}</dt>
            <dd>
              {live.clocks.processing.stoppedAt
                ? t('clock.stopped')
                : open.length === 0
                  ? t('clock.running')
                  : open.map((p) => t(`pause.${p.reason}`)).join('、')}
            </dd>
          </dl>
        </>
      )}
    </section>
  );
}
