import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { readGuide } from '../api/public';
import { askQuestion, type AskedQuestion } from '../api/voice';
import { newIdempotencyKey } from '../api/client';
import { PortalField } from '../portal/PortalField';
import { formProblem, type FormProblem } from '../portal/problems';
import { formatDeadline } from '../ui/format';

type Field = 'name' | 'phone' | 'question';

/** 我要咨询: a question about one item, routed to its department; answers the number and query code to keep. */
export function AskPage({ itemCode }: { itemCode: string }) {
  const { t, i18n } = useTranslation();
  const [itemName, setItemName] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [question, setQuestion] = useState('');
  const [problem, setProblem] = useState<FormProblem<Field>>({ fields: {} });
  const [asked, setAsked] = useState<AskedQuestion>();
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  useEffect(() => {
    readGuide(itemCode).then((g) => setItemName(g.name)).catch(() => undefined);
  }, [itemCode]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem({ fields: {} });
    const tel = phone.trim();
    askQuestion({ itemCode, asker: { name: name.trim(), ...(tel !== '' && { phone: tel }) }, question: question.trim() }, key)
      .then(setAsked)
      .catch((e: unknown) => setProblem(formProblem<Field>(e, t, {
        fieldOf: (p) => (p === '/asker/name' ? 'name' : p === '/asker/phone' ? 'phone' : p === '/question' ? 'question' : undefined),
        invalid: (field) => t(`voice.ask.${field}`),
      })))
      .finally(() => setBusy(false));
  };

  if (asked) {
    return (
      <div className="portal-page">
        <h1>{t('voice.ask.title')}</h1>
        <section className="portal-panel" data-testid="asked">
          <p>{t('voice.ask.saved')}</p>
          <dl>
            <dt>{t('voice.ask.number')}</dt><dd data-testid="consultation-no">{asked.consultationNo}</dd>
            <dt>{t('voice.ask.code')}</dt><dd data-testid="consultation-code">{asked.queryCode}</dd>
            <dt>{t('voice.ask.deadline')}</dt><dd>{formatDeadline(asked.answerDeadline, i18n.language)}</dd>
          </dl>
          <Link href={`/public/consultations/${asked.consultationNo}`} state={{ queryCode: asked.queryCode }}>{t('voice.ask.open')}</Link>
        </section>
      </div>
    );
  }
  return (
    <div className="portal-page">
      <h1>{t('voice.ask.title')}</h1>
      <form className="portal-form" onSubmit={submit} noValidate aria-label={t('voice.ask.title')} data-testid="ask-form">
        <p>{t('voice.ask.item')}:<strong>{itemName}</strong></p>
        <PortalField name="asker-name" label={t('voice.ask.name')} value={name} onChange={setName} error={problem.fields.name} autoComplete="name" />
        <PortalField name="asker-phone" label={t('voice.ask.phone')} value={phone} onChange={setPhone} error={problem.fields.phone} type="tel" autoComplete="tel" />
        <PortalField name="question" label={t('voice.ask.question')} value={question} onChange={setQuestion} error={problem.fields.question} multiline maxLength={2000} />
        {problem.form && <p className="status status--error" role="alert" data-testid="form-error">{problem.form}</p>}
        <div className="portal-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="ask-submit">{t('voice.ask.submit')}</button>
        </div>
      </form>
    </div>
  );
}
