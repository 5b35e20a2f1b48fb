import { useTranslation } from 'react-i18next';
import type { LiveCase, TimelineEntry } from '../api/cases';
import { formatDateTime } from '../ui/format';

/** The case's events, with its alerts, notices and anomalies, newest first. */
export function Timeline({ timeline, live }: { timeline: TimelineEntry[]; live: LiveCase | null }) {
  const { t, i18n } = useTranslation();
  const entries = [
    ...timeline.map((h) => ({ key: `h${h.seq}`, at: h.at, kind: 'event', text: h.summary, type: h.type })),
    ...(live?.alerts ?? []).map((a) => ({ key: `a${a.id}`, at: a.at, kind: `alert alert--${a.level}`, text: t(`threshold.${a.kind}`), type: a.key })),
    ...(live?.notices ?? []).map((n) => ({ key: `n${n.id}${n.event ?? ''}`, at: n.at, kind: 'notice', text: `${t(`notice.${n.kind}`)}: ${n.message}`, type: n.by })),
    ...(live?.anomalies ?? []).map((a) => ({ key: `x${a.id}`, at: a.at, kind: 'anomaly', text: `${t('timeline.anomaly')}: ${a.reason}`, type: a.kind })),
  ].sort((x, y) => Date.parse(y.at) - Date.parse(x.at));
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
