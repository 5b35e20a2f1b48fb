import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ClockEvidence as Evidence, When } from '../api/evaluations';
import { describeCaseEvent } from '../ui/describe';
import { formatDateTime, formatDeadline } from '../ui/format';

interface Entry {
  key: string;
  at: number;
  kind: 'event' | 'alert' | 'threshold' | 'deadline' | 'pause';
  level?: string;
  label: string;
  detail?: string;
  /** Deadlines fall at 24:00 of their last day and show as that day. */
  deadline?: boolean;
}

const instant = (value: When | null | undefined) => (value === null || value === undefined ? null : typeof value === 'number' ? value : Date.parse(value));
const iso = (value: number) => new Date(value).toISOString();

/** Every dated piece of the evidence on one line of time, oldest first. */
function entriesOf(evidence: Evidence, t: TFunction, locale: string): Entry[] {
  const entries: Entry[] = [];
  const push = (at: number | null, entry: Omit<Entry, 'at'>) => {
    if (at !== null && Number.isFinite(at)) entries.push({ ...entry, at });
  };
  // An alert's own record says more than its 'alert' event (kind, threshold instant), so it stands for it.
  const alertsRecorded = evidence.alerts.length > 0;
  for (const e of evidence.events) {
    if (e.type === 'alert' && alertsRecorded) continue;
    const line = describeCaseEvent(e, { t });
    push(instant(e.at), { key: `e${e.seq}`, kind: 'event', label: t(`event.${e.type}`, { defaultValue: e.type }), detail: line === e.type ? undefined : line });
  }
  for (const a of evidence.alerts) {
    const due = instant(a.thresholdAt);
    push(instant(a.raisedAt), {
      key: `a${a.id}`, kind: 'alert', level: a.level, label: t('evaluation.evidence.alertRaised', { kind: t(`threshold.${a.kind}`, { defaultValue: a.kind }) }),
      detail: [due === null ? null : t('evaluation.evidence.thresholdAt', { at: formatDateTime(due, locale) }), a.provisional ? t('evaluation.evidence.provisional') : null].filter(Boolean).join(' · ') || undefined,
    });
  }
  const c = evidence.case;
  if (c) {
    push(instant(c.deadline), { key: 'deadline', kind: 'deadline', label: t('evaluation.evidence.promisedDeadline'), deadline: true });
    push(instant(c.statutoryDeadline), { key: 'statutory', kind: 'deadline', label: t('evaluation.evidence.statutoryDeadline'), deadline: true });
  }
  for (const th of evidence.thresholds?.thresholds ?? []) {
    push(instant(th.at), {
      key: `t${th.key}`, kind: 'threshold', label: t('evaluation.evidence.threshold', { kind: t(`threshold.${th.kind}`, { defaultValue: th.kind }) }),
      detail: t(th.due ? 'evaluation.evidence.due' : 'evaluation.evidence.notDue'),
    });
  }
  for (const [i, p] of (evidence.thresholds?.processing?.pauses ?? []).entries()) {
    const to = instant(p.to);
    push(instant(p.from), {
      key: `p${i}`, kind: 'pause', label: t('evaluation.evidence.pause', { reason: t(`pause.${p.reason}`, { defaultValue: p.reason }) }),
      detail: to === null ? t('evaluation.evidence.pauseOpen') : t('evaluation.evidence.pauseUntil', { at: formatDateTime(to, locale) }),
    });
  }
  const order = { deadline: 1, threshold: 1, event: 0, alert: 0, pause: 0 } as const;
  return entries.sort((x, y) => x.at - y.at || order[x.kind] - order[y.kind]);
}

/** The clock's evidence for an appeal: the case's figures and the timeline of its clock. */
export function ClockEvidence({ evidence }: { evidence: Evidence }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const c = evidence.case;
  const entries = entriesOf(evidence, t, locale);
  const yesNo = (v: boolean | null) => (v === null ? '—' : t(v ? 'common.yes' : 'common.no'));
  return (
    <section className="eval-evidence" aria-labelledby="evidence-title" data-testid="evidence">
      <h2 id="evidence-title">{t('evaluation.evidence.title')}</h2>
      {c ? (
        <dl className="eval-facts" data-testid="evidence-case">
          <dt>{t('evaluation.evidence.status')}</dt>
          <dd>{t(`status.${c.status}`, { defaultValue: c.status })}{c.outcome ? ` · ${t(`outcome.${c.outcome}`, { defaultValue: c.outcome })}` : ''}</dd>
          <dt>{t('evaluation.evidence.acceptedAt')}</dt>
          <dd>{formatDateTime(c.acceptedAt, locale)}</dd>
          <dt>{t('evaluation.evidence.concludedAt')}</dt>
          <dd>{formatDateTime(c.concludedAt, locale)}</dd>
          <dt>{t('evaluation.evidence.promisedDeadline')}</dt>
          <dd>{formatDeadline(c.deadline, locale)}</dd>
          <dt>{t('evaluation.evidence.statutoryDeadline')}</dt>
          <dd>{formatDeadline(c.statutoryDeadline, locale)}</dd>
          <dt>{t('evaluation.evidence.workingDaysUsed')}</dt>
          <dd data-testid="evidence-days">{c.workingDaysUsed ?? '—'}</dd>
          <dt>{t('evaluation.evidence.onTime')}</dt>
          <dd data-testid="evidence-on-time">{yesNo(c.onTime)}</dd>
        </dl>
      ) : (
        <p className="muted">{t('evaluation.evidence.noCase')}</p>
      )}
      {evidence.thresholds === null && <p className="muted">{t('evaluation.evidence.noWorkflow')}</p>}
      {(evidence.thresholds?.suspended.length ?? 0) > 0 && (
        <p className="muted">
          {t('evaluation.evidence.suspended', { kinds: evidence.thresholds?.suspended.map((s) => t(`threshold.${s.kind}`, { defaultValue: s.kind })).join('、') })}
        </p>
      )}
      <h3>{t('evaluation.evidence.timeline')}</h3>
      <ol className="eval-clock" data-testid="clock-timeline">
        {entries.map((e) => (
          <li key={e.key} className={`eval-clock-entry eval-clock-entry--${e.kind}${e.level ? ` level--${e.level}` : ''}`} data-kind={e.kind}>
            <time dateTime={iso(e.at)}>{e.deadline ? formatDeadline(iso(e.at), locale) : formatDateTime(e.at, locale)}</time>
            <span className="eval-clock-label">{e.label}</span>
            {e.detail && <span className="muted">{e.detail}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
