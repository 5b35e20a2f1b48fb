import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { countWorklists, WORKLISTS, type Worklist } from '../api/cases';
import { TrafficLight } from '../console/TrafficLight';
import { formatDate, formatDeadline } from '../ui/format';
import { useCaseList, useDebounced } from '../ui/useCaseList';
import { usePageTitle } from '../ui/usePageTitle';
import { useRemote } from '../ui/useRemote';

const POLL_MS = 10_000;
const TYPING_MS = 300;

/**
 * The clerk's worklists (待办, 已办, 本部门, 办结), each with its count, searched by the API by
 * any part of a case number, applicant or item name; open lists most urgent first (the API's
 * urgency order), 办结 newest first.
 */
export function WorkbenchPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('workbench.title'));
  const [list, setList] = useState<Worklist>('todo');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), TYPING_MS);
  const counts = useRemote(() => countWorklists({ q }), [q], POLL_MS);
  const cases = useCaseList({ list, q, sort: list === 'concluded' ? 'newest' : 'urgency' }, POLL_MS, 50);
  return (
    <main className="page" aria-labelledby="workbench-title">
      <header className="page-head">
        <h1 id="workbench-title">{t('workbench.title')}</h1>
        <Link href="/workbench/new" className="button-link primary" data-testid="new-application">
          {t('application.new')}
        </Link>
      </header>
      <div className="segmented" role="tablist" aria-label={t('lists.worklistsLabel')}>
        {WORKLISTS.map((w) => (
          <button key={w} type="button" role="tab" aria-selected={list === w} data-testid={`worklist-${w}`} onClick={() => setList(w)}>
            {t(`lists.worklist.${w}`)} <span className="count" data-testid={`worklist-${w}-count`}>{counts.data?.[w] ?? '…'}</span>
          </button>
        ))}
      </div>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('board.search')}
          <input type="search" value={search} placeholder={t('lists.searchHint')} data-testid="tasks-search" onChange={(e) => setSearch(e.target.value)} />
        </label>
      </form>
      {(cases.error ?? counts.error) && <p className="status status--error" role="alert">{cases.error ?? counts.error}</p>}
      <table className="table" data-testid="my-tasks" data-list={list}>
        <thead>
          <tr>
            <th scope="col">{t('case.level')}</th>
            <th scope="col">{t('case.caseNo')}</th>
            <th scope="col">{t('lists.applicant')}</th>
            <th scope="col">{t('case.item')}</th>
            <th scope="col">{t('case.status')}</th>
            <th scope="col">{t('case.position')}</th>
            <th scope="col">{t('case.deadline')}</th>
            <th scope="col">{t('workbench.since')}</th>
          </tr>
        </thead>
        <tbody>
          {cases.items.map((c) => (
            <tr key={c.caseNo} data-case={c.caseNo}>
              <td><TrafficLight level={c.alertLevel} /></td>
              <td><Link href={`/cases/${encodeURIComponent(c.caseNo)}`}>{c.caseNo}</Link></td>
              <td>{c.applicantName}</td>
              <td>{c.itemName}</td>
              <td>{t(`status.${c.status}`)}</td>
              <td>{c.position.map((p) => p.name).join('、') || '—'}</td>
              <td>{formatDeadline(c.deadline, i18n.language)}</td>
              <td>{c.position.map((p) => formatDate(p.startedAt, i18n.language)).join('、') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {cases.hasMore && (
        <button type="button" onClick={cases.more} data-testid="tasks-more">
          {t('common.more')}
        </button>
      )}
      {!cases.loading && cases.items.length === 0 && !cases.error && <p className="muted">{t(`lists.empty.${list}`)}</p>}
    </main>
  );
}
