import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../workflows/case/contract';

/** Working days used, paused (and why) and remaining of the processing clock, as a bar and in words. */
export function ClockBar({ view, promisedDays }: { view: CaseView; promisedDays: number | null }) {
  const { t } = useTranslation();
  const used = view.clocks.workingDaysUsed;
  const remaining = view.clocks.workingDaysRemaining;
  const open = view.clocks.processing.pauses.filter((p) => p.to === undefined);
  const total = promisedDays ?? (used !== null && remaining !== null ? used + Math.max(remaining, 0) : null);
  const share = total && used !== null ? Math.min(100, Math.round((used / total) * 100)) : 0;
  const started = view.clocks.processing.startedAt !== null;
  return (
    <section className="clock" aria-labelledby="clock-title" data-testid="clock-bar">
      <h2 id="clock-title">{t('clock.title')}</h2>
      {!started ? (
        <p className="muted">{t('clock.notStarted')}</p>
      ) : (
        <>
          <div
            className={`clock-bar clock-bar--${view.alertLevel}${open.length > 0 ? ' is-paused' : ''}`}
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
            <dd data-testid="clock-used">{used ?? '—'}</dd>
            <dt>{t('clock.remaining')}</dt>
            <dd data-testid="clock-remaining">{remaining === null ? '—' : remaining < 0 ? t('clock.overdue', { count: -remaining }) : remaining}</dd>
            <dt>{t('clock.paused')}</dt>
            <dd>{open.length === 0 ? t('clock.running') : open.map((p) => t(`pause.${p.reason}`)).join('、')}</dd>
          </dl>
        </>
      )}
    </section>
  );
}
