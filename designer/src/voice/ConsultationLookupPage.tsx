import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { publicConsultation, type PublicConsultation } from '../api/voice';
import { PortalField } from '../portal/PortalField';
import { formProblem, type FormProblem } from '../portal/problems';
import { formatDateTime, formatDeadline } from '../ui/format';

type Field = 'no' | 'code';

function handedCode(): string {
  const state = history.state as { queryCode?: unknown } | null;
  return typeof state?.queryCode === 'string' ? state.queryCode : '';
}

/** 咨询答复查询: the question and its answer by number and query code. */
export function ConsultationLookupPage({ consultationNo }: { consultationNo: string }) {
  const { t, i18n } = useTranslation();
  const [no, setNo] = useState(consultationNo);
  const [code, setCode] = useState(handedCode);
  const [problem, setProblem] = useState<FormProblem<Field>>({ fields: {} });
  const [found, setFound] = useState<PublicConsultation>();
  const look = (n: string, c: string) => {
    setFound(undefined);
    setProblem({ fields: {} });
    publicConsultation(n, c).then(setFound).catch((e: unknown) => setProblem(formProblem<Field>(e, t, {
      fieldOf: (p) => (p === '/consultationNo' ? 'no' : p === '/queryCode' ? 'code' : undefined),
      invalid: (field) => t(field === 'no' ? 'voice.ask.number' : 'voice.ask.code'),
      notFound: { field: 'code', message: t('portal.lookup.notFound') },
    })));
  };
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current) return;
    opened.current = true;
    if (consultationNo !== '' && handedCode() !== '') look(consultationNo, handedCode());
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    look(no.trim().toUpperCase(), code.trim());
  };
  return (
    <div className="portal-page">
      <h1>{t('voice.ask.lookupTitle')}</h1>
      <form className="portal-form portal-form--inline" onSubmit={submit} noValidate data-testid="consultation-lookup">
        <PortalField name="consultationNo" label={t('voice.ask.number')} value={no} onChange={setNo} error={problem.fields.no} autoComplete="off" />
        <PortalField name="consultationCode" label={t('voice.ask.code')} value={code} onChange={setCode} error={problem.fields.code} autoComplete="off" />
        <div className="portal-actions"><button type="submit" className="primary" data-testid="consultation-lookup-submit">{t('voice.ask.lookup')}</button></div>
        {problem.form && <p className="status status--error" role="alert">{problem.form}</p>}
      </form>
      {found && (
        <section className="portal-panel" data-testid="consultation-answer">
          <dl>
            <dt>{t('voice.ask.item')}</dt><dd>{found.itemName}</dd>
            <dt>{t('voice.ask.department')}</dt><dd>{found.departmentName}</dd>
            <dt>{t('voice.ask.askedAt')}</dt><dd>{formatDateTime(found.askedAt, i18n.language)}</dd>
            <dt>{t('voice.ask.question')}</dt><dd>{found.question}</dd>
            <dt>{t('voice.ask.deadline')}</dt><dd>{formatDeadline(found.answerDeadline, i18n.language)}</dd>
            <dt>{t('voice.ask.status')}</dt><dd data-testid="consultation-status">{t(`voice.consultationStatus.${found.status}`)}</dd>
            {found.answer !== null && (<><dt>{t('voice.ask.answer')}</dt><dd data-testid="answer-text">{found.answer}</dd>
              <dt>{t('voice.ask.answeredAt')}</dt><dd>{formatDateTime(found.answeredAt, i18n.language)}</dd></>)}
          </dl>
          {found.answer === null && <p className="muted">{t('voice.ask.notYet')}</p>}
        </section>
      )}
    </div>
  );
}
