import { useTranslation } from 'react-i18next';
import type { OversightEntry } from '../api/orders';
import { formatDateTime } from '../ui/format';

/** An order's or a complaint's recorded events, newest first. */
export function OversightTimeline({ entries }: { entries: OversightEntry[] }) {
  const { t, i18n } = useTranslation();
  const sorted = [...entries].sort((x, y) => Date.parse(y.at) - Date.parse(x.at) || y.seq - x.seq);
  return (
    <section className="timeline" aria-labelledby="oversight-timeline-title">
      <h2 id="oversight-timeline-title">{t('timeline.title')}</h2>
      <ol data-testid="timeline">
        {sorted.map((e) => (
          <li key={e.seq} className={`event event--${e.type}`}>
            <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
            <span>{e.summary}</span>
            <code className="muted">{t(`oversight.event.${e.type}`, { defaultValue: e.type })}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
