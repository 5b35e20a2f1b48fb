import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { CHANNELS, COMPLAINT_STATUSES, listComplaints, type ComplaintFilters } from '../api/complaints';
import { LADDER_LEVELS } from '../api/orders';
import { useSession } from '../auth/session';
import { formatDateTime, formatDeadline } from '../ui/format';
import { LadderState } from './Ladder';
import { usePages } from './usePages';

/** Every complaint the user may see, newest first: filters, and further pages on demand. */
export function ComplaintListPage() {
  const { t, i18n } = useTranslation();
  const roles = useSession((s) => s.user?.roles ?? []);
  const ownDepartmentOnly = !roles.some((r) => r === 'supervisor' || r === 'auditor' || r === 'administrator');
  const [filters, setFilters] = useState<ComplaintFilters>({});
  const [department, setDepartment] = useState('');
  const complaints = usePages((cursor) => listComplaints(filters, cursor), [filters.status, filters.channel, filters.level, filters.overdue, filters.department]);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ ...filters, department: department.trim() });
  };
  return (
    <main className="page" aria-labelledby="complaints-title">
      <header className="page-head">
        <h1 id="complaints-title">{t('oversight.complaints.title')}</h1>
        <div className="button-row">
          {roles.some((r) => r === 'supervisor' || r === 'clerk') && (
            <Link href="/complaints/new" className="button-link primary" data-testid="new-complaint">{t('oversight.complaints.new')}</Link>
          )}
          <button type="button" onClick={complaints.reload}>{t('oversight.common.refresh')}</button>
        </div>
      </header>
      <form className="filters" role="search" onSubmit={apply}>
        <label>
          {t('oversight.complaints.status')}
          <select value={filters.status ?? ''} onChange={(e) => setFilters({ ...filters, status: e.target.value as ComplaintFilters['status'] })}>
            <option value="">{t('common.all')}</option>
            {COMPLAINT_STATUSES.map((s) => <option key={s} value={s}>{t(`oversight.status.${s}`)}</option>)}
          </select>
        </label>
        <label>
          {t('oversight.complaints.channel')}
          <select value={filters.channel ?? ''} onChange={(e) => setFilters({ ...filters, channel: e.target.value as ComplaintFilters['channel'] })}>
            <option value="">{t('common.all')}</option>
            {CHANNELS.map((c) => <option key={c} value={c}>{t(`oversight.channel.${c}`)}</option>)}
          </select>
        </label>
        <label>
          {t('oversight.complaints.level')}
          <select value={filters.level ?? ''} onChange={(e) => setFilters({ ...filters, level: e.target.value as ComplaintFilters['level'] })}>
            <option value="">{t('common.all')}</option>
            {LADDER_LEVELS.map((l) => <option key={l} value={l}>{t(`oversight.ladderLevel.${l}`)}</option>)}
          </select>
        </label>
        {!ownDepartmentOnly && (
          <label>
            {t('oversight.complaints.department')}
            <input value={department} onChange={(e) => setDepartment(e.target.value)} />
          </label>
        )}
        <label className="check">
          <input type="checkbox" checked={filters.overdue ?? false} onChange={(e) => setFilters({ ...filters, overdue: e.target.checked })} />
          {t('oversight.common.overdueOnly')}
        </label>
        <button type="submit">{t('oversight.common.filter')}</button>
      </form>
      {complaints.error && <p className="status status--error" role="alert">{complaints.error}</p>}
      <table className="table" data-testid="complaint-list">
        <thead>
          <tr>
            <th scope="col">{t('oversight.complaints.complaintNo')}</th>
            <th scope="col">{t('oversight.complaints.channel')}</th>
            <th scope="col">{t('oversight.complaints.complainant')}</th>
            <th scope="col">{t('oversight.complaints.department')}</th>
            <th scope="col">{t('oversight.complaints.status')}</th>
            <th scope="col">{t('oversight.complaints.firstResponse')}</th>
            <th scope="col">{t('oversight.complaints.handlingDeadline')}</th>
            <th scope="col">{t('oversight.complaints.level')}</th>
            <th scope="col">{t('oversight.complaints.filedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {(complaints.items ?? []).map((c) => (
            <tr key={c.complaintNo} className={`row--${c.level}`} data-complaint={c.complaintNo}>
              <td><Link href={`/complaints/${c.complaintNo}`}>{c.complaintNo}</Link></td>
              <td>{t(`oversight.channel.${c.channel}`)}</td>
              <td>{c.complainantName}</td>
              <td>{c.department ?? <span className="muted">{t('oversight.complaints.unassigned')}</span>}</td>
              <td data-testid="complaint-status">{t(`oversight.status.${c.status}`)}</td>
              <td>
                {c.firstResponseAt ? formatDateTime(c.firstResponseAt, i18n.language) : '—'}
                {c.firstResponseOnTime === false && <span className="tag tag--overdue"> {t('oversight.common.late')}</span>}
              </td>
              <td>
                {formatDeadline(c.handlingDeadline, i18n.language)}
                {(c.handledOnTime === false || (!c.concludedAt && Date.parse(c.handlingDeadline) <= Date.now())) && <span className="tag tag--overdue"> {t('oversight.common.overdue')}</span>}
              </td>
              <td><LadderState level={c.level} /></td>
              <td>{formatDateTime(c.filedAt, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!complaints.loading && complaints.items?.length === 0 && !complaints.error && <p className="muted">{t('oversight.complaints.empty')}</p>}
      {complaints.hasMore && (
        <button type="button" className="more" disabled={complaints.loading} onClick={complaints.more}>
          {t('oversight.common.more')}
        </button>
      )}
    </main>
  );
}
