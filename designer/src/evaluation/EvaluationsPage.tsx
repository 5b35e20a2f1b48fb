import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { listEvaluations } from '../api/evaluations';
import { useSession } from '../auth/session';
import { formatDateTime } from '../ui/format';
import { useRemote } from '../ui/useRemote';
import { StartEvaluation } from './StartEvaluation';

/** Evaluations (绩效测评), the latest period first; supervisors and administrators start one for a period. */
export function EvaluationsPage() {
  const { t, i18n } = useTranslation();
  const roles = useSession((s) => s.user?.roles ?? []);
  const list = useRemote(listEvaluations, []);
  const canStart = roles.some((r) => r === 'supervisor' || r === 'administrator');
  return (
    <main className="page" aria-labelledby="evaluations-title">
      <header className="page-head">
        <h1 id="evaluations-title">{t('evaluation.list.title')}</h1>
        <nav className="button-row" aria-label={t('evaluation.list.related')}>
          <Link href="/appeals" className="button-link">{t('evaluation.nav.appeals')}</Link>
          <Link href="/scoring-standards" className="button-link">{t('evaluation.nav.standards')}</Link>
        </nav>
      </header>
      {canStart && <StartEvaluation onStarted={list.reload} />}
      {list.error && <p className="status status--error" role="alert">{list.error}</p>}
      <table className="table" data-testid="evaluations">
        <thead>
          <tr>
            <th scope="col">{t('evaluation.list.period')}</th>
            <th scope="col">{t('evaluation.list.standard')}</th>
            <th scope="col">{t('evaluation.list.status')}</th>
            <th scope="col">{t('evaluation.list.departments')}</th>
            <th scope="col">{t('evaluation.list.evaluatedAt')}</th>
            <th scope="col">{t('evaluation.list.publishedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((e) => (
            <tr key={e.id} data-evaluation={e.id}>
              <td>
                <Link href={`/evaluations/${encodeURIComponent(e.id)}`}>{e.period.key}</Link>{' '}
                <span className="muted">{t(`evaluation.period.${e.period.kind}`)}</span>
              </td>
              <td>{e.standard.name} <code>v{e.standard.version}</code></td>
              <td><span className={`eval-status eval-status--${e.status}`}>{t(`evaluation.status.${e.status}`)}</span></td>
              <td>{e.departments}</td>
              <td>{formatDateTime(e.evaluatedAt, i18n.language)}</td>
              <td>{formatDateTime(e.publishedAt, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data?.length === 0 && <p className="muted">{t('evaluation.list.empty')}</p>}
    </main>
  );
}
