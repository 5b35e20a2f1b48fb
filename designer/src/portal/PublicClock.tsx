import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CaseProgress, PublicClock as Clock } from '../api/public';
import { formatDateTime } from '../ui/format';

type Pause = CaseProgress['pauses'][number];

/** A pause in words: its kind, and its fixed-list reason when it has a label (a code never shows). */
function pauseLabel(pause: Pause, t: TFunction): string {
  const kind = t(`portal.progress.pauseKind.${pause.kind}`);
  if (pause.reasonCode === null) return kind;
  const key = pause.kind === 'special-procedure' ? `special.${pause.reasonCode}` : `pauseReason.${pause.reasonCode}`;
  const reason = t(key, { defaultValue: '' });
  return reason === '' ? kind : `${kind}(${reason})`;
}

/**
 * The processing clock in words and as a bar: working days used of the promised limit,
 * remaining or overdue, paused and why, and every pause of the case (the one-time notice
 * before acceptance too).
 */
export function PublicClock({ clock, pauses }: { clock: Clock; pauses: Pause[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { workingDaysUsed: used, workingDaysRemaining: remaining, promisedDays } = clock;
  const open = clock.pauses.filter((p) => p.to === null);
  const since = open.map((p) => p.from).sort()[0];
  const reasons = clock.pausedFor.map((r) => t(`pause.${r}`)).join('、');
  const stateText =
    clock.state === 'running' ? t('portal.progress.running')
      : clock.state === 'stopped' ? t('portal.progress.stopped')
        : clock.state === 'paused'
          ? since ? t('portal.progress.pausedFor', { reasons, since: formatDateTime(since, locale) }) : t('portal.progress.pausedNoSince', { reasons })
          : t('portal.progress.notStarted');
  const share = promisedDays && used !== null ? Math.min(100, Math.round((used / promisedDays) * 100)) : 0;
  const overdue = remaining !== null && remaining < 0;
  return (
    <section className="portal-panel clock" aria-labelledby="public-clock-title" data-testid="public-clock" data-state={clock.state}>
      <h2 id="public-clock-title">{t('portal.progress.clock')}</h2>
      {clock.source === 'record' && <p className="muted">{t('portal.progress.recorded')}</p>}
      <p className={`portal-clock-state portal-clock-state--${clock.state}`} data-testid="clock-state">
        {stateText}
      </p>
      {clock.state !== 'not-started' && (
        <>
          <div
            className={`clock-bar${overdue ? ' clock-bar--red' : ''}${clock.state === 'paused' ? ' is-paused' : ''}`}
            role="meter"
            aria-valuemin={0}
            aria-valuemax={promisedDays ?? 0}
            aria-valuenow={used ?? 0}
            aria-label={t('portal.progress.used')}
          >
            <div className="clock-used" style={{ width: `${share}%` }} />
          </div>
          <dl className="portal-facts portal-facts--clock">
            <dt>{t('portal.progress.used')}</dt>
            <dd data-testid="clock-used">{used ?? '—'}{promisedDays !== null && used !== null && ` / ${promisedDays}`}</dd>
            <dt>{t('portal.progress.remaining')}</dt>
            <dd data-testid="clock-remaining" className={overdue ? 'error-text' : undefined}>
              {remaining === null ? '—' : overdue ? t('portal.progress.overdue', { count: -remaining }) : remaining}
            </dd>
          </dl>
        </>
      )}
      {promisedDays !== null && clock.statutoryDays !== null && (
        <p className="muted" data-testid="clock-limits">
          {t('portal.progress.limits')}:{t('portal.progress.limitsValue', { promised: promisedDays, statutory: clock.statutoryDays })}
        </p>
      )}
      {pauses.length > 0 && (
        <>
          <h3>{t('portal.progress.pauses')}</h3>
          <ul className="portal-pauses" data-testid="clock-pauses">
            {pauses.map((p) => (
              <li key={`${p.kind}-${p.from}`} data-kind={p.kind}>
                {t('portal.progress.pauseRow', {
                  reason: pauseLabel(p, t),
                  from: formatDateTime(p.from, locale),
                  to: p.to === null ? t('portal.progress.ongoing') : formatDateTime(p.to, locale),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {clock.provisional && <p className="muted">{t('portal.progress.provisional')}</p>}
    </section>
  );
}
