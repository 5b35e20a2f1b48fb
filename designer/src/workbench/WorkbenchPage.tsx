import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { listCases, type CaseSummary } from '../api/cases';
import { TrafficLight } from '../console/TrafficLight';
import { formatDate } from '../ui/format';
import { useRemote } from '../ui/useRemote';

const LEVEL_RANK = { red: 0, yellow: 1, warning: 2, normal: 3 } as const;
const instant = (v: number | string | null) => (v === null ? Number.POSITIVE_INFINITY : typeof v === 'number' ? v : Date.parse(v));

/** Most urgent first: the alert level, then the nearest deadline. */
export function byUrgency(a: CaseSummary, b: CaseSummary): number {
  return LEVEL_RANK[a.alertLevel] - LEVEL_RANK[b.alertLevel] || instant(a.deadline) - instant(b.deadline);
}

/** The clerk's tasks: open cases with a step the clerk may act on, most urgent first. */
export function WorkbenchPage() {
  const { t, i18n } = useTranslation();
  const tasks = useRemote(() => listCases({ mine: true }), [], 10_000);
  const list = [...(tasks.data ?? [])].filter((c) => c.status !== 'concluded').sort(byUrgency);
  return (
    <main className="page" aria-labelledby="workbench-title">
      <header className="page-head">
        <h1 id="workbench-title">{t('workbench.title')}</h1>
      </header>
      {tasks.error && <p className="status status--error" role="alert">{tasks.error}</p>}
      <table className="table" data-testid="my-tasks">
        <thead>
          <tr>
            <th scope="col">{t('case.level')}</th>
            <th scope="col">{t('case.caseNo')}</th>
            <th scope="col">{t('case.item')}</th>
            <th scope="col">{t('case.status')}</th>
            <th scope="col">{t('case.position')}</th>
            <th scope="col">{t('case.deadline')}</th>
            <th scope="col">{t('clock.remaining')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((c) => (
            <tr key={c.caseNo} data-case={c.caseNo}>
              <td><TrafficLight level={c.alertLevel} /></td>
              <td><Link href={`/cases/${encodeURIComponent(c.caseNo)}`}>{c.caseNo}</Link></td>
              <td>{c.itemName}</td>
              <td>{t(`status.${c.status}`)}</td>
              <td>{c.position.map((p) => p.name).join('、') || '—'}</td>
              <td>{formatDate(c.deadline, i18n.language)}</td>
              <td>{c.workingDaysRemaining ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!tasks.loading && list.length === 0 && !tasks.error && <p className="muted">{t('workbench.empty')}</p>}
    </main>
  );
}
