import { useTranslation } from 'react-i18next';
import type { CaseProgress } from '../api/public';
import { StepHistory } from './StepHistory';
import { formatDateTime, formatDeadline } from '../ui/format';
import { PublicClock } from './PublicClock';

/** A case's public progress: what, where, its status and dates, and its clock. No personal data. */
export function CaseProgressView({ progress }: { progress: CaseProgress }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const paused = progress.clock.state === 'paused';
  const deadline = (value: string | null) => (value === null && paused ? t('portal.progress.openWhilePaused') : formatDeadline(value, locale));
  return (
    <div className="portal-result" data-testid="case-progress">
      <section className="portal-panel" aria-labelledby="progress-title">
        <h2 id="progress-title">
          {t('portal.progress.summary')} <span className="portal-mono" data-testid="progress-case-no">{progress.caseNo}</span>
        </h2>
        <dl className="portal-facts">
          <dt>{t('portal.progress.item')}</dt>
          <dd>{progress.itemName}</dd>
          <dt>{t('portal.progress.department')}</dt>
          <dd data-testid="progress-department">{progress.departmentName ?? '—'}</dd>
          <dt>{t('portal.progress.status')}</dt>
          <dd data-testid="progress-status">{t(`status.${progress.status}`)}</dd>
          {progress.outcome && (
            <>
              <dt>{t('portal.progress.outcome')}</dt>
              <dd data-testid="progress-outcome">{t(`outcome.${progress.outcome}`)}</dd>
            </>
          )}
          <dt>{t('portal.progress.steps')}</dt>
          <dd data-testid="progress-steps">{progress.currentSteps.length > 0 ? progress.currentSteps.join('、') : t('portal.progress.noSteps')}</dd>
          <dt>{t('portal.progress.submittedAt')}</dt>
          <dd>{formatDateTime(progress.submittedAt, locale)}</dd>
          <dt>{t('portal.progress.acceptedAt')}</dt>
          <dd data-testid="progress-accepted">{formatDateTime(progress.acceptedAt, locale)}</dd>
          <dt>{t('portal.progress.promisedBy')}</dt>
          <dd data-testid="progress-deadline">{deadline(progress.clock.deadline)}</dd>
          <dt>{t('portal.progress.statutoryBy')}</dt>
          <dd data-testid="progress-statutory-deadline">{deadline(progress.clock.statutoryDeadline)}</dd>
          <dt>{t('portal.progress.concludedAt')}</dt>
          <dd>{formatDateTime(progress.concludedAt, locale)}</dd>
        </dl>
      </section>
      <PublicClock clock={progress.clock} pauses={progress.pauses} />
      <StepHistory steps={progress.history} />
    </div>
  );
}
