import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { decideAppeal } from '../api/evaluations';
import { FieldError, Outcome } from './Outcome';
import { otherFields, refusalOf, type Refusal } from './refusal';

/** The supervisor upholds or rejects an appeal, with the reason; upheld, the department is scored again. */
export function DecisionForm({ appealId, onDecided }: { appealId: string; onDecided(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [decision, setDecision] = useState<'upheld' | 'rejected' | ''>('');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setRefusal(undefined);
    setBusy(true);
    decideAppeal(appealId, decision as 'upheld' | 'rejected', comment.trim())
      .then(onDecided)
      .catch((e: unknown) => setRefusal(refusalOf(e, t)))
      .finally(() => setBusy(false));
  };
  const decisionError = refusal?.fields['/decision'];
  const commentError = refusal?.fields['/comment'];
  return (
    <form className="eval-decision" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('evaluation.decision.title')}</h2>
      <fieldset className="segmented" aria-invalid={decisionError !== undefined}>
        <legend>{t('evaluation.decision.choose')}</legend>
        {(['upheld', 'rejected'] as const).map((d) => (
          <label key={d}>
            <input type="radio" name={`${id}-decision`} value={d} checked={decision === d} data-testid={`decision-${d}`} onChange={() => setDecision(d)} />{' '}
            {t(`evaluation.decision.${d}`)}
          </label>
        ))}
      </fieldset>
      <FieldError id={`${id}-decision-error`} message={decisionError} />
      <div className="field">
        <label htmlFor={`${id}-comment`}>{t('evaluation.decision.comment')}</label>
        <textarea
          id={`${id}-comment`} rows={3} maxLength={4000} value={comment} data-testid="decision-comment" aria-invalid={commentError !== undefined}
          aria-describedby={commentError ? `${id}-comment-error` : undefined} onChange={(e) => setComment(e.target.value)}
        />
        <FieldError id={`${id}-comment-error`} message={commentError} />
      </div>
      {refusal && otherFields(refusal, ['/decision', '/comment']).map((line) => <small key={line} className="error-text">{line}</small>)}
      <button type="submit" className="primary" disabled={busy} data-testid="decide-appeal">{t('evaluation.decision.submit')}</button>
      <Outcome refusal={refusal} testId="decision-outcome" />
    </form>
  );
}
