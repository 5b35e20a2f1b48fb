import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { AlertLevel } from '../../../domain/ladder/types';
import { countLevels, type CaseFilters, type CaseSort, type CaseStatus } from '../api/cases';
import { listItems } from '../api/items';
import { formatDeadline } from '../ui/format';
import { ProvisionalMark } from '../admin/CalendarNotice';
import { useCaseList, useDebounced } from '../ui/useCaseList';
import { useOverseenDepartments } from '../ui/useOverseenDepartments';
import { useRemote } from '../ui/useRemote';
import { TrafficLight } from './TrafficLight';

const LEVELS: AlertLevel[] = ['red', 'yellow', 'warning', 'normal'];
const STATUSES: CaseStatus[] = ['submitted', 'awaiting-supplement', 'processing', 'supplementing', 'special-procedure', 'suspended', 'concluded'];
const SORTS: CaseSort[] = ['urgency', 'newest'];
const POLL_MS = 5000;
const TYPING_MS = 300;

/**
 * Every visible case with its traffic light, most urgent first (red, yellow, warning, then the
 * nearest deadline), filtered by level, status, department, item and step — names shown, codes
 * sent — and searched by any part of a number, applicant or item name. The level counts are
 * the API's, of open cases only.
 */
export function CaseBoard() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<CaseFilters>({ sort: 'urgency' });
  const set = (change: Partial<CaseFilters>) => setFilters({ ...filters, ...change });
  // The API searches; a search is sent when the typing pauses, not at every key.
  const q = useDebounced(filters.q?.trim() ?? '', TYPING_MS);
  const asked: CaseFilters = { ...filters, q };
  const cases = useCaseList(asked, POLL_MS);
  const levels = useRemote(() => countLevels(asked), [JSON.stringify({ ...asked, alertLevel: undefined })], POLL_MS);
  const items = useRemote(() => listItems(filters.department || undefined), [filters.department]);
  const { offered, nameOf: departmentName } = useOverseenDepartments();
  const steps = (items.data ?? []).find((i) => i.code === filters.itemCode)?.steps ?? [];
  const stepName = new Map(steps.map((s) => [s.nodeId, s.name]));
  return (
    <section className="board" aria-labelledby="board-title">
      <h2 id="board-title">{t('board.title')}</h2>
      <div className="level-counts" role="group" aria-label={t('board.byLevel')}>
        {LEVELS.map((level) => (
          <button
            key={level}
            type="button"
            className={`level-count level-count--${level}`}
            aria-pressed={filters.alertLevel === level}
            data-testid={`level-${level}`}
            onClick={() => set({ alertLevel: filters.alertLevel === level ? '' : level })}
          >
            <TrafficLight level={level} /> <strong>{levels.data?.[level] ?? '…'}</strong>
          </button>
        ))}
      </div>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('board.search')}
          <input type="search" value={filters.q ?? ''} placeholder={t('lists.searchHint')} data-testid="board-search" onChange={(e) => set({ q: e.target.value })} />
        </label>
        <label>
          {t('lists.sort.label')}
          <select value={filters.sort} data-testid="board-sort" onChange={(e) => set({ sort: e.target.value as CaseSort })}>
            {SORTS.map((s) => <option key={s} value={s}>{t(`lists.sort.${s}`)}</option>)}
          </select>
        </label>
        <label>
          {t('board.level')}
          <select value={filters.alertLevel ?? ''} onChange={(e) => set({ alertLevel: e.target.value as AlertLevel | '' })}>
            <option value="">{t('common.all')}</option>
            {LEVELS.map((l) => <option key={l} value={l}>{t(`level.${l}`)}</option>)}
          </select>
        </label>
        <label>
          {t('board.status')}
          <select value={filters.status ?? ''} onChange={(e) => set({ status: e.target.value as CaseStatus | '' })}>
            <option value="">{t('common.all')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </label>
        <label>
          {t('board.department')}
          <select value={filters.department ?? ''} data-testid="board-department" onChange={(e) => set({ department: e.target.value, itemCode: '', step: '' })}>
            <option value="">{t('common.all')}</option>
            {offered.map((d) => <option key={d.code} value={d.code}>{d.name}</option>)}
          </select>
        </label>
        <label>
          {t('lists.item')}
          <select value={filters.itemCode ?? ''} data-testid="board-item" onChange={(e) => set({ itemCode: e.target.value, step: '' })}>
            <option value="">{t('common.all')}</option>
            {(items.data ?? []).map((i) => <option key={i.code} value={i.code}>{i.name}</option>)}
          </select>
        </label>
        <label>
          {t('lists.step')}
          <select value={filters.step ?? ''} data-testid="board-step" disabled={steps.length === 0} title={steps.length === 0 ? t('lists.stepHint') : undefined} onChange={(e) => set({ step: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {steps.map((s) => <option key={s.nodeId} value={s.nodeId}>{s.name}</option>)}
          </select>
        </label>
      </form>
      {cases.error && <p className="status status--error" role="alert">{cases.error}</p>}
      <table className="table" data-testid="case-board">
        <thead>
          <tr>
            <th scope="col">{t('case.level')}</th>
            <th scope="col">{t('case.caseNo')}</th>
            <th scope="col">{t('lists.applicant')}</th>
            <th scope="col">{t('case.item')}</th>
            <th scope="col">{t('case.department')}</th>
            <th scope="col">{t('case.status')}</th>
            <th scope="col">{t('case.position')}</th>
            <th scope="col">{t('case.deadline')}</th>
          </tr>
        </thead>
        <tbody>
          {cases.items.map((c) => (
            <tr key={c.caseNo} className={`row--${c.alertLevel}`} data-case={c.caseNo}>
              <td><TrafficLight level={c.alertLevel} /></td>
              <td><Link href={`/cases/${encodeURIComponent(c.caseNo)}`}>{c.caseNo}</Link></td>
              <td>{c.applicantName}</td>
              <td>{c.itemName}</td>
              <td>{departmentName.get(c.department) ?? c.department}</td>
              <td>{t(`status.${c.status}`)}</td>
              <td>{c.position.map((p) => stepName.get(p.nodeId) ?? p.name).join('、') || '—'}</td>
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
      {!cases.loading && cases.items.length === 0 && !cases.error && <p className="muted">{t('board.empty')}</p>}
    </section>
  );
}
