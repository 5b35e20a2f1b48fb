import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { caseProgress, type CaseProgress } from '../api/public';
import { CaseProgressView } from './CaseProgressView';
import { CaseRatingPanel } from '../voice/CaseRatingPanel';
import { PortalField } from './PortalField';
import { formProblem, type FormProblem } from './problems';

type Field = 'caseNo' | 'queryCode';
const CASE_NO = /^[A-Za-z0-9][A-Za-z0-9._-]{3,100}$/;
const QUERY_CODE = /^[A-Za-z0-9]{4,32}$/;

/**
 * 办件查询: the case number and query code of the receipt open the case's progress and clock.
 * `/public/cases/<number>` (the receipt's QR code, a bookmark) comes with the number filled in and
 * asks for the code only: the code never goes into the address, where histories and logs keep it.
 */
export function CaseLookupPage({ caseNo: given = '' }: { caseNo?: string }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [caseNo, setCaseNo] = useState(given);
  const [queryCode, setQueryCode] = useState('');
  const [problem, setProblem] = useState<FormProblem<Field>>({ fields: {} });
  const [result, setResult] = useState<CaseProgress>();
  const [busy, setBusy] = useState(false);

  const check = (no: string, code: string): FormProblem<Field> => {
    const fields: FormProblem<Field>['fields'] = {};
    if (no === '') fields.caseNo = t('portal.lookup.required');
    else if (!CASE_NO.test(no)) fields.caseNo = t('portal.lookup.invalidCaseNo');
    if (code === '') fields.queryCode = t('portal.lookup.required');
    else if (!QUERY_CODE.test(code)) fields.queryCode = t('portal.lookup.invalidCode');
    return { fields };
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const no = caseNo.trim();
    const code = queryCode.trim();
    const local = check(no, code);
    setProblem(local);
    if (Object.keys(local.fields).length > 0) return;
    setBusy(true);
    setResult(undefined);
    caseProgress(no, code)
      .then((progress) => {
        setResult(progress);
        if (no !== given) navigate(`/public/cases/${encodeURIComponent(no)}`, { replace: true });
      })
      .catch((e: unknown) => setProblem(formProblem<Field>(e, t, {
        fieldOf: (pointer) => (pointer === '/caseNo' ? 'caseNo' : pointer === '/queryCode' ? 'queryCode' : undefined),
        invalid: (field) => t(field === 'caseNo' ? 'portal.lookup.invalidCaseNo' : 'portal.lookup.invalidCode'),
        notFound: { field: 'queryCode', message: t('portal.lookup.notFound') },
      })))
      .finally(() => setBusy(false));
  };

  return (
    <div className="portal-page">
      <h1>{t('portal.lookup.title')}</h1>
      <form className="portal-form portal-form--inline" onSubmit={submit} noValidate aria-label={t('portal.lookup.title')} data-testid="case-lookup">
        <p className="muted">{t('portal.lookup.intro')}</p>
        <PortalField name="caseNo" label={t('portal.lookup.caseNo')} hint={t('portal.lookup.caseNoHint')} value={caseNo} onChange={setCaseNo} error={problem.fields.caseNo} autoComplete="off" />
        <PortalField name="queryCode" label={t('portal.lookup.queryCode')} hint={t('portal.lookup.queryCodeHint')} value={queryCode} onChange={setQueryCode} error={problem.fields.queryCode} autoComplete="off" />
        <div className="portal-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="lookup-submit">
            {t('portal.lookup.submit')}
          </button>
        </div>
        {problem.form && <p className="status status--error" role="alert" data-testid="form-error">{problem.form}</p>}
      </form>
      {busy && <p className="muted">{t('common.loading')}</p>}
      {result && <CaseProgressView progress={result} />}
      {result && <CaseRatingPanel caseNo={result.caseNo} queryCode={queryCode.trim()} />}
    </div>
  );
}
