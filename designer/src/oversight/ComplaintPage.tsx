import { useTranslation } from 'react-i18next';
import { getComplaint, type ComplaintSummary, type LiveComplaint } from '../api/complaints';
import { listDepartments } from '../api/departments';
import { useSession } from '../auth/session';
import { formatDateTime, formatDeadline } from '../ui/format';
import { useRemote } from '../ui/useRemote';
import { ConcludeComplaintForm, RespondForm, TransferForm } from './ComplaintActions';
import { Ladder, LadderState } from './Ladder';
import { OversightTimeline } from './OversightTimeline';
import { countdownText, useNow } from './time';

const POLL_MS = 5000;

/** When the first response is due and how long is left, or when it came. */
function FirstResponse({ live, now }: { live: LiveComplaint; now: number }) {
  const { t, i18n } = useTranslation();
  if (live.firstResponseAt !== null) {
    return (
      <>
        {t('oversight.complaint.respondedAt', { at: formatDateTime(live.firstResponseAt, i18n.language) })}{' '}
        <span className={`tag tag--${live.firstResponseOnTime ? 'ok' : 'overdue'}`}>{t(`oversight.common.${live.firstResponseOnTime ? 'onTime' : 'late'}`)}</span>
      </>
    );
  }
  const overdue = Date.parse(live.firstResponseDeadline) <= now;
  return (
    <>
      <time dateTime={live.firstResponseDeadline}>{t('oversight.complaint.dueBy', { at: formatDateTime(live.firstResponseDeadline, i18n.language) })}</time>{' '}
      {live.conclusion === null && <span className={overdue ? 'tag tag--overdue' : 'muted'} data-testid="first-response-left">{countdownText(live.firstResponseDeadline, now, t)}</span>}
    </>
  );
}

