import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLocalDate, isWorkingDay, parseLocalDate } from '../../../domain';
import { useRemote } from '../ui/useRemote';
import { previewSchedule, readCalendar } from './preview';
import { selectItem } from './selectors';
import { useDesigner } from './useDesigner';

function monthsBetween(from: string, to: string): { year: number; month: number }[] {
  const months: { year: number; month: number }[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  const [endYear, endMonth] = to.split('-').map(Number) as [number, number];
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push({ year, month });
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A start date and, on month calendars, the warning, yellow-card and red-card days for this item. */
export function DeadlinePreview({ onClose, today }: { onClose(): void; today: string }) {
  const { t } = useTranslation();
  const item = useDesigner(selectItem);
  const [startDate, setStartDate] = useState(today);
  const year = Number(startDate.slice(0, 4));
  const published = useRemote(() => readCalendar(year), [year]);
  const calendar = published.data;
  const preview = useMemo(() => {
    if (calendar === undefined) return undefined;
    try {
      return previewSchedule(item, startDate, calendar);
    } catch {
      return null;
    }
  }, [item, startDate, calendar]);
  const weekdays = t('preview.weekdays').split(',');
  return (
    <div className="dialog-backdrop">
      <section className="dialog preview" role="dialog" aria-modal="true" aria-labelledby="preview-title" data-testid="deadline-preview">
        <header>
          <h2 id="preview-title">{t('preview.title', { name: item.name })}</h2>
          <button type="button" onClick={onClose} aria-label={t('common.close')}>
            ×
          </button>
        </header>
        <label>
          {t('preview.start')} <input type="date" value={startDate} data-testid="preview-start" onChange={(e) => e.target.value && setStartDate(e.target.value)} />
        </label>
        {published.error !== undefined && calendar === undefined ? (
          <p className="error-text" role="alert">{t('design.calendarFailed', { reason: published.error })}</p>
        ) : preview === undefined || calendar === undefined ? (
          <p className="muted">{t('design.calendarLoading')}</p>
        ) : preview === null ? (
          <p className="error-text">{t('preview.invalid')}</p>
        ) : (
          <>
            <dl className="preview-dates">
              <dt>{t('preview.warning')}</dt>
              <dd data-testid="preview-warning">{preview.warning}</dd>
              <dt>{t('preview.deadline')}</dt>
              <dd>{preview.deadline}</dd>
              <dt>{t('preview.yellow')}</dt>
              <dd data-testid="preview-yellow">{preview.yellow}</dd>
              <dt>{t('preview.red')}</dt>
              <dd data-testid="preview-red">{preview.red}</dd>
              <dt>{t('preview.statutory')}</dt>
              <dd>{preview.statutory}</dd>
            </dl>
            {preview.provisional && <p className="muted">{t('preview.provisional')}</p>}
            <div className="months">
              {monthsBetween(startDate, preview.red ?? startDate).map(({ year, month }) => {
                const first = parseLocalDate(`${year}-${pad(month)}-01`);
                const lead = (((first + 3) % 7) + 7) % 7;
                const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
                return (
                  <table className="month" key={`${year}-${month}`}>
                    <caption>{t('preview.month', { year, month })}</caption>
                    <thead>
                      <tr>{weekdays.map((w) => <th key={w} scope="col">{w}</th>)}</tr>
                    </thead>
                    <tbody>
                      {Array.from({ length: Math.ceil((lead + days) / 7) }, (_, week) => (
                        <tr key={week}>
                          {Array.from({ length: 7 }, (_, dow) => {
                            const n = week * 7 + dow - lead + 1;
                            if (n < 1 || n > days) return <td key={dow} />;
                            const date = formatLocalDate(first + n - 1);
                            const mark = preview.marks.get(date);
                            const off = !isWorkingDay(calendar, date);
                            return (
                              <td key={dow} className={[off ? 'off' : '', mark ? `day-${mark}` : ''].join(' ')} title={mark ? t(`preview.${mark}`) : undefined}>
                                {n}
                              </td>
                            );
                          })}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                );
              })}
            </div>
            <ul className="legend">
              {(['start', 'warning', 'yellow', 'red', 'statutory'] as const).map((m) => (
                <li key={m}>
                  <span className={`swatch day-${m}`} /> {t(`preview.${m}`)}
                </li>
              ))}
              <li>
                <span className="swatch off" /> {t('preview.off')}
              </li>
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
