import { useTranslation } from 'react-i18next';

/** The 起 and 止 dates of a statistics filter, each bounded by the other; an emptied field keeps its date. */
export function DateRange({ from, to, onFrom, onTo }: { from: string; to: string; onFrom: (date: string) => void; onTo: (date: string) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t('stats.from')}
        <input type="date" value={from} max={to} onChange={(e) => e.target.value && onFrom(e.target.value)} />
      </label>
      <label>
        {t('stats.to')}
        <input type="date" value={to} min={from} onChange={(e) => e.target.value && onTo(e.target.value)} />
      </label>
    </>
  );
}
