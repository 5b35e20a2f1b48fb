import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { newIdempotencyKey } from '../api/client';
import { closeFollowUp, listFollowUps, OUTCOMES, readFollowUp, type FollowUpDetail, type FollowUpOutcome, type FollowUpSummary } from '../api/voice';
import { useSession } from '../auth/session';
import { formatDateTime, formatDeadline } from '../ui/format';
import { problemText } from './problemText';

/** 差评整改: ratings of the caller's department (every department for supervisors), newest first. */
export function FollowUpsPage() {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<FollowUpSummary[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    listFollowUps().then((p) => setItems(p.items)).catch((e: unknown) => setError(problemText(e)));
  }, []);
  return (
    <div className="page">
      <h1>{t('voice.staff.followUps')}</h1>
      {error && <p className="status status--error" role="alert">{error}</p>}
      <table className="table" data-testid="follow-ups">
        <thead><tr><th>{t('voice.staff.rating')}</th><th>{t('voice.ask.item')}</th><th>{t('voice.staff.deadline')}</th><th>{t('voice.ask.status')}</th></tr></thead>
        <tbody>
          {items?.map((f) => (
            <tr key={f.caseNo}>
              <td><Link href={`/follow-ups/${f.caseNo}`}>{f.caseNo}</Link>({t(`voice.level.${f.level}`)})</td>
              <td>{f.itemName}</td><td>{formatDeadline(f.deadline, i18n.language)}</td><td>{t(`voice.followUpStatus.${f.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A rating and its follow-up: the officer of the department closes it with the result the applicant reads. */
export function FollowUpPage({ caseNo }: { caseNo: string }) {
  const { t, i18n } = useTranslation();
  const roles = useSession((s) => s.user?.roles ?? []);
  const [detail, setDetail] = useState<FollowUpDetail>();
  const [outcome, setOutcome] = useState<FollowUpOutcome>('rectified');
  const [result, setResult] = useState('');
  const [error, setError] = useState<string>();
  const [key] = useState(newIdempotencyKey);
  const load = () => readFollowUp(caseNo).then(setDetail).catch((e: unknown) => setError(problemText(e)));
  useEffect(() => void load(), [caseNo]);
  if (!detail) return <div className="page">{error ? <p className="status status--error" role="alert">{error}</p> : t('common.loading')}</div>;
  const f = detail.followUp;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    closeFollowUp(caseNo, { outcome, result: result.trim() }, key).then(() => setTimeout(() => void load(), 500)).catch((e: unknown) => setError(problemText(e)));
  };
  return (
    <div className="page">
      <h1>{t('voice.staff.followUp', { caseNo })}</h1>
      <dl data-testid="follow-up">
        <dt>{t('voice.ask.item')}</dt><dd>{f.itemName}</dd>
        <dt>{t('voice.staff.rating')}</dt><dd>{t(`voice.level.${f.level}`)}({formatDateTime(f.ratedAt, i18n.language)})</dd>
        <dt>{t('voice.staff.reasons')}</dt><dd>{f.reasons.map((r) => t(`voice.reason.${r}`)).join('、') || '—'}</dd>
        <dt>{t('voice.staff.comment')}</dt><dd>{f.comment ?? '—'}</dd>
        <dt>{t('voice.staff.deadline')}</dt><dd>{formatDeadline(f.deadline, i18n.language)}</dd>
        <dt>{t('voice.ask.status')}</dt><dd data-testid="follow-up-status">{t(`voice.followUpStatus.${f.status}`)}</dd>
        {f.result !== null && (<><dt>{t('voice.staff.result')}</dt><dd>{t(`voice.outcome.${f.outcome ?? 'rectified'}`)}:{f.result}</dd></>)}
      </dl>
      {f.status === 'open' && roles.includes('department-officer') && (
        <form onSubmit={submit} data-testid="close-form">
          <label htmlFor="outcome">{t('voice.staff.outcome')}</label>
          <select id="outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as FollowUpOutcome)} data-testid="close-outcome">
            {OUTCOMES.map((o) => <option key={o} value={o}>{t(`voice.outcome.${o}`)}</option>)}
          </select>
          <label htmlFor="result">{t('voice.staff.result')}</label>
          <textarea id="result" value={result} onChange={(e) => setResult(e.target.value)} maxLength={4000} data-testid="close-result" />
          <button type="submit" className="primary" data-testid="close-submit">{t('voice.staff.close')}</button>
        </form>
      )}
      {error && <p className="status status--error" role="alert" data-testid="action-error">{error}</p>}
    </div>
  );
}
