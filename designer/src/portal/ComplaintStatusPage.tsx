import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { complaintProgress, type ComplaintProgress } from '../api/public';
import { formatDateTime, formatDeadline } from '../ui/format';
import { PortalField } from './PortalField';
import { formProblem, type FormProblem } from './problems';
import { RatingForm } from './RatingForm';

type Field = 'complaintNo' | 'queryCode';
const COMPLAINT_NO = /^TS[0-9]{14}$/;
const QUERY_CODE = /^[A-Za-z0-9]{4,32}$/;

/** The query code handed over by the filing receipt (history state), so it need not be typed again. */
function handedCode(): string {
  const state = history.state as { queryCode?: unknown } | null;
  return typeof state?.queryCode === 'string' ? state.queryCode : '';
}

/** 投诉查询: a complaint's status by number and query code, and the rating form once it is concluded. */
export function ComplaintStatusPage({ complaintNo }: { complaintNo: string }) {
  const { t } = useTranslation();
  const [no, setNo] = useState(complaintNo);
  const [code, setCode] = useState(handedCode);
  const [problem, setProblem] = useState<FormProblem<Field>>({ fields: {} });
  const [result, setResult] = useState<{ progress: ComplaintProgress; queryCode: string }>();
  const [busy, setBusy] = useState(false);

  const look = (number: string, queryCode: string) => {
    const fields: FormProblem<Field>['fields'] = {};
    if (!COMPLAINT_NO.test(number)) fields.complaintNo = t(number === '' ? 'portal.lookup.required' : 'portal.status.invalidNo');
    if (!QUERY_CODE.test(queryCode)) fields.queryCode = t(queryCode === '' ? 'portal.lookup.required' : 'portal.status.invalidCode');
    setProblem({ fields });
    if (Object.keys(fields).length > 0) return;
    setBusy(true);
    setResult(undefined);
    complaintProgress(number, queryCode)
      .then((progress) => setResult({ progress, queryCode }))
      .catch((e: unknown) => setProblem(formProblem<Field>(e, t, {
        fieldOf: (pointer) => (pointer === '/complaintNo' ? 'complaintNo' : pointer === '/queryCode' ? 'queryCode' : undefined),
        invalid: (field) => t(field === 'complaintNo' ? 'portal.status.invalidNo' : 'portal.status.invalidCode'),
        notFound: { field: 'queryCode', message: t('portal.status.notFound') },
      })))
      .finally(() => setBusy(false));
  };

  // Opened from the receipt with both number and code: show the status at once.
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current) return;
    opened.current = true;
    if (complaintNo !== '' && handedCode() !== '') look(complaintNo, handedCode());
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    look(no.trim().toUpperCase(), code.trim());
  };

  return (
    <div className="portal-page">
      <h1>{t('portal.status.title')}</h1>
      <form className="portal-form portal-form--inline" onSubmit={submit} noValidate aria-label={t('portal.status.title')} data-testid="complaint-lookup">
        <p className="muted">{t('portal.status.intro')}</p>
        <PortalField name="complaintNo" label={t('portal.status.complaintNo')} hint={t('portal.status.complaintNoHint')} value={no} onChange={setNo} error={problem.fields.complaintNo} autoComplete="off" />
        <PortalField name="queryCode" label={t('portal.status.queryCode')} value={code} onChange={setCode} error={problem.fields.queryCode} autoComplete="off" />
        <div className="portal-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="complaint-lookup-submit">
            {t('portal.status.submit')}
          </button>
        </div>
        {problem.form && <p className="status status--error" role="alert" data-testid="form-error">{problem.form}</p>}
      </form>
      {busy && <p className="muted">{t('common.loading')}</p>}
      {result && <ComplaintView progress={result.progress} queryCode={result.queryCode} />}
    </div>
  );
}

function ComplaintView({ progress, queryCode }: { progress: ComplaintProgress; queryCode: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [rated, setRated] = useState<number | null>(progress.rating);
  const [thanked, setThanked] = useState(false);
  return (
    <>
      <section className="portal-panel" aria-labelledby="complaint-title" data-testid="complaint-status" data-status={progress.status}>
        <h2 id="complaint-title">
          {t('portal.status.complaintNo')} <span className="portal-mono">{progress.complaintNo}</span>
        </h2>
        <dl className="portal-facts">
          <dt>{t('portal.status.state')}</dt>
          <dd data-testid="complaint-state">{t(`portal.status.statuses.${progress.status}`)}</dd>
          <dt>{t('portal.status.department')}</dt>
          <dd data-testid="complaint-department">{progress.department === null ? t('portal.status.unassigned') : progress.departmentName ?? '—'}</dd>
          <dt>{t('portal.status.filedAt')}</dt>
          <dd>{formatDateTime(progress.filedAt, locale)}</dd>
          <dt>{t('portal.status.firstResponseAt')}</dt>
          <dd>{formatDateTime(progress.firstResponseAt, locale)}</dd>
          <dt>{t('portal.status.handlingBy')}</dt>
          <dd>{formatDeadline(progress.handlingDeadline, locale)}</dd>
          <dt>{t('portal.status.concludedAt')}</dt>
          <dd>{formatDateTime(progress.concludedAt, locale)}</dd>
          {progress.result !== null && (
            <>
              <dt>{t('portal.status.result')}</dt>
              <dd data-testid="complaint-result">{progress.result}</dd>
            </>
          )}
          {progress.finding !== null && (
            <>
              <dt>{t('portal.status.finding')}</dt>
              <dd>{t(`portal.status.findings.${progress.finding}`, { defaultValue: progress.finding })}</dd>
            </>
          )}
          {rated !== null && (
            <>
              <dt>{t('portal.status.rating')}</dt>
              <dd data-testid="complaint-rating">{t('portal.status.stars', { score: rated })}</dd>
            </>
          )}
        </dl>
      </section>
      {thanked && <p className="status status--info" role="status" data-testid="rating-done">{t('portal.rating.done')}</p>}
      {progress.status === 'concluded' && rated === null && (
        <RatingForm
          complaintNo={progress.complaintNo}
          queryCode={queryCode}
          onRated={(score) => {
            setRated(score);
            setThanked(true);
          }}
        />
      )}
    </>
  );
}
