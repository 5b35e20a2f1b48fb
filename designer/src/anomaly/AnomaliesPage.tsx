import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { ANOMALY_KINDS, ANOMALY_STATUSES, listAnomalies, type AnomalyFilters, type AnomalySummary } from '../api/anomalies';
import { formatDateTime } from '../ui/format';

/** Anomalies (异常监察) the user may see, newest first, by kind, status and department. */
export function AnomaliesPage() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<AnomalyFilters>({ status: 'open' });
  const [items, setItems] = useState<AnomalySummary[] | null>(null);
  const [error, setError] = useState<string>();
  useEffect(() => {
    document.title = `${t('anomaly.title')} · Sunlight`;
    let live = true;
    listAnomalies(filters).then((found) => live && setItems(found)).catch((e: unknown) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
  }, [filters, t]);
  const set = (patch: Partial<AnomalyFilters>) => setFilters((f) => ({ ...f, ...patch }));
  return (
    <main className="page" aria-labelledby="anomalies-title">
      <header className="page-head">
        <h1 id="anomalies-title">{t('anomaly.title')}</h1>
      </header>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('anomaly.filters.kind')}
          <select value={filters.kind ?? ''} onChange={(e) => set({ kind: (e.target.value || undefined) as AnomalyFilters['kind'] })}>
            <option value="">{t('common.all')}</option>
            {ANOMALY_KINDS.map((k) => <option key={k} value={k}>{t(`anomaly.kinds.${k}`)}</option>)}
          </select>
        </label>
        <label>
          {t('anomaly.filters.status')}
          <select value={filters.status ?? ''} onChange={(e) => set({ status: (e.target.value || undefined) as AnomalyFilters['status'] })}>
            <option value="">{t('common.all')}</option>
            {ANOMALY_STATUSES.map((s) => <option key={s} value={s}>{t(`anomaly.statuses.${s}`)}</option>)}
          </select>
        </label>
      </form>
      {error && <p className="status status--error" role="alert">{error}</p>}
      {items === null ? <p>{t('common.loading')}</p> : items.length === 0 ? <p className="muted">{t('anomaly.empty')}</p> : (
        <table className="table" data-testid="anomaly-list">
          <thead>
            <tr>
              <th>{t('anomaly.kind')}</th><th>{t('anomaly.caseNo')}</th><th>{t('anomaly.department')}</th><th>{t('anomaly.person')}</th>
              <th>{t('anomaly.at')}</th><th>{t('anomaly.status')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.anomalyId}>
                <td><Link href={`/anomalies/${encodeURIComponent(a.anomalyId)}`}>{t(`anomaly.kinds.${a.kind}`, { defaultValue: a.kind })}</Link></td>
                <td><Link href={`/cases/${encodeURIComponent(a.caseNo)}`}>{a.caseNo}</Link></td>
                <td>{a.departmentName ?? a.department}</td>
                <td>{a.actorName ?? '—'}</td>
                <td>{formatDateTime(a.at, i18n.language)}</td>
                <td>{t(`anomaly.statuses.${a.status ?? 'open'}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
