import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { CaseSummary } from '../api/cases';
import { TrafficLight } from '../console/TrafficLight';
import { formatDate, formatDeadline } from '../ui/format';
import { useCaseList, useDebounced } from '../ui/useCaseList';

const LEVEL_RANK = { red: 0, yellow: 1, warning: 2, normal: 3 } as const;
const instant = (v: string | null | undefined) => (v === null || v === undefined ? Number.POSITIVE_INFINITY : Date.parse(v));
const POLL_MS = 10_000;
const TYPING_MS = 300;

/** Most urgent first: the alert level, then the nearest deadline. */
export function byUrgency(a: CaseSummary, b: CaseSummary): number {
  return LEVEL_RANK[a.alertLevel] - LEVEL_RANK[b.alertLevel] || instant(a.deadline) - instant(b.deadline);
}

/**
 * The clerk's tasks (the API's `mine`: open cases at a step of the clerk's department and
 * positions), searched by the API, most urgent first.
 */
export function WorkbenchPage() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), TYPING_MS);
  const tasks = useCaseList({ mine: true, q }, POLL_MS, 200);
  const list = [...tasks.items].sort(byUrgency);
  return (
    <main className="page" aria-labelledby="workbench-title">
      <header className="page-head">
        <h1 id="workbench-title">{t('workbench.title')}</h1>
        <Link href="/workbench/new" className="button-link primary" data-testid="new-application">
          {t('application.new')}
        </Link>
      </header>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('board.search')}
          <input type="search" value={search} data-testid="tasks-search" onChange={(e) => setSearch(e.target.value)} />
        </label>
      </form>
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
      {tasks.hasMore && (
        <button type="button" onClick={tasks.more} data-testid="tasks-more">
          {t('common.more')}
        </button>
      )}
      {!tasks.loading && list.length === 0 && !tasks.error && <p className="muted">{t('workbench.empty')}</p>}
    </main>
  );
}
