import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { getAppeal } from '../api/evaluations';
import { useSession } from '../auth/session';
import { formatDateTime } from '../ui/format';
import { useRemote } from '../ui/useRemote';
import { ClockEvidence } from './ClockEvidence';
import { DecisionForm } from './DecisionForm';
import { formatPoints } from './formula';

/** One appeal (申诉): what the department says, what the clock says, and the decision with its effect on the score. */
export function AppealPage({ appealId }: { appealId: string }) {
  const { t, i18n } = useTranslation();
  const roles = useSession((s) => s.user?.roles ?? []);
  const appeal = useRemote(() => getAppeal(appealId), [appealId]);
  if (appeal.data === undefined) {
    return <main className="page">{appeal.error ? <p className="status status--error" role="alert">{appeal.error}</p> : <p>{t('common.loading')}</p>}</main>;
  }
  const a = appeal.data;
  const locale = i18n.language;
  return (
    <main className="page appeal" aria-labelledby="appeal-title">
      <header className="page-head">
        <h1 id="appeal-title">
          {t('evaluation.appealPage.title', { caseNo: a.caseNo })}{' '}
          <span className={`eval-status eval-status--${a.status}`} data-testid="appeal-status">{t(`evaluation.appealStatus.${a.status}`)}</span>
        </h1>
        <Link href="/appeals" className="button-link">{t('evaluation.appealPage.back')}</Link>
      </header>
      <dl className="eval-facts">
        <dt>{t('evaluation.appeal.evaluation')}</dt>
        <dd><Link href={`/evaluations/${encodeURIComponent(a.evaluationId)}`}>{a.evaluationId}</Link></dd>
        <dt>{t('evaluation.appeal.department')}</dt>
        <dd>{a.department}</dd>
        <dt>{t('evaluation.appeal.case')}</dt>
        <dd><Link href={`/cases/${encodeURIComponent(a.caseNo)}`}>{a.caseNo}</Link> <code>{a.ref}</code></dd>
        <dt>{t('evaluation.appeal.filedAt')}</dt>
        <dd>{formatDateTime(a.filedAt, locale)} · {a.filedBy}</dd>
      </dl>
      <div className="appeal-grid">
        <div className="appeal-main">
          <section className="eval-panel" aria-labelledby="appeal-reason-title">
            <h2 id="appeal-reason-title">{t('evaluation.appeal.reason')}</h2>
            <p className="eval-reason" data-testid="appeal-reason-text">{a.reason}</p>
          </section>
          {a.evidence && <ClockEvidence evidence={a.evidence} />}
        </div>
        <div className="appeal-side">
          {a.decision && (
            <section className="eval-panel" aria-labelledby="decision-title" data-testid="appeal-decision">
              <h2 id="decision-title">{t('evaluation.decision.decided', { decision: t(`evaluation.appealStatus.${a.status}`) })}</h2>
              <p>{a.decision.comment}</p>
              <p className="muted">{formatDateTime(a.decision.at, locale)} · {a.decision.by}</p>
            </section>
          )}
          {a.adjustment && (
            <section className="eval-panel eval-score-change" aria-labelledby="score-change-title" data-testid="score-change">
              <h2 id="score-change-title">{t('evaluation.decision.scoreChange')}</h2>
              <p className="eval-before-after">
                <span data-testid="score-before">{formatPoints(a.adjustment.before)}</span> → <strong data-testid="score-after">{formatPoints(a.adjustment.after)}</strong>{' '}
                <span className="eval-gain">({formatPoints(a.adjustment.after - a.adjustment.before, true)})</span>
              </p>
            </section>
          )}
          {a.status === 'open' && roles.includes('supervisor') && <DecisionForm appealId={a.appealId} onDecided={appeal.reload} />}
        </div>
      </div>
    </main>
  );
}
