import { Bar, BarChart, CartesianGrid, Cell, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { IndicatorScore } from '../../../domain/evaluation';

/** Each indicator's points beside the most it could add; deductions below zero, in red. */
export function IndicatorChart({ indicators }: { indicators: IndicatorScore[] }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const data = indicators.map((i) => ({ name: english ? i.name.en : i.name.zh, points: i.points, maxPoints: i.kind === 'deduction' ? null : i.maxPoints }));
  return (
    <figure className="eval-chart" data-testid="indicator-chart">
      <figcaption>{t('evaluation.department.chart')}</figcaption>
      <ResponsiveContainer width="100%" height={36 + data.length * 26}>
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }} barGap={-14}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" />
          <YAxis type="category" dataKey="name" width={170} tick={{ fontSize: 12 }} interval={0} />
          <Tooltip />
          <Legend />
          <ReferenceLine x={0} stroke="#6b7785" />
          <Bar isAnimationActive={false} dataKey="maxPoints" name={t('evaluation.department.maxPoints')} fill="#e3e8ee" barSize={14} />
          <Bar isAnimationActive={false} dataKey="points" name={t('evaluation.department.points')} fill="#2d98da" barSize={14}>
            {data.map((d) => <Cell key={d.name} fill={d.points < 0 ? '#eb3b5a' : '#2d98da'} />)}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
