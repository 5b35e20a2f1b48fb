import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { getOrder, type LiveOrder, type OrderSummary } from '../api/orders';
import { useSession } from '../auth/session';
import { formatDateTime, formatDeadline } from '../ui/format';
import { useRemote } from '../ui/useRemote';
import { Ladder, LadderState } from './Ladder';
import { AnswerForm, ConcludeForm } from './OrderActions';
import { isOverdue } from './OrderListPage';
import { OversightTimeline } from './OversightTimeline';
import { countdownText, useNow } from './time';

const POLL_MS = 5000;
const nameOf = (p: { userId: string; name?: string }) => p.name ?? p.userId;

/** What the order asked, what the department answered and how it was concluded. */
function OrderRecord({ live }: { live: LiveOrder }) {
  const { t, i18n } = useTranslation();
  const { answer, conclusion } = live;
  return (
    <div className="record">
      <section aria-labelledby="requirement-title">
        <h2 id="requirement-title">{t('oversight.order.requirement')}</h2>
        <p className="prose" data-testid="order-requirement">{live.requirement}</p>
        <p className="muted">{t('oversight.common.by', { name: nameOf(live.openedBy), at: formatDateTime(live.openedAt, i18n.language) })}</p>
      </section>
      {answer && (
        <section aria-labelledby="answer-record-title" data-testid="order-answer">
          <h2 id="answer-record-title">
            {t('oversight.order.answer')} <span className={`tag tag--${answer.onTime ? 'ok' : 'overdue'}`}>{t(`oversight.common.${answer.onTime ? 'onTime' : 'late'}`)}</span>
          </h2>
          <p className="prose">{answer.answer}</p>
          {answer.measuresTaken && (
            <p className="prose">
              <strong>{t('oversight.order.measuresTaken')}:</strong> {answer.measuresTaken}
            </p>
          )}
          <p className="muted">{t('oversight.common.by', { name: nameOf(answer.by), at: formatDateTime(answer.at, i18n.language) })}</p>
        </section>
      )}
      {conclusion && (
        <section aria-labelledby="conclusion-record-title" data-testid="order-conclusion">
          <h2 id="conclusion-record-title">{t('oversight.order.conclusion')}</h2>
          <dl className="facts">
            <dt>{t('oversight.conclude.finding')}</dt>
            <dd data-testid="order-finding">{t(`oversight.finding.${conclusion.finding}`)}</dd>
            <dt>{t('oversight.conclude.responsibility')}</dt>
            <dd>{t(`oversight.responsibility.${conclusion.responsibility}`)}</dd>
            <dt>{t('oversight.conclude.measure')}</dt>
            <dd>{t(`oversight.measure.${conclusion.measure}`)}</dd>
            <dt>{t('oversight.order.responsiveness')}</dt>
            <dd>
              {t(`oversight.responsiveness.${conclusion.responsiveness}`)}
              {conclusion.lateWorkingDays > 0 && ` · ${t('oversight.order.lateDays', { count: conclusion.lateWorkingDays })}`}
            </dd>
          </dl>
          {conclusion.comment && <p className="prose">{conclusion.comment}</p>}
          <p className="muted">{t('oversight.common.by', { name: nameOf(conclusion.by), at: formatDateTime(conclusion.at, i18n.language) })}</p>
        </section>
      )}
    </div>
  );
}

/**
 * One supervision order (督办): its facts, record, ladder and timeline; the department's
 * officer answers it here and a supervisor concludes it, each only when their role may.
 */
export function OrderPage({ orderId }: { orderId: string }) {
  const { t, i18n } = useTranslation();
  const user = useSession((s) => s.user);
  const detail = useRemote(() => getOrder(orderId), [orderId], POLL_MS);
  const now = useNow();
  const live = detail.data?.live ?? null;
  // Just after opening, the read model may not have the order yet; the workflow's view has.
  const order: OrderSummary | null = detail.data?.order ?? (live && {
    orderId: live.orderId, caseNo: live.caseNo, department: live.department, title: live.title, status: live.status, level: live.level,
    openedAt: live.openedAt, responseDeadline: live.responseDeadline, provisional: live.provisional,
  });
  if (!order) {
    return (
      <main className="page">
        {detail.error ? <p className="status status--error" role="alert">{detail.error}</p> : <p>{detail.data ? t('oversight.common.notFound') : t('common.loading')}</p>}
      </main>
    );
  }
  const status = live?.status ?? order.status;
  const level = live?.level ?? order.level;
  const roles = user?.roles ?? [];
  const mayAnswer = roles.includes('department-officer') && user?.department === order.department && status === 'open';
  const overdue = isOverdue({ status, responseDeadline: order.responseDeadline }, now);
  const mayConclude = roles.includes('supervisor') && (status === 'answered' || overdue);
  return (
    <main className="page oversight-detail" aria-labelledby="order-title">
      <header className="page-head">
        <h1 id="order-title">
          {t('oversight.order.title', { orderId: order.orderId })} <span className="muted">{order.title}</span>
        </h1>
        <LadderState level={level} />
      </header>
      <dl className="case-facts">
        <dt>{t('oversight.orders.status')}</dt>
        <dd data-testid="order-status">{t(`oversight.status.${status}`)}</dd>
        <dt>{t('oversight.orders.caseNo')}</dt>
        <dd><Link href={`/cases/${encodeURIComponent(order.caseNo)}`}>{order.caseNo}</Link></dd>
        <dt>{t('oversight.orders.department')}</dt>
        <dd>{order.department}</dd>
        <dt>{t('oversight.orders.openedAt')}</dt>
        <dd>{formatDateTime(order.openedAt, i18n.language)}</dd>
        <dt>{t('oversight.orders.responseDeadline')}</dt>
        <dd data-testid="order-deadline">
          {formatDeadline(order.responseDeadline, i18n.language)}
          {order.provisional && <span className="muted"> ({t('oversight.common.provisional')})</span>}
          {status === 'open' && <span className={overdue ? 'tag tag--overdue' : 'muted'}> {countdownText(order.responseDeadline, now, t)}</span>}
        </dd>
      </dl>
      {detail.error && <p className="status status--error" role="alert">{detail.error}</p>}
      <div className="case-grid">
        <div className="oversight-main">
          {live ? <OrderRecord live={live} /> : <p className="muted">{t('oversight.common.liveUnavailable')}</p>}
          {!live && order.finding && (
            <p>
              {t('oversight.conclude.finding')}: <strong data-testid="order-finding">{t(`oversight.finding.${order.finding}`)}</strong>
            </p>
          )}
          <OversightTimeline entries={detail.data?.timeline ?? []} />
        </div>
        <div className="case-side">
          {live && <Ladder level={live.level} alerts={live.alerts} next={live.next} />}
          {mayAnswer && <AnswerForm orderId={order.orderId} onDone={detail.reload} />}
          {mayConclude && <ConcludeForm orderId={order.orderId} onDone={detail.reload} />}
          {roles.includes('supervisor') && status === 'open' && !overdue && <p className="muted" data-testid="conclude-waiting">{t('oversight.conclude.waiting')}</p>}
        </div>
      </div>
    </main>
  );
}
