import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { newIdempotencyKey } from '../api/client';
import { answerConsultation, listConsultations, publishFaq, readConsultation, type ConsultationDetail, type ConsultationSummary } from '../api/voice';
import { useSession } from '../auth/session';
import { formatDateTime, formatDeadline } from '../ui/format';
import { problemText } from './problemText';
import { RegisterQuestion } from './RegisterQuestion';

/** 咨询: the questions of the caller's department (every department for supervisors), newest first. */
export function ConsultationsPage() {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<ConsultationSummary[]>();
  const [error, setError] = useState<string>();
  const roles = useSession((s) => s.user?.roles ?? []);
  useEffect(() => {
    listConsultations().then((p) => setItems(p.items)).catch((e: unknown) => setError(problemText(e)));
  }, []);
  return (
    <div className="page">
      <h1>{t('voice.staff.consultations')}</h1>
      {error && <p className="status status--error" role="alert">{error}</p>}
      <table className="table" data-testid="consultations">
        <thead><tr><th>{t('voice.ask.number')}</th><th>{t('voice.ask.item')}</th><th>{t('voice.ask.question')}</th><th>{t('voice.ask.deadline')}</th><th>{t('voice.ask.status')}</th><th>{t('voice.staff.level')}</th></tr></thead>
        <tbody>
          {items?.map((c) => (
            <tr key={c.consultationNo}>
              <td><Link href={`/consultations/${c.consultationNo}`}>{c.consultationNo}</Link></td>
              <td>{c.itemName}</td><td>{c.question}</td><td>{formatDeadline(c.answerDeadline, i18n.language)}</td>
              <td>{t(`voice.consultationStatus.${c.status}`)}</td><td>{c.level === 'normal' ? '—' : t(`describe.level.${c.level}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {roles.some((r) => r === 'clerk' || r === 'department-officer' || r === 'supervisor') && <RegisterQuestion />}
    </div>
  );
}

/** One consultation: the question, its ladder, the answer form (clerk or officer of its department) and the FAQ button (officer). */
export function ConsultationPage({ consultationNo }: { consultationNo: string }) {
  const { t, i18n } = useTranslation();
  const roles = useSession((s) => s.user?.roles ?? []);
  const [detail, setDetail] = useState<ConsultationDetail>();
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string>();
  const [key] = useState(newIdempotencyKey);
  const load = () => readConsultation(consultationNo).then(setDetail).catch((e: unknown) => setError(problemText(e)));
  useEffect(() => void load(), [consultationNo]);
  if (!detail) return <div className="page">{error ? <p className="status status--error" role="alert">{error}</p> : t('common.loading')}</div>;
  const c = detail.consultation;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    answerConsultation(consultationNo, answer.trim(), key).then(() => setTimeout(() => void load(), 500)).catch((e: unknown) => setError(problemText(e)));
  };
  const publish = () => publishFaq(consultationNo).then(() => void load()).catch((e: unknown) => setError(problemText(e)));
  const mayAnswer = c.status === 'open' && roles.some((r) => r === 'clerk' || r === 'department-officer');
  return (
    <div className="page">
      <h1>{t('voice.staff.consultation', { no: c.consultationNo })}</h1>
      <dl data-testid="consultation">
        <dt>{t('voice.ask.item')}</dt><dd>{c.itemName}</dd>
        <dt>{t('voice.staff.asker')}</dt><dd>{c.askerName}({t(`voice.staff.channel.${c.channel}`)})</dd>
        <dt>{t('voice.ask.askedAt')}</dt><dd>{formatDateTime(c.askedAt, i18n.language)}</dd>
        <dt>{t('voice.ask.question')}</dt><dd>{c.question}</dd>
        <dt>{t('voice.ask.deadline')}</dt><dd>{formatDeadline(c.answerDeadline, i18n.language)}</dd>
        <dt>{t('voice.ask.status')}</dt><dd data-testid="consultation-status">{t(`voice.consultationStatus.${c.status}`)}</dd>
        <dt>{t('voice.staff.level')}</dt><dd data-testid="consultation-level">{c.level === 'normal' ? '—' : t(`describe.level.${c.level}`)}</dd>
        {c.answer !== null && (<><dt>{t('voice.ask.answer')}</dt><dd>{c.answer}({t(c.answeredOnTime ? 'voice.staff.onTime' : 'voice.staff.late')})</dd></>)}
      </dl>
      {mayAnswer && (
        <form onSubmit={submit} data-testid="answer-form">
          <label htmlFor="answer">{t('voice.staff.answer')}</label>
          <textarea id="answer" value={answer} onChange={(e) => setAnswer(e.target.value)} maxLength={4000} data-testid="answer-input" />
          <button type="submit" className="primary" data-testid="answer-submit">{t('voice.staff.answerSubmit')}</button>
        </form>
      )}
      {c.status === 'answered' && roles.includes('department-officer') && (
        c.faqPublishedAt ? <p data-testid="faq-published">{t('voice.staff.published')}</p>
          : <button type="button" onClick={() => void publish()} data-testid="publish-faq">{t('voice.staff.publishFaq')}</button>
      )}
      {error && <p className="status status--error" role="alert" data-testid="action-error">{error}</p>}
    </div>
  );
}
