import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BAD_REASONS, caseRating, GOOD_REASONS, LEVELS, rateCase, type PublicRating, type RatingReason, type SatisfactionLevel } from '../api/voice';
import { PortalField } from '../portal/PortalField';
import { formProblem, type FormProblem } from '../portal/problems';
import { formatDateTime, formatDeadline } from '../ui/format';

type Field = 'level' | 'reasons' | 'comment';
const isBad = (level: SatisfactionLevel) => level === 'dissatisfied' || level === 'very-dissatisfied';

/** 好差评 on the public progress page: the form once the case is concluded, then the rating and its follow-up's result. */
export function CaseRatingPanel({ caseNo, queryCode }: { caseNo: string; queryCode: string }) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<PublicRating>();
  const load = () => caseRating(caseNo, queryCode).then(setState).catch(() => setState(undefined));
  useEffect(() => void load(), [caseNo, queryCode]);
  if (!state) return null;
  const { rating } = state;
  if (rating) {
    return (
      <section className="portal-panel" data-testid="case-rating">
        <h2>{t('voice.rate.title')}</h2>
        <p>{t('voice.rate.your', { level: t(`voice.level.${rating.level}`) })}</p>
        {rating.followUp === 'open' && (
          <p data-testid="follow-up-open">{t('voice.rate.followUpOpen', { department: rating.departmentName, deadline: formatDeadline(rating.deadline, i18n.language) })}</p>
        )}
        {rating.followUp === 'closed' && (
          <p data-testid="follow-up-result">
            {t('voice.rate.followUpResult', { outcome: t(`voice.outcome.${rating.outcome ?? 'rectified'}`), result: rating.result ?? '' })}
            {' '}({formatDateTime(rating.closedAt, i18n.language)})
          </p>
        )}
      </section>
    );
  }
  return state.canRate ? <RateForm caseNo={caseNo} queryCode={queryCode} closesAt={state.ratingClosesAt} onRated={() => void load()} /> : null;
}

function RateForm({ caseNo, queryCode, closesAt, onRated }: { caseNo: string; queryCode: string; closesAt: string | null; onRated(): void }) {
  const { t, i18n } = useTranslation();
  const [level, setLevel] = useState<SatisfactionLevel>();
  const [reasons, setReasons] = useState<RatingReason[]>([]);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<FormProblem<Field>>({ fields: {} });
  const [busy, setBusy] = useState(false);
  const toggle = (r: RatingReason) => setReasons((rs) => (rs.includes(r) ? rs.filter((x) => x !== r) : [...rs, r]));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (level === undefined) {
      setProblem({ fields: { level: t('voice.rate.level') } });
      return;
    }
    setBusy(true);
    setProblem({ fields: {} });
    const text = comment.trim();
    rateCase(caseNo, { queryCode, level, reasons, ...(text !== '' && { comment: text }) })
      .then(onRated)
      .catch((e: unknown) => setProblem(formProblem<Field>(e, t, {
        fieldOf: (p) => (p === '/level' ? 'level' : p.startsWith('/reasons') ? 'reasons' : p === '/comment' ? 'comment' : undefined),
        invalid: (field) => t(`voice.rate.${field === 'reasons' ? 'reasons' : field}`),
        notFound: { message: t('portal.lookup.notFound') },
        conflict: (code) => (code === 'ALREADY_RATED' ? t('voice.rate.done') : t('portal.rating.closed')),
      })))
      .finally(() => setBusy(false));
  };

  const offered = level !== undefined && isBad(level) ? BAD_REASONS : GOOD_REASONS;
  return (
    <form className="portal-panel portal-form" onSubmit={submit} noValidate aria-labelledby="case-rating-title" data-testid="case-rating-form">
      <h2 id="case-rating-title">{t('voice.rate.title')}</h2>
      {closesAt && <p className="muted">{t('voice.rate.closesAt', { at: formatDateTime(closesAt, i18n.language) })}</p>}
      <fieldset className={`portal-scores${problem.fields.level ? ' has-error' : ''}`}>
        <legend>{t('voice.rate.level')}</legend>
        <div className="portal-score-options">
          {LEVELS.map((l) => (
            <label key={l} className="portal-score">
              <input type="radio" name="level" value={l} checked={level === l} onChange={() => { setLevel(l); setReasons([]); }} data-testid={`level-${l}`} />
              {t(`voice.level.${l}`)}
            </label>
          ))}
        </div>
        {problem.fields.level && <p className="field-error" role="alert">{problem.fields.level}</p>}
      </fieldset>
      <fieldset>
        <legend>{t('voice.rate.reasons')}</legend>
        <div className="portal-score-options">
          {offered.map((r) => (
            <label key={r} className="portal-score">
              <input type="checkbox" checked={reasons.includes(r)} onChange={() => toggle(r)} data-testid={`reason-${r}`} />
              {t(`voice.reason.${r}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <PortalField name="rating-comment" label={t('voice.rate.comment')} value={comment} onChange={setComment} error={problem.fields.comment} multiline maxLength={2000} />
      {problem.form && <p className="status status--error" role="alert" data-testid="case-rating-error">{problem.form}</p>}
      <div className="portal-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="case-rating-submit">{t('voice.rate.submit')}</button>
      </div>
    </form>
  );
}
