import { useTranslation } from 'react-i18next';
import type { LadderAlert, LadderLevel } from '../api/orders';
import { formatDateTime } from '../ui/format';

/** How far up its ladder an order or a complaint has gone, in words (colour is never the only cue). */
export function LadderState({ level }: { level: LadderLevel }) {
  const { t } = useTranslation();
  return (
    <span className={`light light--${level}`} data-level={level}>
      <span className="light-dot" aria-hidden="true" />
      {t(`oversight.ladderLevel.${level}`)}
    </span>
  );
}

/** The rungs raised so far and the next one, while the order or complaint waits on someone. */
export function Ladder({ level, alerts, next }: { level: LadderLevel; alerts: LadderAlert[]; next: { key: string; at: string } | null }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="ladder" aria-labelledby="ladder-title" data-testid="ladder">
      <h2 id="ladder-title">
        {t('oversight.ladder.title')} <LadderState level={level} />
      </h2>
      {alerts.length === 0 ? (
        <p className="muted">{t('oversight.ladder.nothingYet')}</p>
      ) : (
        <ul>
          {alerts.map((a) => (
            <li key={a.id} className={`alert alert--${a.level}`}>
              <strong>{t(`oversight.rung.${a.key}`, { defaultValue: a.key })}</strong>
              <span className="muted">{formatDateTime(a.at, i18n.language)}</span>
            </li>
          ))}
        </ul>
      )}
      <p data-testid="ladder-next">
        {next ? (
          <>
            {t('oversight.ladder.next')}: {t(`oversight.rung.${next.key}`, { defaultValue: next.key })} · <time dateTime={next.at}>{formatDateTime(next.at, i18n.language)}</time>
          </>
        ) : (
          <span className="muted">{t('oversight.ladder.stopped')}</span>
        )}
      </p>
    </section>
  );
}
