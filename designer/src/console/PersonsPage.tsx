import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { evaluationByPerson, listEvaluations } from '../api/evaluations';
import { holderStatistics } from '../api/statistics';
import { useSession } from '../auth/session';
import { DateRange } from '../ui/DateRange';
import { localToday } from '../ui/format';
import { positionName } from '../ui/position';
import { usePageTitle } from '../ui/usePageTitle';
import { useOverseenDepartments } from '../ui/useOverseenDepartments';
import { useRemote } from '../ui/useRemote';

const COUNTERS = ['stepsOverdue', 'yellowCards', 'redCards'] as const;
const FACTS = ['stepsOverdue', 'warnings', 'yellowCards', 'redCards', 'concludedLate', 'overdueOpen'] as const;

function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/**
 * 超时责任倒查: overdue steps and the cards they caused by the clerk who had claimed the step
 * (else its position), and an evaluation's detail of one department by person. A department
 * officer reads their own department, a supervisor those they oversee; names, never ids.
 */
export function PersonsPage() {
  const { t } = useTranslation();
  usePageTitle(t('persons.title'));
  const own = useSession((s) => s.user?.department ?? null);
  const today = localToday();
  const [from, setFrom] = useState(monthStart(today));
  const [to, setTo] = useState(today);
  const [department, setDepartment] = useState(own ?? '');
  const [evaluationId, setEvaluationId] = useState('');
  const { offered } = useOverseenDepartments();
  const evaluations = useRemote(listEvaluations, []);
  const rows = useRemote(() => holderStatistics(from, to, department || undefined), [from, to, department]);
  const chosen = evaluationId || evaluations.data?.[0]?.id || '';
  const detail = useRemote(
    () => (chosen && department ? evaluationByPerson(chosen, department) : Promise.resolve(null)),
    [chosen, department],
  );
  const holderOf = (r: { userId: string | null; name: string | null; position: string | null }) =>
    r.userId ? (r.name ?? t('claim.unknownClerk')) : r.position ? t('persons.position', { position: positionName(t, r.position) }) : t('persons.department');
  return (
    <main className="page" aria-labelledby="persons-title">
      <header className="page-head">
        <h1 id="persons-title">{t('persons.title')}</h1>
        <Link href="/statistics" className="button-link">{t('persons.back')}</Link>
      </header>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('persons.departmentFilter')}
          <select value={department} data-testid="persons-department" onChange={(e) => setDepartment(e.target.value)}>
            <option value="">{t('persons.allDepartments')}</option>
            {offered.map((d) => <option key={d.code} value={d.code}>{d.name}</option>)}
          </select>
        </label>
        <DateRange from={from} to={to} onFrom={setFrom} onTo={setTo} />
      </form>

      <section aria-labelledby="persons-stats-title">
        <h2 id="persons-stats-title">{t('persons.statistics')}</h2>
        {rows.error && <p className="status status--error" role="alert">{rows.error}</p>}
        {rows.data?.length === 0 && <p className="muted">{t('stats.empty')}</p>}
        {rows.data && rows.data.length > 0 && (
          <table className="data-table" data-testid="persons-table">
            <thead>
              <tr>
                <th scope="col">{t('persons.departmentColumn')}</th>
                <th scope="col">{t('persons.holder')}</th>
                {COUNTERS.map((c) => <th scope="col" key={c}>{t(`evaluation.fact.${c}`)}</th>)}
                <th scope="col">{t('persons.cases')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.data.map((r) => (
                <tr key={`${r.department}|${r.position}|${r.userId ?? ''}`} data-holder={r.userId ?? `position:${r.position}`}>
                  <td>{r.departmentName ?? r.department}</td>
                  <td title={r.userId ? undefined : t('persons.positionClerks', { names: r.holders.join('、') || '—' })}>{holderOf(r)}</td>
                  {COUNTERS.map((c) => <td key={c}>{r.counts[c] ?? 0}</td>)}
                  <td>{r.cases.map((no) => <Link key={no} href={`/cases/${encodeURIComponent(no)}`}>{no} </Link>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="persons-eval-title">
        <h2 id="persons-eval-title">{t('persons.evaluation')}</h2>
        <label>
          {t('persons.evaluationFilter')}
          <select value={chosen} data-testid="persons-evaluation" onChange={(e) => setEvaluationId(e.target.value)}>
            {(evaluations.data ?? []).map((e) => <option key={e.id} value={e.id}>{e.id}</option>)}
          </select>
        </label>
        {!department && <p className="muted">{t('persons.chooseDepartment')}</p>}
        {detail.error && <p className="status status--error" role="alert">{detail.error}</p>}
        {detail.data && (
          <table className="data-table" data-testid="persons-evaluation-table">
            <caption>{t('persons.score', { name: detail.data.departmentName ?? detail.data.department, score: detail.data.score })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('persons.holder')}</th>
                <th scope="col">{t('persons.points')}</th>
                {FACTS.map((c) => <th scope="col" key={c}>{t(`evaluation.fact.${c}`)}</th>)}
                <th scope="col">{t('persons.cases')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.data.persons.map((p) => (
                <tr key={`${p.userId ?? ''}|${p.position ?? ''}`}>
                  <td>{holderOf(p)}</td>
                  <td>{p.points}</td>
                  {FACTS.map((c) => <td key={c}>{p.counts[c] ?? 0}</td>)}
                  <td>{p.cases.join('、')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
