import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LATENESS_COUNTERS } from '../../../domain/evaluation/appeal';
import { fileAppeal, type Appeal, type DepartmentEvaluation } from '../api/evaluations';
import { FieldError, Outcome } from './Outcome';
import { otherFields, refusalOf, type Refusal } from './refusal';

/** A department's officer appeals (申诉) a lateness counted against the department: a warning, a card, an overdue step, a late conclusion. */
export function AppealForm({ evaluationId, department, appeals, onFiled }: {
  evaluationId: string;
  department: DepartmentEvaluation;
  appeals: Appeal[];
  onFiled(): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const cards = department.inputs.facts.filter((f) => LATENESS_COUNTERS.includes(f.counter));
  const appealed = new Map(appeals.map((a) => [a.ref, a]));
  // The red card first, the lateness an appeal most often contests.
  const open = cards.filter((c) => !appealed.has(c.ref ?? c.id));
  const first = open.find((c) => c.counter === 'redCards') ?? open[0];
  const [card, setCard] = useState(first?.id ?? '');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const [refusal, setRefusal] = useState<Refusal>();
  if (cards.length === 0) return <p className="muted" data-testid="no-red-cards">{t('evaluation.appeal.noCards')}</p>;

  const chosen = cards.find((c) => c.id === card);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(undefined);
    setRefusal(undefined);
    setBusy(true);
    fileAppeal(evaluationId, chosen?.caseNo ?? '', chosen?.ref ?? chosen?.id ?? '', reason.trim())
      .then((filed) => {
        const counter = chosen?.counter ?? 'redCards';
        setDone(counter === 'redCards'
          ? t('evaluation.appeal.filed', { caseNo: filed.caseNo })
          : t('evaluation.appeal.filedOther', { caseNo: filed.caseNo, fact: t(`evaluation.fact.${counter}`) }));
        setReason('');
        onFiled();
      })
      .catch((e: unknown) => setRefusal(refusalOf(e, t)))
      .finally(() => setBusy(false));
  };
  const reasonError = refusal?.fields['/reason'];
  const cardError = refusal?.fields['/caseNo'] ?? refusal?.fields['/ref'];
  return (
    <form className="eval-appeal-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('evaluation.appeal.title')}</h3>
      <div className="field">
        <label htmlFor={`${id}-card`}>{t('evaluation.appeal.card')}</label>
        <select id={`${id}-card`} value={card} data-testid="appeal-card" aria-invalid={cardError !== undefined} onChange={(e) => setCard(e.target.value)}>
          <option value="">{t('evaluation.appeal.chooseCard')}</option>
          {cards.map((c) => {
            const existing = appealed.get(c.ref ?? c.id);
            const fact = t(`evaluation.fact.${c.counter}`);
            return (
              <option key={c.id} value={c.id}>
                {existing
                  ? t('evaluation.appeal.cardAppealed', { caseNo: c.caseNo, fact, status: t(`evaluation.appealStatus.${existing.status}`) })
                  : c.counter === 'redCards' ? c.caseNo : t('evaluation.appeal.cardOption', { caseNo: c.caseNo, fact })}
              </option>
            );
          })}
        </select>
        <FieldError id={`${id}-card-error`} message={cardError} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('evaluation.appeal.reason')}</label>
        <textarea
          id={`${id}-reason`} rows={4} maxLength={4000} value={reason} data-testid="appeal-reason" aria-invalid={reasonError !== undefined}
          aria-describedby={reasonError ? `${id}-reason-error` : undefined} onChange={(e) => setReason(e.target.value)}
        />
        <small>{t('evaluation.appeal.reasonHint')}</small>
        <FieldError id={`${id}-reason-error`} message={reasonError} />
      </div>
      {refusal && otherFields(refusal, ['/reason', '/caseNo', '/ref']).map((line) => <small key={line} className="error-text">{line}</small>)}
      <button type="submit" className="primary" disabled={busy} data-testid="file-appeal">{t('evaluation.appeal.submit')}</button>
      <Outcome done={done} refusal={refusal} testId="appeal-outcome" />
    </form>
  );
}
