import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { IndicatorScore } from '../../../domain/evaluation';
import type { DepartmentEvaluation } from '../api/evaluations';
import { formatPoints } from './formula';
import { IndicatorChart } from './IndicatorChart';

function measured(i: IndicatorScore): string {
  if (i.value === null) return '—';
  if (i.kind === 'deduction') return String(i.value);
  const ratio = i.numerator !== undefined && i.denominator !== undefined ? ` (${i.numerator}/${i.denominator})` : '';
  return i.kind === 'rate' ? `${Math.round(i.value * 1000) / 10}%${ratio}` : `${i.value}${ratio}`;
}

/** One department's score: every indicator's points and, on demand, the cases that cost points on it. */
export function DepartmentBreakdown({ department, name }: { department: DepartmentEvaluation; name: string }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const casesOf = (indicator: string) =>
    department.cases.flatMap((c) => c.items.filter((item) => item.indicator === indicator).map((item) => ({ caseNo: c.caseNo, ...item })));
  const toggle = (id: string) => setOpen((current) => {
    const next = new Set(current);
    if (!next.delete(id)) next.add(id);
    return next;
  });
  return (
    <section className="eval-department" aria-labelledby="department-title" data-testid="department-breakdown" data-department={department.department}>
      <h2 id="department-title">
        {t('evaluation.department.title', { name })} <span className="eval-total">{t('evaluation.department.score', { score: formatPoints(department.score) })}</span>
      </h2>
      <div className="eval-department-grid">
        <table className="table" data-testid="indicators">
          <thead>
            <tr>
              <th scope="col">{t('evaluation.department.indicator')}</th>
              <th scope="col">{t('evaluation.department.measured')}</th>
              <th scope="col">{t('evaluation.department.points')}</th>
              <th scope="col">{t('evaluation.department.cases')}</th>
            </tr>
          </thead>
          <tbody>
            {department.indicators.map((i) => {
              const cases = casesOf(i.id);
              return (
                <Fragment key={i.id}>
                  <tr data-indicator={i.id}>
                    <th scope="row">{english ? i.name.en : i.name.zh}</th>
                    <td>{measured(i)}</td>
                    <td className={i.points < 0 ? 'eval-loss' : undefined} data-testid={`points-${i.id}`}>
                      {formatPoints(i.points, i.kind === 'deduction')}
                      {i.kind !== 'deduction' && <span className="muted"> / {formatPoints(i.maxPoints)}</span>}
                    </td>
                    <td>
                      {cases.length > 0 ? (
                        <button type="button" className="link" aria-expanded={open.has(i.id)} data-testid={`cases-${i.id}`} onClick={() => toggle(i.id)}>
                          {t(open.has(i.id) ? 'evaluation.department.hideCases' : 'evaluation.department.showCases', { count: cases.length })}
                        </button>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                  {open.has(i.id) && (
                    <tr className="eval-cases-row">
                      <td colSpan={4}>
                        <ul className="eval-cases" data-testid={`case-list-${i.id}`}>
                          {cases.map((c) => (
                            <li key={c.factId}>
                              <Link href={`/cases/${encodeURIComponent(c.caseNo)}`}>{c.caseNo}</Link>
                              <span className="muted">{t(`evaluation.counter.${c.counter}`, { defaultValue: c.counter })}</span>
                              <span className="eval-loss">{formatPoints(c.points, true)}</span>
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('evaluation.department.total')}</th>
              <td />
              <td data-testid="department-score"><strong>{formatPoints(department.score)}</strong></td>
              <td />
            </tr>
          </tfoot>
        </table>
        <IndicatorChart indicators={department.indicators} />
      </div>
    </section>
  );
}
