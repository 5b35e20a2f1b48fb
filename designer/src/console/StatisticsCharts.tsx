import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { statistics } from '../api/statistics';
import { useRemote } from '../ui/useRemote';

/** On-time rate, warnings and cards, and complaints by department or item over a period (recharts). */
export function StatisticsCharts({ by, from, to }: { by: 'department' | 'item'; from: string; to: string }) {
  const { t } = useTranslation();
  const result = useRemote(() => statistics(by, from, to), [by, from, to]);
  const data = (result.data?.rows ?? []).map((r) => ({
    name: (by === 'department' ? r.department : r.itemCode) ?? '—',
    onTimePercent: r.derived.onTimeRate === null || r.derived.onTimeRate === undefined ? null : Math.round(r.derived.onTimeRate * 1000) / 10,
    submitted: r.counts.submitted ?? 0,
    concluded: r.counts.concluded ?? 0,
    warnings: r.counts.warnings ?? 0,
    yellowCards: r.counts.yellowCards ?? 0,
    redCards: r.counts.redCards ?? 0,
    complaints: r.counts.complaints ?? 0,
  }));
  return (
    <section className="charts" aria-label={t(`stats.by.${by}`)} data-testid={`charts-${by}`}>
      {result.error && <p className="status status--error" role="alert">{result.error}</p>}
      {result.data && data.length === 0 && <p className="muted">{t('stats.empty')}</p>}
      <figure>
        <figcaption>{t('stats.cases')}</figcaption>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Bar isAnimationActive={false} dataKey="submitted" name={t('stats.submitted')} fill="#4b7bec" />
            <Bar isAnimationActive={false} dataKey="concluded" name={t('stats.concluded')} fill="#20bf6b" />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure>
        <figcaption>{t('stats.onTime')}</figcaption>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis unit="%" domain={[0, 100]} />
            <Tooltip />
            <Bar isAnimationActive={false} dataKey="onTimePercent" name={t('stats.onTime')} fill="#2d98da" />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure>
        <figcaption>{t('stats.cards')}</figcaption>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Bar isAnimationActive={false} dataKey="warnings" stackId="cards" name={t('level.warning')} fill="#f7b731" />
            <Bar isAnimationActive={false} dataKey="yellowCards" stackId="cards" name={t('level.yellow')} fill="#f1c40f" />
            <Bar isAnimationActive={false} dataKey="redCards" stackId="cards" name={t('level.red')} fill="#eb3b5a" />
            <Bar isAnimationActive={false} dataKey="complaints" name={t('stats.complaints')} fill="#8854d0" />
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </section>
  );
}
