import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { downloadStatistics } from '../api/statistics';
import { useSession } from '../auth/session';
import { DateRange } from '../ui/DateRange';
import { localToday } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';
import { StatisticsCharts } from './StatisticsCharts';

function yearBefore(date: string): string {
  const [y, m, d] = date.split('-');
  return `${Number(y) - 1}-${m}-${d === '29' && m === '02' ? '28' : d}`;
}

/** Statistics by department or by item over a chosen period. */
export function StatisticsPage() {
  const { t } = useTranslation();
  usePageTitle(t('stats.title'));
  const byPerson = useSession((s) => (s.user?.roles ?? []).some((r) => r !== 'clerk'));
  const today = localToday();
  const [by, setBy] = useState<'department' | 'item'>('department');
  const [from, setFrom] = useState(yearBefore(today));
  const [to, setTo] = useState(today);
  const [failure, setFailure] = useState<string>();
  const download = (format: 'csv' | 'xlsx') => {
    setFailure(undefined);
    downloadStatistics(by, from, to, format).catch((e: unknown) => setFailure((e as Error).message));
  };
  return (
    <main className="page" aria-labelledby="stats-title">
      <header className="page-head">
        <h1 id="stats-title">{t('stats.title')}</h1>
        <button type="button" data-testid="export-csv" onClick={() => download('csv')}>{t('lists.exportCsv')}</button>
        <button type="button" data-testid="export-xlsx" onClick={() => download('xlsx')}>{t('lists.exportXlsx')}</button>
        {byPerson && <Link href="/statistics/persons" className="button-link" data-testid="persons-link">{t('persons.link')}</Link>}
      </header>
      {failure && <p className="status status--error" role="alert">{failure}</p>}
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <fieldset className="segmented">
          <legend>{t('stats.groupBy')}</legend>
          {(['department', 'item'] as const).map((b) => (
            <label key={b}>
              <input type="radio" name="by" value={b} checked={by === b} onChange={() => setBy(b)} /> {t(`stats.by.${b}`)}
            </label>
          ))}
        </fieldset>
        <DateRange from={from} to={to} onFrom={setFrom} onTo={setTo} />
      </form>
      <StatisticsCharts by={by} from={from} to={to} />
    </main>
  );
}
