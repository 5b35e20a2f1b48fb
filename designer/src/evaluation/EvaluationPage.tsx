import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { evaluationAppeals, getEvaluation, type Evaluation } from '../api/evaluations';
import { useSession } from '../auth/session';
import { formatDate, formatDateTime } from '../ui/format';
import { useRemote } from '../ui/useRemote';
import { AppealForm } from './AppealForm';
import { AppealList } from './AppealList';
import { DepartmentBreakdown } from './DepartmentBreakdown';
import { formatPoints } from './formula';
import { PublishAction } from './PublishAction';
import { RankingTable } from './RankingTable';

function Adjustments({ evaluation, names }: { evaluation: Evaluation; names: ReadonlyMap<string, string> }) {
  const { t, i18n } = useTranslation();
  if (evaluation.adjustments.length === 0) return null;
  return (
    <section className="eval-adjustments" aria-labelledby="adjustments-title">
      <h2 id="adjustments-title">{t('evaluation.adjustments.title')}</h2>
      <ul data-testid="adjustments">
        {evaluation.adjustments.map((a) => (
          <li key={a.appealId}>
            <span>{names.get(a.department) ?? a.department}</span>
            <span className="eval-before-after">{formatPoints(a.before)} → <strong>{formatPoints(a.after)}</strong></span>
            <span className="muted">{t('evaluation.adjustments.card', { caseNo: a.caseNo })}</span>
            <Link href={`/appeals/${encodeURIComponent(a.appealId)}`}>{t('evaluation.adjustments.appeal')}</Link>
            <time className="muted" dateTime={a.at}>{formatDateTime(a.at, i18n.language)}</time>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One evaluation: the ranking, a department's indicators and cases, its appeals, and publication. */
export function EvaluationPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const user = useSession((s) => s.user);
  const evaluation = useRemote(() => getEvaluation(id), [id]);
  const appeals = useRemote(() => evaluationAppeals(id), [id]);
  const [chosen, setChosen] = useState<string>();
  const roles = user?.roles ?? [];

  if (evaluation.data === undefined) {
    return <main className="page">{evaluation.error ? <p className="status status--error" role="alert">{evaluation.error}</p> : <p>{t('common.loading')}</p>}</main>;
  }
  const e = evaluation.data;
  const names = new Map(e.finalRanking.map((r) => [r.department, r.name ?? r.department]));
  const visible = new Set(e.departments.map((d) => d.department));
  const selected = chosen ?? e.finalRanking.find((r) => visible.has(r.department))?.department;
  const department = e.departments.find((d) => d.department === selected);
  const officer = roles.includes('department-officer') && user?.department !== null;
  const reload = () => {
    evaluation.reload();
    appeals.reload();
  };
  return (
    <main className="page evaluation" aria-labelledby="evaluation-title">
      <header className="page-head">
        <h1 id="evaluation-title">
          {t('evaluation.page.title', { period: e.period.key })}{' '}
          <span className={`eval-status eval-status--${e.status}`} data-testid="evaluation-status">{t(`evaluation.status.${e.status}`)}</span>
        </h1>
        <Link href="/evaluations" className="button-link">{t('evaluation.page.back')}</Link>
      </header>
      <dl className="eval-facts">
        <dt>{t('evaluation.page.period')}</dt>
        <dd>{formatDate(`${e.period.from}T00:00:00+08:00`, i18n.language)} – {formatDate(`${e.period.to}T00:00:00+08:00`, i18n.language)}</dd>
        <dt>{t('evaluation.list.standard')}</dt>
        <dd><Link href={`/scoring-standards?code=${encodeURIComponent(e.standard.code)}`}>{e.standard.name}</Link> <code>v{e.standard.version}</code></dd>
        <dt>{t('evaluation.list.evaluatedAt')}</dt>
        <dd>{formatDateTime(e.evaluatedAt, i18n.language)}</dd>
        <dt>{t('evaluation.list.publishedAt')}</dt>
        <dd>{formatDateTime(e.publishedAt, i18n.language)}</dd>
      </dl>
      {e.status === 'draft' && roles.includes('supervisor') && <PublishAction evaluationId={e.id} onPublished={reload} />}
      {evaluation.error && <p className="status status--error" role="alert">{evaluation.error}</p>}
      <div className="eval-top">
        <RankingTable ranking={e.finalRanking} selected={selected} selectable={visible} onSelect={setChosen} />
        <Adjustments evaluation={e} names={names} />
      </div>
      {department && <DepartmentBreakdown key={department.department} department={department} name={names.get(department.department) ?? department.department} />}
      {officer && department && (
        <AppealForm key={department.department} evaluationId={e.id} department={department} appeals={appeals.data ?? []} onFiled={reload} />
      )}
      {(appeals.data?.length ?? 0) > 0 && (
        <section aria-labelledby="evaluation-appeals-title" className="eval-appeals">
          <h2 id="evaluation-appeals-title">{t('evaluation.appeals.ofEvaluation')}</h2>
          <AppealList appeals={appeals.data ?? []} testId="evaluation-appeals" />
        </section>
      )}
    </main>
  );
}
