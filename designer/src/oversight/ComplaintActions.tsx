import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_FINDING_LIST, concludeComplaint, respondToComplaint, transferComplaint, type ComplaintFinding } from '../api/complaints';
import type { Department } from '../api/departments';
import { AreaField, ChoiceField, Outcome } from './fields';
import { useAction } from './useAction';

interface ActionProps {
  complaintNo: string;
  onDone(): void;
}

/** A supervisor transfers the complaint to the department that must handle it. */
export function TransferForm({ complaintNo, onDone, departments, current }: ActionProps & { departments: Department[]; current: string | null }) {
  const { t } = useTranslation();
  const [department, setDepartment] = useState('');
  const [note, setNote] = useState('');
  const action = useAction(['department', 'note']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { department, ...(note.trim() !== '' && { note }) };
    action.run((key) => transferComplaint(complaintNo, body, key), () => {
      setNote('');
      onDone();
      return t('oversight.transfer.done');
    });
  };
  const options = departments.filter((d) => d.code !== current).map((d) => ({ value: d.code, label: d.name === d.code ? d.code : `${d.name} (${d.code})` }));
  return (
    <section className="actions" aria-labelledby="transfer-title" data-testid="transfer-form">
      <h2 id="transfer-title">{t('oversight.transfer.title')}</h2>
      <form onSubmit={submit} noValidate>
        <ChoiceField label={t('oversight.transfer.department')} value={department} options={[{ value: '', label: t('oversight.transfer.choose') }, ...options]} onChange={setDepartment} error={action.fields['department']} testId="transfer-department" />
        <AreaField label={t('oversight.transfer.note')} value={note} rows={2} onChange={setNote} error={action.fields['note']} testId="transfer-note" />
        <button type="submit" disabled={action.busy} data-testid="transfer-submit">{t('oversight.transfer.submit')}</button>
      </form>
      <Outcome outcome={action.outcome} testId="transfer-outcome" />
    </section>
  );
}

/** A response to the complainant; the first one is due within 24 hours of filing. */
export function RespondForm({ complaintNo, onDone }: ActionProps) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const action = useAction(['message']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    action.run((key) => respondToComplaint(complaintNo, { message }, key), () => {
      setMessage('');
      onDone();
      return t('oversight.respond.done');
    });
  };
  return (
    <section className="actions" aria-labelledby="respond-title" data-testid="respond-form">
      <h2 id="respond-title">{t('oversight.respond.title')}</h2>
      <form onSubmit={submit} noValidate>
        <AreaField label={t('oversight.respond.message')} value={message} onChange={setMessage} error={action.fields['message']} testId="respond-message" />
        <button type="submit" disabled={action.busy} data-testid="respond-submit">{t('oversight.respond.submit')}</button>
      </form>
      <Outcome outcome={action.outcome} testId="respond-outcome" />
    </section>
  );
}

/** The conclusion: the result told to the complainant and the finding. */
export function ConcludeComplaintForm({ complaintNo, onDone }: ActionProps) {
  const { t } = useTranslation();
  const [result, setResult] = useState('');
  const [finding, setFinding] = useState<ComplaintFinding | ''>('');
  const action = useAction(['result', 'finding']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // What is not chosen is not sent: the API names each missing field.
    action.run((key) => concludeComplaint(complaintNo, { result, ...(finding !== '' && { finding }) }, key), () => {
      onDone();
      return t('oversight.concludeComplaint.done');
    });
  };
  return (
    <section className="actions" aria-labelledby="conclude-complaint-title" data-testid="conclude-complaint-form">
      <h2 id="conclude-complaint-title">{t('oversight.concludeComplaint.title')}</h2>
      <form onSubmit={submit} noValidate>
        <AreaField label={t('oversight.concludeComplaint.result')} value={result} onChange={setResult} error={action.fields['result']} testId="conclude-result" />
        <ChoiceField<ComplaintFinding>
          label={t('oversight.concludeComplaint.finding')}
          value={finding}
          options={[{ value: '', label: t('oversight.conclude.choose') }, ...COMPLAINT_FINDING_LIST.map((f) => ({ value: f, label: t(`oversight.finding.${f}`) }))]}
          onChange={setFinding}
          error={action.fields['finding']}
          testId="conclude-complaint-finding"
        />
        <button type="submit" disabled={action.busy} data-testid="conclude-complaint-submit">{t('oversight.concludeComplaint.submit')}</button>
      </form>
      <Outcome outcome={action.outcome} testId="conclude-complaint-outcome" />
    </section>
  );
}
