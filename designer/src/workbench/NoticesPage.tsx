import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { ApiError } from '../api/client';
import { getApplication } from '../api/front-desk';
import { issueNotice, listNotices, type Notice, type NoticeRequest } from '../api/notices';
import { CheckField, NumberField, SelectField, TextField } from '../ui/fields';
import { useKeyedAction } from '../ui/useKeyedAction';
import { usePageTitle } from '../ui/usePageTitle';
import { useRemote } from '../ui/useRemote';
import { fieldOfPointer } from './form-fields';
import { NoticeSheet } from './NoticeSheet';

const KINDS = ['acceptance', 'supplement', 'refusal', 'conclusion'] as const;
type Kind = (typeof KINDS)[number];

/** 文书: issue a case's notices (numbered by the API) and print each on A4. */
export function NoticesPage({ caseNo }: { caseNo: string }) {
  const { t } = useTranslation();
  usePageTitle(t('front.notice.title'));
  const notices = useRemote(() => listNotices(caseNo), [caseNo]);
  const application = useRemote(() => getApplication(caseNo), [caseNo]);
  const [kind, setKind] = useState<Kind>('acceptance');
  const [missing, setMissing] = useState<string[]>([]);
  const [days, setDays] = useState<number | undefined>(5);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string>();
  const [shown, setShown] = useState<Notice>();
  const [busy, setBusy] = useState(false);
  // A notice is numbered once: a click repeated after a lost answer sends the same request under
  // the same key and shows the notice the first issued, never a second number.
  const keyed = useKeyedAction();

  const submit = () => {
    const body: NoticeRequest =
      kind === 'supplement' ? { kind, materials: missing, ...(days === undefined ? {} : { supplementDays: days }) } : kind === 'refusal' ? { kind, reason } : { kind };
    setBusy(true);
    setErrors({});
    setProblem(undefined);
    keyed.send({ caseNo, ...body }, (key) => issueNotice(caseNo, body, key))
      .then((n) => {
        setShown(n);
        notices.reload();
      })
      .catch((e: unknown) => {
        const fields: Record<string, string> = {};
        for (const f of e instanceof ApiError ? (e.problem.errors ?? []) : []) fields[fieldOfPointer(f.pointer) ?? ''] = t(`front.notice.errors.${fieldOfPointer(f.pointer) ?? ''}`, { defaultValue: f.detail });
        setErrors(fields);
        setProblem(e instanceof ApiError && e.code === 'notice-not-due' ? t('front.notice.notDue') : (e as Error).message);
      })
      .finally(() => setBusy(false));
  };

  return (
    <main className="page print-page" aria-label={t('front.notice.title')}>
      <div className="no-print">
        <header className="page-head">
          <h1>{t('front.notice.title')} <span className="muted">{caseNo}</span></h1>
          <Link href={`/cases/${encodeURIComponent(caseNo)}`}>{t('front.receipt.toCase')}</Link>
        </header>
        <section className="section" aria-label={t('front.notice.issue')}>
          <SelectField<Kind> label={t('front.notice.kind')} value={kind} testId="notice-kind" options={KINDS.map((k) => ({ value: k, label: t(`front.notice.kinds.${k}`) }))} onChange={(k) => k !== '' && setKind(k)} />
          {kind === 'supplement' && (
            <fieldset className="section">
              <legend>{t('front.notice.missing')}</legend>
              {application.error && <p className="status status--error" role="alert">{application.error}</p>}
              {(application.data?.materials ?? []).map((m, i) => (
                <CheckField key={m.name} label={m.name} checked={missing.includes(m.name)} testId={`missing-${i}`} onChange={(on) => setMissing(on ? [...missing, m.name] : missing.filter((n) => n !== m.name))} />
              ))}
              {errors['materials'] && <small className="error-text" role="alert">{errors['materials']}</small>}
              <NumberField label={t('front.notice.supplementDays')} value={days} min={1} testId="supplement-days" onChange={setDays} />
              {errors['supplementDays'] && <small className="error-text" role="alert">{errors['supplementDays']}</small>}
            </fieldset>
          )}
          {kind === 'refusal' && (
            <>
              <TextField label={t('front.notice.reasonLabel')} value={reason} testId="notice-reason" onChange={setReason} />
              {errors['reason'] && <small className="error-text" role="alert">{errors['reason']}</small>}
            </>
          )}
          <button type="button" className="primary" disabled={busy} data-testid="issue-notice" onClick={submit}>{t('front.notice.issue')}</button>
          {problem && <p className="status status--error" role="alert" data-testid="notice-problem">{problem}</p>}
        </section>
        <ul data-testid="notice-list">
          {(notices.data ?? []).map((n) => (
            <li key={n.id}>
              <button type="button" className="link" onClick={() => setShown(n)}>{n.number} {t(`front.notice.kinds.${n.kind}`)}</button>
            </li>
          ))}
        </ul>
        {shown && <button type="button" onClick={() => window.print()} data-testid="print-notice">{t('front.print')}</button>}
      </div>
      {shown && <NoticeSheet notice={shown} />}
    </main>
  );
}
