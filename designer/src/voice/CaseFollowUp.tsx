import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { ApiError } from '../api/client';
import { readFollowUp } from '../api/voice';
import { useRemote } from '../ui/useRemote';

/** On the case page: the applicant's rating (好差评) of the case and a link to its follow-up; nothing while it is unrated. */
export function CaseFollowUp({ caseNo }: { caseNo: string }) {
  const { t } = useTranslation();
  const found = useRemote(() => readFollowUp(caseNo).catch((e: unknown) => {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }), [caseNo]);
  const followUp = found.data?.followUp;
  if (!followUp) return null;
  return (
    <section className="section" aria-labelledby="case-follow-up-title" data-testid="case-follow-up">
      <h2 id="case-follow-up-title">{t('voice.staff.rating')}</h2>
      <p>
        {t(`voice.level.${followUp.level}`)} · {t(`voice.followUpStatus.${followUp.status}`)}
        {followUp.status !== 'none' && (
          <>
            {' '}<Link href={`/follow-ups/${encodeURIComponent(caseNo)}`} data-testid="case-follow-up-link">{t('voice.staff.followUp', { caseNo })}</Link>
          </>
        )}
      </p>
    </section>
  );
}
