import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { acknowledgeAlert, acknowledgeAlerts, listAlerts, type AlertFilters, type BulkResult } from '../api/alerts';
import { listDepartments } from '../api/departments';
import { listItems } from '../api/items';
import { describeAlert } from '../ui/describe';
import { formatDateTime } from '../ui/format';
import { useRemote } from '../ui/useRemote';

const POLL_MS = 5000;
const LEVELS = ['red', 'yellow', 'warning', 'step', 'notice'] as const;

/**
 * Alerts as they are raised (polled, so the feed moves without a reload), filtered by level
 * and acknowledgement and sorted by when raised; each can be acknowledged, or several at once
 * (each its own logged acknowledgement; a failure is named beside its alert). Departments and
 * steps are named, never coded. With `caseNo`, that case's alerts only; with its graph's
 * `nodes`, a step's alert names the step of the version the case runs on.
 */
export function AlertFeed({ caseNo, nodes }: { caseNo?: string; nodes?: readonly { id: string; name: string }[] | undefined }) {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<AlertFilters>({ sort: 'newest' });
  const query: AlertFilters = caseNo === undefined ? filters : { ...filters, caseNo };
  const alerts = useRemote(() => listAlerts(query), [JSON.stringify(query)], POLL_MS);
  const departments = useRemote(listDepartments, []);
  const items = useRemote(() => (nodes === undefined ? listItems() : Promise.resolve([])), [nodes === undefined]);
  const departmentName = new Map((departments.data ?? []).map((d) => [d.code, d.name]));
  const caseNodes = new Map((nodes ?? []).map((n) => [n.id, n.name]));
  const itemSteps = new Map((items.data ?? []).map((i) => [i.code, new Map(i.steps.map((s) => [s.nodeId, s.name]))]));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [failure, setFailure] = useState<string>();
  const [bulk, setBulk] = useState<BulkResult[]>();
  const open = (alerts.data ?? []).filter((a) => !a.handled);
  const chosen = open.filter((a) => selected.has(a.alertId)).map((a) => a.alertId);
  const toggle = (id: string) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));
  const acknowledge = (id: string) => {
    acknowledgeAlert(id)
      .then(alerts.reload)
      .catch((e: unknown) => setFailure((e as Error).message));
  };
  const acknowledgeChosen = () => {
    acknowledgeAlerts(chosen).then(
      (results) => {
        setBulk(results);
        setSelected(new Set());
        alerts.reload();
      },
      (e: unknown) => setFailure((e as Error).message),
    );
  };
  const failed = (bulk ?? []).filter((r) => !r.ok);
  return (
    <section className="feed" aria-labelledby="feed-title" aria-live="polite">
      <h2 id="feed-title">{t(caseNo === undefined ? 'feed.title' : 'feed.caseTitle')}</h2>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('lists.feed.level')}
          <select value={filters.level ?? ''} data-testid="feed-level" onChange={(e) => setFilters({ ...filters, level: (e.target.value || undefined) as AlertFilters['level'] })}>
            <option value="">{t('common.all')}</option>
            {LEVELS.map((l) => <option key={l} value={l}>{t(`lists.feed.levels.${l}`)}</option>)}
          </select>
        </label>
        <label>
          {t('lists.feed.handled')}
          <select
            value={filters.handled === undefined ? '' : String(filters.handled)}
            data-testid="feed-handled"
            onChange={(e) => setFilters({ ...filters, handled: e.target.value === '' ? undefined : e.target.value === 'true' })}
          >
            <option value="">{t('common.all')}</option>
            <option value="false">{t('lists.feed.open')}</option>
            <option value="true">{t('lists.feed.closed')}</option>
          </select>
        </label>
        <label>
          {t('lists.sort.label')}
          <select value={filters.sort} data-testid="feed-sort" onChange={(e) => setFilters({ ...filters, sort: e.target.value as 'newest' | 'oldest' })}>
            <option value="newest">{t('lists.feed.sort.newest')}</option>
            <option value="oldest">{t('lists.feed.sort.oldest')}</option>
          </select>
        </label>
      </form>
      {open.length > 0 && (
        <div className="bulk">
          <button type="button" data-testid="select-all" onClick={() => setSelected(new Set(open.map((a) => a.alertId)))}>
            {t('lists.feed.selectAll')}
          </button>
          <button type="button" className="primary" data-testid="acknowledge-selected" disabled={chosen.length === 0} onClick={acknowledgeChosen}>
            {t('lists.feed.acknowledgeSelected', { count: chosen.length })}
          </button>
        </div>
      )}
      {bulk && (
        <div className="status" role="status" data-testid="bulk-result">
          {t('lists.feed.bulkDone', { ok: bulk.length - failed.length })}
          {failed.length > 0 && (
            <>
              {' '}{t('lists.feed.bulkFailed', { count: failed.length })}
              <ul>{failed.map((r) => <li key={r.alertId} data-failed={r.alertId}>{r.alertId}: {r.detail}</li>)}</ul>
            </>
          )}
        </div>
      )}
      {alerts.notServed ? (
        <p className="muted">{t('feed.unavailable')}</p>
      ) : (
        (alerts.error ?? failure) && <p className="status status--error" role="alert">{alerts.error ?? failure}</p>
      )}
      <ul data-testid="alert-feed">
        {(alerts.data ?? []).map((a) => {
          const nodeName = (id: string) => caseNodes.get(id) ?? itemSteps.get(a.itemCode ?? '')?.get(id);
          const describe = { t, nodeName, departmentName: (code: string) => departmentName.get(code) };
          return (
            <li key={a.alertId} className={`alert alert--${a.level}${a.handled ? ' is-acknowledged' : ''}`} data-alert={a.alertId}>
              <div>
                {!a.handled && (
                  <input type="checkbox" aria-label={t('lists.feed.select')} data-testid="select-alert" checked={selected.has(a.alertId)} onChange={() => toggle(a.alertId)} />
                )}{' '}
                <strong>{t(`threshold.${a.kind}`, { defaultValue: a.kind })}</strong>{' '}
                {caseNo === undefined && (
                  <>
                    <Link href={`/cases/${encodeURIComponent(a.caseNo)}`}>{a.caseNo}</Link>
                    <span className="muted" data-testid="alert-department"> · {departmentName.get(a.department) ?? a.department}</span>
                  </>
                )}
              </div>
              <div data-testid="alert-reason">{describeAlert(a, describe)}</div>
              <div className="muted">{formatDateTime(a.raisedAt, i18n.language)}</div>
              {a.handled ? (
                <span className="muted">{t('feed.acknowledged')}</span>
              ) : (
                <button type="button" onClick={() => acknowledge(a.alertId)} data-testid="acknowledge">
                  {t('feed.acknowledge')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {alerts.data?.length === 0 && <p className="muted">{t('feed.empty')}</p>}
    </section>
  );
}
