import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../api/cases';
import { describeCaseEvent } from '../ui/describe';
import { formatDateTime } from '../ui/format';

/** The case's recorded events (actions, alerts, notices, anomalies), newest first, each line in the reader's language. */
export function Timeline({ timeline, nodes }: { timeline: TimelineEntry[]; nodes?: readonly { id: string; name: string }[] | undefined }) {
  const { t, i18n } = useTranslation();
  const names = new Map((nodes ?? []).map((n) => [n.id, n.name]));
  const ctx = { t, nodeName: (id: string) => names.get(id) };
  const entries = timeline
    .map((h, i) => ({ key: `h${h.seq}-${i}`, seq: h.seq, at: h.at, kind: `event event--${h.type}`, text: describeCaseEvent(h, ctx), type: t(`event.${h.type}`, { defaultValue: h.type }) }))
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
