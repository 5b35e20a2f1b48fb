import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../api/cases';
import { formatDateTime } from '../ui/format';

/** The case's recorded events (actions, alerts, notices, anomalies), newest first. */
export function Timeline({ timeline }: { timeline: TimelineEntry[] }) {
  const { t, i18n } = useTranslation();
  const entries = timeline
    .map((h) => ({ key: `h${h.seq}`, seq: h.seq, at: h.at, kind: `event event--${h.type}`, text: h.summary, type: t(`event.${h.type}`, { defaultValue: h.type }) }))
    .sort((x, y) => Date.parse(y.at) - Date.parse(x.at) || y.seq - x.seq);
  return (
    <section className="timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      <ol data-testid="timeline">
        {entries.map((e) => (
          <li key={e.key} className={e.kind}>
            <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
            <span>{e.text}</span>
            <code className="muted">{e.type}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
