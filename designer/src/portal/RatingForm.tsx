import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../api/client';
import { rateComplaint } from '../api/public';
import { PortalField } from './PortalField';
import { formProblem, type FormProblem } from './problems';

type Field = 'score' | 'comment';
const SCORES = [1, 2, 3, 4, 5] as const;

/** The complainant's rating of a concluded complaint: 1–5 and an optional comment. */
export function RatingForm({ complaintNo, queryCode, onRated }: { complaintNo: string; queryCode: string; onRated(score: number): void }) {
  const { t } = useTranslation();
  const [score, setScore] = useState<number>();
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<FormProblem<Field>>({ fields: {} });
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (score === undefined) {
      setProblem({ fields: { score: t('portal.rating.chooseScore') } });
      return;
    }
    setBusy(true);
    setProblem({ fields: {} });
    const text = comment.trim();
    rateComplaint(complaintNo, { queryCode, score, ...(text !== '' && { comment: text }) }, key)
      .then(() => onRated(score))
      .catch((e: unknown) => setProblem(formProblem<Field>(e, t, {
        fieldOf: (pointer) => (pointer === '/score' ? 'score' : pointer === '/comment' ? 'comment' : undefined),
        invalid: (field) => t(field === 'score' ? 'portal.rating.chooseScore' : 'portal.rating.invalidComment'),
        notFound: { message: t('portal.rating.notFound') },
        conflict: (code) => t(code === 'NOT_CONCLUDED' ? 'portal.rating.notConcluded' : 'portal.rating.closed'),
      })))
      .finally(() => setBusy(false));
  };

  return (
    <form className="portal-panel portal-form" onSubmit={submit} noValidate aria-labelledby="rating-title" data-testid="rating-form">
      <h2 id="rating-title">{t('portal.rating.title')}</h2>
      <fieldset className={`portal-scores${problem.fields.score ? ' has-error' : ''}`} aria-describedby={problem.fields.score ? 'rating-score-error' : undefined}>
        <legend>{t('portal.rating.score')}</legend>
        <div className="portal-score-options">
          {SCORES.map((n) => (
            <label key={n} className="portal-score">
              <input type="radio" name="score" value={n} checked={score === n} onChange={() => setScore(n)} data-testid={`score-${n}`} />
              {t('portal.rating.scoreValue', { score: n })}
            </label>
          ))}
        </div>
        {problem.fields.score && <p id="rating-score-error" className="field-error" role="alert" data-testid="error-score">{problem.fields.score}</p>}
      </fieldset>
      <PortalField name="comment" label={t('portal.rating.comment')} value={comment} onChange={setComment} error={problem.fields.comment} multiline maxLength={2000} />
      {problem.form && <p className="status status--error" role="alert" data-testid="rating-error">{problem.form}</p>}
      <div className="portal-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="rating-submit">
          {t('portal.rating.submit')}
        </button>
      </div>
    </form>
  );
}