/** What was complained of, where it went, what was said and how it ended. */
function ComplaintRecord({ live }: { live: LiveComplaint }) {
  const { t, i18n } = useTranslation();
  const about = [
    live.about.department && `${t('oversight.complaint.aboutDepartment')} ${live.about.department}`,
    live.about.caseNo && `${t('oversight.complaint.aboutCase')} ${live.about.caseNo}`,
    live.about.itemCode && `${t('oversight.complaint.aboutItem')} ${live.about.itemCode}`,
  ].filter(Boolean);
  return (
    <div className="record">
      <section aria-labelledby="content-title">
        <h2 id="content-title">{t('oversight.complaint.content')}</h2>
        <p className="prose" data-testid="complaint-content">{live.content}</p>
        {about.length > 0 && <p className="muted">{t('oversight.complaint.about')}: {about.join(' · ')}</p>}
      </section>
      <section aria-labelledby="transfers-title">
        <h2 id="transfers-title">{t('oversight.complaint.transfers')}</h2>
        {live.transfers.length === 0 ? <p className="muted">{t('oversight.complaint.nothing')}</p> : (
          <ul className="entries" data-testid="complaint-transfers">
            {live.transfers.map((x) => (
              <li key={x.at}>
                <strong>{x.department}</strong> <time className="muted" dateTime={x.at}>{formatDateTime(x.at, i18n.language)}</time>
                {x.note && <div className="prose">{x.note}</div>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="responses-title">
        <h2 id="responses-title">{t('oversight.complaint.responses')}</h2>
        {live.responses.length === 0 ? <p className="muted">{t('oversight.complaint.nothing')}</p> : (
          <ul className="entries" data-testid="complaint-responses">
            {live.responses.map((r) => (
              <li key={r.at}>
                <div className="prose">{r.message}</div>
                <time className="muted" dateTime={r.at}>{formatDateTime(r.at, i18n.language)}</time>
              </li>
            ))}
          </ul>
        )}
      </section>
      {live.conclusion && (
        <section aria-labelledby="complaint-conclusion-title" data-testid="complaint-conclusion">
          <h2 id="complaint-conclusion-title">{t('oversight.complaint.conclusion')}</h2>
          <dl className="facts">
            <dt>{t('oversight.concludeComplaint.finding')}</dt>
            <dd data-testid="complaint-finding">{t(`oversight.finding.${live.conclusion.finding}`)}</dd>
            <dt>{t('oversight.complaint.handledOnTime')}</dt>
            <dd>{t(`oversight.common.${live.conclusion.onTime ? 'onTime' : 'late'}`)}</dd>
          </dl>
          <p className="prose">{live.conclusion.result}</p>
          <p className="muted">{t('oversight.common.by', { name: live.conclusion.by.name ?? live.conclusion.by.userId, at: formatDateTime(live.conclusion.at, i18n.language) })}</p>
        </section>
      )}
      <section aria-labelledby="rating-title" data-testid="complaint-rating">
        <h2 id="rating-title">{t('oversight.complaint.rating')}</h2>
        {live.rating ? (
          <p>
            <strong>{t('oversight.complaint.score', { score: live.rating.score })}</strong> {live.rating.comment}
          </p>
        ) : (
          <p className="muted">
            {live.conclusion ? t('oversight.complaint.notRated') : t('oversight.complaint.ratingAfter')}
            {live.ratingClosesAt && ` ${t('oversight.complaint.ratingCloses', { at: formatDateTime(live.ratingClosesAt, i18n.language) })}`}
          </p>
        )}
      </section>
    </div>
  );
}

/**
 * One complaint (投诉): content, transfers, responses, conclusion, rating, ladder and timeline.
 * A supervisor transfers it; the department's officer (or a supervisor) responds and concludes.
 */
export function ComplaintPage({ complaintNo }: { complaintNo: string }) {
  const { t, i18n } = useTranslation();
  const user = useSession((s) => s.user);
  const detail = useRemote(() => getComplaint(complaintNo), [complaintNo], POLL_MS);
  const roles = user?.roles ?? [];
  const supervisor = roles.includes('supervisor');
  const departments = useRemote(() => (supervisor ? listDepartments() : Promise.resolve([])), [supervisor]);
  const now = useNow();
  const live = detail.data?.live ?? null;
  const summary: ComplaintSummary | null = detail.data?.complaint ?? (live && {
    complaintNo: live.complaintNo, channel: live.channel, complainantName: live.complainant.name, department: live.department, status: live.status,
    level: live.level, filedAt: live.filedAt, handlingDeadline: live.handlingDeadline,
  });
  if (!summary) {
    return (
      <main className="page">
        {detail.error ? <p className="status status--error" role="alert">{detail.error}</p> : <p>{detail.data ? t('oversight.common.notFound') : t('common.loading')}</p>}
      </main>
    );
  }
  const status = live?.status ?? summary.status;
  const department = live?.department ?? summary.department;
  const open = status !== 'concluded';
  const handler = supervisor || (roles.includes('department-officer') && department !== null && user?.department === department);
  const handlingOverdue = open && Date.parse(summary.handlingDeadline) <= now;
  return (
    <main className="page oversight-detail" aria-labelledby="complaint-title">
      <header className="page-head">
        <h1 id="complaint-title">
          {t('oversight.complaint.title', { complaintNo: summary.complaintNo })} <span className="muted">{t(`oversight.channel.${summary.channel}`)}</span>
        </h1>
        <LadderState level={live?.level ?? summary.level} />
      </header>
      <dl className="case-facts">
        <dt>{t('oversight.complaints.status')}</dt>
        <dd data-testid="complaint-status">{t(`oversight.status.${status}`)}</dd>
        <dt>{t('oversight.complaints.complainant')}</dt>
        <dd>
          {live?.complainant.name ?? summary.complainantName}
          {live?.complainant.phone && <span className="muted"> · {live.complainant.phone}</span>}
          {live?.complainant.email && <span className="muted"> · {live.complainant.email}</span>}
        </dd>
        <dt>{t('oversight.complaints.department')}</dt>
        <dd data-testid="complaint-department">{department ?? <span className="muted">{t('oversight.complaints.unassigned')}</span>}</dd>
        <dt>{t('oversight.complaints.filedAt')}</dt>
        <dd>
          {formatDateTime(summary.filedAt, i18n.language)}
          {live?.registeredBy && <span className="muted"> · {t('oversight.complaint.registeredBy')} {live.registeredBy.name ?? live.registeredBy.userId}</span>}
        </dd>
        <dt>{t('oversight.complaints.firstResponse')}</dt>
        <dd data-testid="first-response">{live ? <FirstResponse live={live} now={now} /> : formatDateTime(summary.firstResponseAt, i18n.language)}</dd>
        <dt>{t('oversight.complaints.handlingDeadline')}</dt>
        <dd>
          {formatDeadline(summary.handlingDeadline, i18n.language)}
          {(live?.provisional ?? false) && <span className="muted"> ({t('oversight.common.provisional')})</span>}
          {open && <span className={handlingOverdue ? 'tag tag--overdue' : 'muted'}> {countdownText(summary.handlingDeadline, now, t)}</span>}
        </dd>
      </dl>
      {detail.error && <p className="status status--error" role="alert">{detail.error}</p>}
      <div className="case-grid">
        <div className="oversight-main">
          {live ? <ComplaintRecord live={live} /> : <p className="muted">{t('oversight.common.liveUnavailable')}</p>}
          <OversightTimeline entries={detail.data?.timeline ?? []} departments={departments.data} />
        </div>
        <div className="case-side">
          {live && <Ladder level={live.level} alerts={live.alerts} next={live.next} />}
          {open && supervisor && <TransferForm complaintNo={summary.complaintNo} onDone={detail.reload} departments={departments.data ?? []} current={department} />}
          {open && handler && <RespondForm complaintNo={summary.complaintNo} onDone={detail.reload} />}
          {open && handler && <ConcludeComplaintForm complaintNo={summary.complaintNo} onDone={detail.reload} />}
        </div>
      </div>
    </main>
  );
}
