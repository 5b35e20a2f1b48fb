import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { publishEvaluation } from '../api/evaluations';
import { Outcome } from './Outcome';
import { refusalOf, type Refusal } from './refusal';

/** Publishing cannot be undone, so it asks once more before it calls the API. */
export function PublishAction({ evaluationId, onPublished }: { evaluationId: string; onPublished(): void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const [refusal, setRefusal] = useState<Refusal>();
  const publish = () => {
    setBusy(true);
    setRefusal(undefined);
    publishEvaluation(evaluationId)
      .then(() => {
        setConfirming(false);
        setDone(t('evaluation.publish.done'));
        onPublished();
      })
      .catch((e: unknown) => setRefusal(refusalOf(e, t)))
      .finally(() => setBusy(false));
  };
  return (
    <section className="eval-publish" aria-label={t('evaluation.publish.title')}>
      {!confirming ? (
        <button type="button" className="primary" data-testid="publish-evaluation" onClick={() => setConfirming(true)}>
          {t('evaluation.publish.action')}
        </button>
      ) : (
        <div className="eval-confirm" role="group" aria-labelledby="publish-warning">
          <p id="publish-warning">{t('evaluation.publish.warning')}</p>
          <div className="button-row">
            <button type="button" className="primary" disabled={busy} data-testid="confirm-publish" onClick={publish}>
              {t('evaluation.publish.confirm')}
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
              {t('evaluation.publish.cancel')}
            </button>
          </div>
        </div>
      )}
      <Outcome done={done} refusal={refusal} testId="publish-outcome" />
    </section>
  );
}
