import { useTranslation } from 'react-i18next';
import type { CaseProgress } from '../api/public';
import { formatDateTime } from '../ui/format';

/** 办理过程: every step the case went through, its department and when it began and ended; never who held it. */
export function StepHistory({ steps }: { steps: CaseProgress['history'] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <section className="portal-panel" aria-labelledby="step-history-title">
      <h2 id="step-history-title">{t('portal.progress.history')}</h2>
      {steps.length === 0 ? (
        <p className="muted" data-testid="step-history-empty">{t('portal.progress.noHistory')}</p>
      ) : (
        <div className="portal-table-wrap">
          <table className="table" data-testid="step-history">
            <thead>
              <tr>
                <th scope="col">{t('portal.progress.step')}</th>
                <th scope="col">{t('portal.progress.department')}</th>
                <th scope="col">{t('portal.progress.began')}</th>
                <th scope="col">{t('portal.progress.ended')}</th>
              </tr>
            </thead>
            <tbody>
              {steps.map((s) => (
                <tr key={`${s.name}-${s.startedAt}`} data-open={s.endedAt === null ? 'true' : undefined}>
                  <td>{s.name}</td>
                  <td>{s.departmentName ?? '—'}</td>
                  <td>{formatDateTime(s.startedAt, locale)}</td>
                  <td>{s.endedAt === null ? t('portal.progress.inProgress') : formatDateTime(s.endedAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
