import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Appeal } from '../api/evaluations';
import { formatDateTime } from '../ui/format';

/** Appeals as a table: case, department, status, when filed; each opens its page. */
export function AppealList({ appeals, testId, showEvaluation = false }: { appeals: Appeal[]; testId: string; showEvaluation?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('evaluation.appeal.case')}</th>
          <th scope="col">{t('evaluation.appeal.department')}</th>
          {showEvaluation && <th scope="col">{t('evaluation.appeal.evaluation')}</th>}
          <th scope="col">{t('evaluation.appeal.status')}</th>
          <th scope="col">{t('evaluation.appeal.filedAt')}</th>
          <th scope="col">{t('evaluation.appeal.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {appeals.map((a) => (
          <tr key={a.appealId} data-appeal={a.appealId} data-case={a.caseNo}>
            <td><Link href={`/appeals/${encodeURIComponent(a.appealId)}`}>{a.caseNo}</Link></td>
            <td>{a.department}</td>
            {showEvaluation && <td><Link href={`/evaluations/${encodeURIComponent(a.evaluationId)}`}>{a.evaluationId}</Link></td>}
            <td><span className={`eval-status eval-status--${a.status}`}>{t(`evaluation.appealStatus.${a.status}`)}</span></td>
            <td>{formatDateTime(a.filedAt, i18n.language)}</td>
            <td className="eval-reason">{a.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
