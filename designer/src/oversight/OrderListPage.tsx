import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { LADDER_LEVELS, listOrders, ORDER_STATUSES, type OrderFilters, type OrderSummary } from '../api/orders';
import { useSession } from '../auth/session';
import { formatDateTime, formatDeadline } from '../ui/format';
import { LadderState } from './Ladder';
import { usePages } from './usePages';

/** Unanswered past its response deadline. */
export const isOverdue = (o: Pick<OrderSummary, 'status' | 'responseDeadline'>, now = Date.now()) => o.status === 'open' && Date.parse(o.responseDeadline) <= now;

/** Every order the user may see, newest first: filters, and further pages on demand. */
export function OrderListPage() {
  const { t, i18n } = useTranslation();
  const ownDepartmentOnly = useSession((s) => !s.user?.roles.some((r) => r !== 'department-officer' && r !== 'clerk'));
  const [filters, setFilters] = useState<OrderFilters>({});
  // Typed filters apply on submit, so a half-typed case number is never sent.
  const [typed, setTyped] = useState({ caseNo: '', department: '' });
  const orders = usePages((cursor) => listOrders(filters, cursor), [filters.status, filters.level, filters.overdue, filters.caseNo, filters.department]);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ ...filters, caseNo: typed.caseNo.trim(), department: typed.department.trim() });
  };
  return (
    <main className="page" aria-labelledby="orders-title">
      <header className="page-head">
        <h1 id="orders-title">{t('oversight.orders.title')}</h1>
        <button type="button" onClick={orders.reload}>{t('oversight.common.refresh')}</button>
      </header>
      <form className="filters" role="search" onSubmit={apply}>
        <label>
          {t('oversight.orders.status')}
          <select value={filters.status ?? ''} data-testid="orders-status" onChange={(e) => setFilters({ ...filters, status: e.target.value as OrderFilters['status'] })}>
            <option value="">{t('common.all')}</option>
            {ORDER_STATUSES.map((s) => <option key={s} value={s}>{t(`oversight.status.${s}`)}</option>)}
          </select>
        </label>
        <label>
          {t('oversight.orders.level')}
          <select value={filters.level ?? ''} onChange={(e) => setFilters({ ...filters, level: e.target.value as OrderFilters['level'] })}>
            <option value="">{t('common.all')}</option>
            {LADDER_LEVELS.map((l) => <option key={l} value={l}>{t(`oversight.ladderLevel.${l}`)}</option>)}
          </select>
        </label>
        <label>
          {t('oversight.orders.caseNo')}
          <input value={typed.caseNo} onChange={(e) => setTyped({ ...typed, caseNo: e.target.value })} />
        </label>
        {!ownDepartmentOnly && (
          <label>
            {t('oversight.orders.department')}
            <input value={typed.department} onChange={(e) => setTyped({ ...typed, department: e.target.value })} />
          </label>
        )}
        <label className="check">
          <input type="checkbox" checked={filters.overdue ?? false} onChange={(e) => setFilters({ ...filters, overdue: e.target.checked })} />
          {t('oversight.common.overdueOnly')}
        </label>
        <button type="submit">{t('oversight.common.filter')}</button>
      </form>
      {orders.error && <p className="status status--error" role="alert">{orders.error}</p>}
      <table className="table" data-testid="order-list">
        <thead>
          <tr>
            <th scope="col">{t('oversight.orders.orderId')}</th>
            <th scope="col">{t('oversight.orders.caseNo')}</th>
            <th scope="col">{t('oversight.orders.department')}</th>
            <th scope="col">{t('oversight.orders.subject')}</th>
            <th scope="col">{t('oversight.orders.status')}</th>
            <th scope="col">{t('oversight.orders.responseDeadline')}</th>
            <th scope="col">{t('oversight.orders.ladder')}</th>
            <th scope="col">{t('oversight.orders.openedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {(orders.items ?? []).map((o) => (
            <tr key={o.orderId} className={`row--${o.level}`} data-order={o.orderId}>
              <td><Link href={`/orders/${o.orderId}`}>{o.orderId}</Link></td>
              <td><Link href={`/cases/${encodeURIComponent(o.caseNo)}`}>{o.caseNo}</Link></td>
              <td>{o.department}</td>
              <td>{o.title}</td>
              <td data-testid="order-status">{t(`oversight.status.${o.status}`)}</td>
              <td>
                {formatDeadline(o.responseDeadline, i18n.language)}
                {isOverdue(o) && <span className="tag tag--overdue"> {t('oversight.common.overdue')}</span>}
              </td>
              <td><LadderState level={o.level} /></td>
              <td>{formatDateTime(o.openedAt, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!orders.loading && orders.items?.length === 0 && !orders.error && <p className="muted">{t('oversight.orders.empty')}</p>}
      {orders.hasMore && (
        <button type="button" className="more" disabled={orders.loading} onClick={orders.more}>
          {t('oversight.common.more')}
        </button>
      )}
    </main>
  );
}
