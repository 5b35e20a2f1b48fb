import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Principal } from '../api/auth';
import { listCases, type CaseSummary } from '../api/cases';
import { useSession } from '../auth/session';
import { TrafficLight } from '../console/TrafficLight';
import { formatDate, formatDeadline } from '../ui/format';
import { useRemote } from '../ui/useRemote';

const LEVEL_RANK = { red: 0, yellow: 1, warning: 2, normal: 3 } as const;
const instant = (v: string | null | undefined) => (v === null || v === undefined ? Number.POSITIVE_INFINITY : Date.parse(v));

/** Most urgent first: the alert level, then the nearest deadline. */
export function byUrgency(a: CaseSummary, b: CaseSummary): number {
  return LEVEL_RANK[a.alertLevel] - LEVEL_RANK[b.alertLevel] || instant(a.deadline) - instant(b.deadline);
}

/** Whether the user may act on the case now: an active step of one of their positions, or an application awaiting acceptance. */
export function isMine(c: CaseSummary, user: Pick<Principal, 'positions' | 'department'>): boolean {
  if (c.status === 'concluded') return false;
  if (c.position.length === 0) return user.department === null || user.department === c.department;
  return c.position.some((p) => (p.role === undefined || user.positions.includes(p.role)) && (user.department === null || p.department === undefined || p.department === user.department));
}

/** The clerk's tasks: open cases with a step the clerk may act on, most urgent first. */
export function WorkbenchPage() {
  const { t, i18n } = useTranslation();
  const user = useSession((s) => s.user);
  const tasks = useRemote(() => listCases(), [], 10_000);
  const list = user === null ? [] : (tasks.data ?? []).filter((c) => isMine(c, user)).sort(byUrgency);
  return (
    <main className="page" aria-labelledby="workbench-title">
      <header className="page-head">
        <h1 id="workbench-title">{t('workbench.title')}</h1>
        <Link href="/workbench/new" className="button-link primary" data-testid="new-application">
          {t('application.new')}
        </Link>
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
            <th scope="col">{t('workbench.since')}</th>
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
              <td>{formatDeadline(c.deadline, i18n.language)}</td>
              <td>{c.position.map((p) => formatDate(p.startedAt, i18n.language)).join('、') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!tasks.loading && list.length === 0 && !tasks.error && <p className="muted">{t('workbench.empty')}</p>}
    </main>
  );
}
