import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { statistics, type StatisticsRow } from '../api/statistics';
import { useRemote } from '../ui/useRemote';

/**
 * On-time rate, cards and complaints by department or item. Built against the expected
 * `/statistics` answer (api/statistics.ts); mounted once the API serves it.
 */
export function StatisticsCharts({ by }: { by: 'department' | 'item' }) {
  const { t } = useTranslation();
  const rows = useRemote(() => statistics(by), [by]);
  const data = (rows.data ?? []).map((r: StatisticsRow) => ({ ...r, onTimePercent: Math.round(r.onTimeRate * 1000) / 10 }));
  return (
    <section className="charts" aria-labelledby="charts-title">
      <h2 id="charts-title">{t(`stats.by.${by}`)}</h2>
      {rows.error && <p className="status status--error" role="alert">{rows.error}</p>}
      <figure>
        <figcaption>{t('stats.onTime')}</figcaption>
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis unit="%" domain={[0, 100]} />
            <Tooltip />
            <Bar dataKey="onTimePercent" name={t('stats.onTime')} fill="#2d98da" />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure>
        <figcaption>{t('stats.cards')}</figcaption>
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Bar dataKey="warnings" stackId="cards" name={t('level.warning')} fill="#f7b731" />
            <Bar dataKey="yellowCards" stackId="cards" name={t('level.yellow')} fill="#fed330" />
            <Bar dataKey="redCards" stackId="cards" name={t('level.red')} fill="#eb3b5a" />
            <Bar dataKey="complaints" name={t('stats.complaints')} fill="#8854d0" />
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </section>
  );
}
