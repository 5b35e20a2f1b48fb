import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { answerOrder, concludeOrder, FINDINGS, MEASURES, RESPONSIBILITIES, type ConclusionInput, type Finding, type Measure, type Responsibility } from '../api/orders';
import { AreaField, ChoiceField, Outcome } from './fields';
import { useAction } from './useAction';

/** The department's supervision officer answers the order. */
export function AnswerForm({ orderId, onDone }: { orderId: string; onDone(): void }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState('');
  const [measuresTaken, setMeasuresTaken] = useState('');
  const action = useAction(['answer', 'measuresTaken']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { answer, ...(measuresTaken.trim() !== '' && { measuresTaken }) };
    action.run((key) => answerOrder(orderId, body, key), () => {
      setAnswer('');
      setMeasuresTaken('');
      onDone();
      return t('oversight.answer.done');
    });
  };
  return (
    <section className="actions" aria-labelledby="answer-title" data-testid="answer-form">
      <h2 id="answer-title">{t('oversight.answer.title')}</h2>
      <form onSubmit={submit} noValidate>
        <AreaField label={t('oversight.answer.answer')} value={answer} onChange={setAnswer} error={action.fields['answer']} testId="answer-text" />
        <AreaField label={t('oversight.answer.measuresTaken')} value={measuresTaken} onChange={setMeasuresTaken} rows={3} error={action.fields['measuresTaken']} testId="answer-measures" />
        <button type="submit" disabled={action.busy} data-testid="answer-submit">{t('oversight.answer.submit')}</button>
      </form>
      <Outcome outcome={action.outcome} testId="answer-outcome" />
    </section>
  );
}

/** A supervisor concludes: finding, responsibility and measure from the contract's lists, with a comment. */
export function ConcludeForm({ orderId, onDone }: { orderId: string; onDone(): void }) {
  const { t } = useTranslation();
  const [conclusion, setConclusion] = useState<{ finding: Finding | ''; responsibility: Responsibility | ''; measure: Measure | ''; comment: string }>({
    finding: '', responsibility: '', measure: '', comment: '',
  });
  const action = useAction(['finding', 'responsibility', 'measure', 'comment']);
  const choose = { value: '' as const, label: t('oversight.conclude.choose') };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // What is not chosen is not sent: the API names each missing field.
    const body: ConclusionInput = {
      ...(conclusion.finding !== '' && { finding: conclusion.finding }),
      ...(conclusion.responsibility !== '' && { responsibility: conclusion.responsibility }),
      ...(conclusion.measure !== '' && { measure: conclusion.measure }),
      ...(conclusion.comment.trim() !== '' && { comment: conclusion.comment }),
    };
    action.run((key) => concludeOrder(orderId, body, key), () => {
      onDone();
      return t('oversight.conclude.done');
    });
  };
  return (
    <section className="actions" aria-labelledby="conclude-title" data-testid="conclude-form">
      <h2 id="conclude-title">{t('oversight.conclude.title')}</h2>
      <form onSubmit={submit} noValidate>
        <ChoiceField
          label={t('oversight.conclude.finding')}
          value={conclusion.finding}
          options={[choose, ...FINDINGS.map((f) => ({ value: f, label: t(`oversight.finding.${f}`) }))]}
          onChange={(finding) => setConclusion({ ...conclusion, finding })}
          error={action.fields['finding']}
          testId="conclude-finding"
        />
        <ChoiceField
          label={t('oversight.conclude.responsibility')}
          value={conclusion.responsibility}
          options={[choose, ...RESPONSIBILITIES.map((r) => ({ value: r, label: t(`oversight.responsibility.${r}`) }))]}
          onChange={(responsibility) => setConclusion({ ...conclusion, responsibility })}
          error={action.fields['responsibility']}
          testId="conclude-responsibility"
        />
        <ChoiceField
          label={t('oversight.conclude.measure')}
          value={conclusion.measure}
          options={[choose, ...MEASURES.map((m) => ({ value: m, label: t(`oversight.measure.${m}`) }))]}
          onChange={(measure) => setConclusion({ ...conclusion, measure })}
          error={action.fields['measure']}
          testId="conclude-measure"
        />
        <AreaField label={t('oversight.conclude.comment')} value={conclusion.comment} rows={3} onChange={(comment) => setConclusion({ ...conclusion, comment })} error={action.fields['comment']} testId="conclude-comment" />
        <button type="submit" disabled={action.busy} data-testid="conclude-submit">{t('oversight.conclude.submit')}</button>
      </form>
      <Outcome outcome={action.outcome} testId="conclude-outcome" />
    </section>
  );
}
