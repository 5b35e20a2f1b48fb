import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adjustDay, importYear, readCalendar, removeAdjustment } from '../api/admin';
import { usePageTitle } from '../ui/usePageTitle';
import { useRemote } from '../ui/useRemote';
import { AdminTabs, refusalOf } from './AdminTabs';
import { useCalendarNotice } from './CalendarNotice';

/** The work calendar: published years, an iCalendar import, and local adjustments; each change makes running cases recompute. */
export function CalendarPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.calendar.title'));
  const calendar = useRemote(() => readCalendar(new Date().getFullYear() - 1), []);
  const notice = useCalendarNotice();
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const [ics, setIcs] = useState<string | null>(null);
  const [source, setSource] = useState('国务院办公厅通知');
  const [day, setDay] = useState({ date: '', working: false, reason: '' });
  const [message, setMessage] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  const act = async (action: () => Promise<unknown>, done: string) => {
    setRefusal(null);
    setMessage(null);
    try {
      await action();
      setMessage(done);
      calendar.reload();
      notice.reload();
    } catch (e) {
      setRefusal(refusalOf(e).message);
    }
  };
  const upload = (event: FormEvent) => {
    event.preventDefault();
    if (ics !== null) void act(() => importYear(Number(year), ics, source), t('admin.calendar.imported', { year }));
  };
  const adjust = (event: FormEvent) => {
    event.preventDefault();
    void act(() => adjustDay(day.date, { working: day.working, reason: day.reason, source: '本地调整' }), t('admin.saved'));
  };

  return (
    <main className="page">
      <AdminTabs />
      <h1>{t('admin.calendar.title')}</h1>
      {refusal && <p role="alert" className="error" data-testid="admin-error">{refusal}</p>}
      {message && <p role="status" data-testid="calendar-message">{message}</p>}
      <table data-testid="calendar-years">
        <thead>
          <tr>{(['year', 'published', 'holidays', 'workdays'] as const).map((k) => <th key={k} scope="col">{t(`admin.calendar.${k}`)}</th>)}</tr>
        </thead>
        <tbody>
          {(calendar.data?.years ?? []).slice().sort((a, b) => a.year - b.year).map((y) => (
            <tr key={y.year} data-year={y.year}>
              <td>{y.year}</td>
              <td>{y.published ? t('admin.calendar.published') : t('admin.calendar.draft')}</td>
              <td>{y.holidays.length}</td>
              <td>{y.workdays.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={upload} className="form-grid" data-testid="ical-form">
        <h2>{t('admin.calendar.import')}</h2>
        <label>{t('admin.calendar.year')}<input type="number" value={year} onChange={(e) => setYear(e.target.value)} min={1900} max={9999} required /></label>
        <label>
          {t('admin.calendar.file')}
          <input type="file" accept=".ics,text/calendar" data-testid="ical-file"
            onChange={(e) => { const file = e.target.files?.[0]; if (file) void file.text().then(setIcs); }} />
        </label>
        <label>{t('admin.calendar.source')}<input value={source} onChange={(e) => setSource(e.target.value)} required /></label>
        <button type="submit" disabled={ics === null}>{t('admin.calendar.importButton')}</button>
      </form>
      <h2>{t('admin.calendar.adjustments')}</h2>
      <table data-testid="calendar-adjustments">
        <thead>
          <tr><th scope="col">{t('admin.calendar.date')}</th><th scope="col">{t('admin.calendar.working')}</th><th scope="col">{t('admin.calendar.reason')}</th><th scope="col" /></tr>
        </thead>
        <tbody>
          {(calendar.data?.adjustments ?? []).map((a) => (
            <tr key={a.date}>
              <td>{a.date}</td>
              <td>{a.working ? t('admin.calendar.working') : t('admin.calendar.dayOff')}</td>
              <td>{a.reason}</td>
              <td><button type="button" onClick={() => void act(() => removeAdjustment(a.date), t('admin.saved'))}>{t('admin.calendar.remove')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={adjust} className="form-row">
        <label>{t('admin.calendar.date')}<input type="date" value={day.date} onChange={(e) => setDay({ ...day, date: e.target.value })} required /></label>
        <label><input type="checkbox" checked={day.working} onChange={(e) => setDay({ ...day, working: e.target.checked })} />{t('admin.calendar.working')}</label>
        <label>{t('admin.calendar.reason')}<input value={day.reason} onChange={(e) => setDay({ ...day, reason: e.target.value })} required /></label>
        <button type="submit">{t('admin.calendar.add')}</button>
      </form>
    </main>
  );
}
