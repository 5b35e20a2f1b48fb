import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { listStandards, startEvaluation } from '../api/evaluations';
import { localToday } from '../ui/format';
import { useRemote } from '../ui/useRemote';
import { FieldError, Outcome } from './Outcome';
import { otherFields, refusalOf, type Refusal } from './refusal';

/** The month before today's, e.g. '2026-02' on 2026-03-05. */
function lastMonth(today = localToday()): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Starts (or joins) the evaluation of a month or a quarter by a scoring standard. */
export function StartEvaluation({ onStarted }: { onStarted(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [, navigate] = useLocation();
  const standards = useRemote(listStandards, []);
  const [kind, setKind] = useState<'month' | 'quarter'>('month');
  const [month, setMonth] = useState(lastMonth);
  const [year, setYear] = useState(() => Number(lastMonth().slice(0, 4)));
  const [quarter, setQuarter] = useState(1);
  const [standard, setStandard] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const [refusal, setRefusal] = useState<Refusal>();
  const period = kind === 'month' ? month : `${year}-Q${quarter}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setDone(undefined);
    setRefusal(undefined);
    startEvaluation(period, standard || undefined)
      .then((started) => {
        onStarted();
        if (started.state === 'done') navigate(`/evaluations/${encodeURIComponent(started.evaluationId)}`);
        else setDone(t('evaluation.start.running', { period: started.period }));
      })
      .catch((e: unknown) => setRefusal(refusalOf(e, t)))
      .finally(() => setBusy(false));
  };
  const periodError = refusal?.fields['/period'];
  const extra = refusal ? otherFields(refusal, ['/period']) : [];
  return (
    <form className="eval-start" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('evaluation.start.title')}</h2>
      <div className="eval-start-fields">
        <fieldset className="segmented">
          <legend>{t('evaluation.start.kind')}</legend>
          {(['month', 'quarter'] as const).map((k) => (
            <label key={k}>
              <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(`evaluation.period.${k}`)}
            </label>
          ))}
        </fieldset>
        {kind === 'month' ? (
          <div className="field">
            <label htmlFor={`${id}-month`}>{t('evaluation.start.month')}</label>
            <input
              id={`${id}-month`} type="month" value={month} data-testid="evaluation-month" aria-invalid={periodError !== undefined}
              aria-describedby={periodError ? `${id}-period-error` : undefined} onChange={(e) => setMonth(e.target.value)}
            />
          </div>
        ) : (
          <>
            <div className="field">
              <label htmlFor={`${id}-year`}>{t('evaluation.start.year')}</label>
              <input id={`${id}-year`} type="number" min={2000} max={2100} value={year} aria-invalid={periodError !== undefined} onChange={(e) => setYear(Number(e.target.value))} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-quarter`}>{t('evaluation.start.quarter')}</label>
              <select id={`${id}-quarter`} value={quarter} onChange={(e) => setQuarter(Number(e.target.value))}>
                {[1, 2, 3, 4].map((q) => <option key={q} value={q}>{t('evaluation.period.quarterN', { n: q })}</option>)}
              </select>
            </div>
          </>
        )}
        <div className="field">
          <label htmlFor={`${id}-standard`}>{t('evaluation.start.standard')}</label>
          <select id={`${id}-standard`} value={standard} data-testid="evaluation-standard" onChange={(e) => setStandard(e.target.value)}>
            <option value="">{t('evaluation.start.defaultStandard')}</option>
            {(standards.data ?? []).map((s) => (
              <option key={s.code} value={s.code}>{`${s.standard.name} (${s.code} v${s.version})`}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary" disabled={busy} data-testid="start-evaluation">
          {busy ? t('evaluation.start.busy') : t('evaluation.start.submit')}
        </button>
      </div>
      <FieldError id={`${id}-period-error`} message={periodError} />
      {extra.map((line) => <small key={line} className="error-text">{line}</small>)}
      <Outcome done={done} refusal={refusal} testId="start-outcome" />
    </form>
  );
}
