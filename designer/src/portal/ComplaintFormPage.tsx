import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { newIdempotencyKey } from '../api/client';
import { fileComplaint, type ComplaintFiling, type FiledComplaint } from '../api/public';
import { formatDateTime, formatDeadline } from '../ui/format';
import { PortalField } from './PortalField';
import { formProblem, type FormProblem } from './problems';

type Field = 'name' | 'phone' | 'email' | 'content' | 'department' | 'caseNo' | 'itemCode';
type Draft = Record<Field, string>;

const FIELD_OF: Record<string, Field> = {
  '/complainant/name': 'name', '/complainant/phone': 'phone', '/complainant/email': 'email', '/content': 'content',
  '/about/department': 'department', '/about/caseNo': 'caseNo', '/about/itemCode': 'itemCode',
};

/** Only the fields filled in, trimmed. */
function filled<K extends string>(entries: [K, string][]): Partial<Record<K, string>> {
  return Object.fromEntries(entries.map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== '')) as Partial<Record<K, string>>;
}

/** What the form sends: the required fields as typed (trimmed), the optional ones only when filled in. */
function filingOf(draft: Draft): ComplaintFiling {
  const about = filled([['department', draft.department], ['caseNo', draft.caseNo], ['itemCode', draft.itemCode]]);
  return {
    complainant: { name: draft.name.trim(), ...filled([['phone', draft.phone], ['email', draft.email]]) },
    content: draft.content.trim(),
    ...(Object.keys(about).length > 0 && { about }),
  };
}

/** 我要投诉: the public complaint form; it answers the complaint number and query code to keep. */
export function ComplaintFormPage() {
  const { t } = useTranslation();
  const search = new URLSearchParams(useSearch());
  const empty = (): Draft => ({ name: '', phone: '', email: '', content: '', department: '', caseNo: search.get('caseNo') ?? '', itemCode: search.get('itemCode') ?? '' });
  const [draft, setDraft] = useState<Draft>(empty);
  const [problem, setProblem] = useState<FormProblem<Field>>({ fields: {} });
  const [busy, setBusy] = useState(false);
  const [filed, setFiled] = useState<FiledComplaint>();
  // One key per intended complaint: a repeat after a lost answer files nothing twice.
  const [key, setKey] = useState(newIdempotencyKey);
  const set = (field: Field) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem({ fields: {} });
    fileComplaint(filingOf(draft), key)
      .then(setFiled)
      .catch((e: unknown) => setProblem(formProblem<Field>(e, t, {
        fieldOf: (pointer) => FIELD_OF[pointer],
        invalid: (field) => t(`portal.complaint.invalid.${field}`),
      })))
      .finally(() => setBusy(false));
  };

  if (filed) {
    return (
      <Receipt
        filed={filed}
        onAnother={() => {
          setFiled(undefined);
          setDraft(empty());
          setKey(newIdempotencyKey());
        }}
      />
    );
  }
  const field = (name: Field, label: string, extra: Partial<Parameters<typeof PortalField>[0]> = {}) => (
    <PortalField name={name} label={label} value={draft[name]} onChange={set(name)} error={problem.fields[name]} {...extra} />
  );
  return (
    <div className="portal-page">
      <h1>{t('portal.complaint.title')}</h1>
      <form className="portal-form" onSubmit={submit} noValidate aria-label={t('portal.complaint.title')} data-testid="complaint-form">
        <p className="muted">{t('portal.complaint.intro')}</p>
        {field('name', t('portal.complaint.name'), { autoComplete: 'name', maxLength: 100 })}
        {field('phone', t('portal.complaint.phone'), { type: 'tel', autoComplete: 'tel' })}
        {field('email', t('portal.complaint.email'), { type: 'email', autoComplete: 'email' })}
        {field('content', t('portal.complaint.content'), { multiline: true, hint: t('portal.complaint.contentHint'), maxLength: 4000 })}
        <fieldset className="section">
          <legend>{t('portal.complaint.about')}</legend>
          {field('department', t('portal.complaint.aboutDepartment'))}
          {field('caseNo', t('portal.complaint.aboutCaseNo'))}
          {field('itemCode', t('portal.complaint.aboutItemCode'))}
        </fieldset>
        {problem.form && <p className="status status--error" role="alert" data-testid="form-error">{problem.form}</p>}
        <div className="portal-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="complaint-submit">
            {t('portal.complaint.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}

function Receipt({ filed, onAnother }: { filed: FiledComplaint; onAnother(): void }) {
  const { t, i18n } = useTranslation();
  const [, navigate] = useLocation();
  return (
    <div className="portal-page">
      <section className="portal-panel portal-receipt" aria-labelledby="receipt-title" data-testid="complaint-receipt">
        <h1 id="receipt-title">{t('portal.complaint.filed')}</h1>
        <p className="status status--info" role="status">{t('portal.complaint.keep')}</p>
        <dl className="portal-facts portal-facts--receipt">
          <dt>{t('portal.complaint.complaintNo')}</dt>
          <dd className="portal-mono portal-code" data-testid="receipt-no">{filed.complaintNo}</dd>
          <dt>{t('portal.complaint.queryCode')}</dt>
          <dd className="portal-mono portal-code" data-testid="receipt-code">{filed.queryCode}</dd>
          <dt>{t('portal.complaint.firstResponseBy')}</dt>
          <dd>{formatDateTime(filed.firstResponseDeadline, i18n.language)}</dd>
          <dt>{t('portal.complaint.handlingBy')}</dt>
          <dd>{formatDeadline(filed.handlingDeadline, i18n.language)}</dd>
        </dl>
        <div className="portal-actions">
          <button
            type="button"
            className="primary"
            data-testid="receipt-status"
            onClick={() => navigate(`/public/complaints/${encodeURIComponent(filed.complaintNo)}`, { state: { queryCode: filed.queryCode } })}
          >
            {t('portal.complaint.viewStatus')}
          </button>
          <button type="button" onClick={onAnother}>
            {t('portal.complaint.another')}
          </button>
        </div>
      </section>
    </div>
  );
}
