import { useTranslation } from 'react-i18next';
import type { Department } from '../api/departments';
import type { OversightEntry } from '../api/orders';
import { describeOversightEvent } from '../ui/describe';
import { formatDateTime } from '../ui/format';

/** An order's or a complaint's recorded events, newest first, each line in the reader's language. */
export function OversightTimeline({ entries, departments }: { entries: OversightEntry[]; departments?: readonly Department[] | undefined }) {
  const { t, i18n } = useTranslation();
  const names = new Map((departments ?? []).map((d) => [d.code, d.name]));
  const ctx = { t, departmentName: (code: string) => names.get(code) };
  const sorted = [...entries].sort((x, y) => Date.parse(y.at) - Date.parse(x.at) || y.seq - x.seq);
  return (
    <section className="timeline" aria-labelledby="oversight-timeline-title">
      <h2 id="oversight-timeline-title">{t('timeline.title')}</h2>
      <ol data-testid="timeline">
        {sorted.map((e) => (
          <li key={e.seq} className={`event event--${e.type}`}>
            <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
            <span>{describeOversightEvent(e, ctx)}</span>
            <code className="muted">{t(`oversight.event.${e.type}`, { defaultValue: e.type })}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
