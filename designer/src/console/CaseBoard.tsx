import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { AlertLevel } from '../../../domain/ladder/types';
import type { CaseStatus } from '../api/cases';
import type { CaseFilters } from '../api/cases';
import { formatDeadline } from '../ui/format';
import { ProvisionalMark } from '../admin/CalendarNotice';
import { useCaseList, useDebounced } from '../ui/useCaseList';
import { TrafficLight } from './TrafficLight';

const LEVELS: AlertLevel[] = ['normal', 'warning', 'yellow', 'red'];
const STATUSES: CaseStatus[] = ['submitted', 'awaiting-supplement', 'processing', 'supplementing', 'special-procedure', 'suspended', 'concluded'];
const POLL_MS = 5000;
const TYPING_MS = 300;

/** Every visible case with its traffic light, filtered by level, status and department, searched by number or name. */
export function CaseBoard() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<CaseFilters>({});
  // The API searches; a search is sent when the typing pauses, not at every key.
  const q = useDebounced(filters.q?.trim() ?? '', TYPING_MS);
  const cases = useCaseList({ alertLevel: filters.alertLevel, status: filters.status, department: filters.department?.trim(), q }, POLL_MS);
  const list = cases.items;
  const counts = LEVELS.map((level) => ({ level, n: list.filter((c) => c.alertLevel === level).length }));
  return (
    <section className="board" aria-labelledby="board-title">
      <h2 id="board-title">{t('board.title')}</h2>
      <div className="level-counts" role="group" aria-label={t('board.byLevel')}>
        {counts.map(({ level, n }) => (
          <button
            key={level}
            type="button"
            className={`level-count level-count--${level}`}
            aria-pressed={filters.alertLevel === level}
            onClick={() => setFilters({ ...filters, alertLevel: filters.alertLevel === level ? '' : level })}
          >
            <TrafficLight level={level} /> <strong>{n}</strong>
          </button>
        ))}
      </div>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('board.search')}
          <input type="search" value={filters.q ?? ''} data-testid="board-search" onChange={(e) => setFilters({ ...filters, q: e.target.value })} />
        </label>
        <label>
          {t('board.level')}
          <select value={filters.alertLevel ?? ''} onChange={(e) => setFilters({ ...filters, alertLevel: e.target.value as AlertLevel | '' })}>
            <option value="">{t('common.all')}</option>
            {LEVELS.map((l) => <option key={l} value={l}>{t(`level.${l}`)}</option>)}
          </select>
        </label>
        <label>
          {t('board.status')}
          <select value={filters.status ?? ''} onChange={(e) => setFilters({ ...filters, status: e.target.value as CaseStatus | '' })}>
            <option value="">{t('common.all')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </label>
        <label>
          {t('board.department')}
          <input value={filters.department ?? ''} onChange={(e) => setFilters({ ...filters, department: e.target.value })} />
        </label>
      </form>
      {cases.error && <p className="status status--error" role="alert">{cases.error}</p>}
      <table className="table" data-testid="case-board">
        <thead>
          <tr>
            <th scope="col">{t('case.level')}</th>
            <th scope="col">{t('case.caseNo')}</th>
            <th scope="col">{t('case.item')}</th>
            <th scope="col">{t('case.department')}</th>
            <th scope="col">{t('case.status')}</th>
            <th scope="col">{t('case.position')}</th>
            <th scope="col">{t('case.deadline')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((c) => (
            <tr key={c.caseNo} className={`row--${c.alertLevel}`} data-case={c.caseNo}>
              <td><TrafficLight level={c.alertLevel} /></td>
              <td><Link href={`/cases/${encodeURIComponent(c.caseNo)}`}>{c.caseNo}</Link></td>
              <td>{c.itemName}</td>
              <td>{c.department}</td>
              <td>{t(`status.${c.status}`)}</td>
              <td>{c.position.map((p) => p.name).join('、') || '—'}</td>
              <td>{formatDeadline(c.deadline, i18n.language)}<ProvisionalMark provisional={c.provisional} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      {cases.hasMore && (
        <button type="button" onClick={cases.more} data-testid="board-more">
          {t('common.more')}
        </button>
      )}
      {!cases.loading && list.length === 0 && !cases.error && <p className="muted">{t('board.empty')}</p>}
    </section>
  );
}
