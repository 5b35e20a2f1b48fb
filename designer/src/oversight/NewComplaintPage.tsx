import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { CHANNELS, registerComplaint, type Channel, type Registered, type Registration } from '../api/complaints';
import { listDepartments } from '../api/departments';
import { useSession } from '../auth/session';
import { formatDateTime, formatDeadline } from '../ui/format';
import { useRemote } from '../ui/useRemote';
import { AreaField, ChoiceField, InputField, Outcome } from './fields';
import { useAction } from './useAction';

const EMPTY = { channel: 'phone' as Channel, name: '', phone: '', email: '', content: '', department: '', caseNo: '', itemCode: '' };
const FIELDS = ['channel', 'complainant/name', 'complainant/phone', 'complainant/email', 'content', 'about/department', 'about/caseNo', 'about/itemCode'];

/** The registration's number and query code, to be told to the complainant once. */
function RegisteredNote({ registered, canOpen, onAnother }: { registered: Registered; canOpen: boolean; onAnother(): void }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="registered" aria-labelledby="registered-title" data-testid="registered">
      <h2 id="registered-title">{t('oversight.register.done', { complaintNo: registered.complaintNo })}</h2>
      <dl className="facts">
        <dt>{t('oversight.complaints.complaintNo')}</dt>
        <dd data-testid="registered-no">{registered.complaintNo}</dd>
        <dt>{t('oversight.register.queryCode')}</dt>
        <dd className="query-code" data-testid="registered-code">{registered.queryCode}</dd>
        <dt>{t('oversight.complaint.firstResponseDue')}</dt>
        <dd>{formatDateTime(registered.firstResponseDeadline, i18n.language)}</dd>
        <dt>{t('oversight.complaints.handlingDeadline')}</dt>
        <dd>{formatDeadline(registered.handlingDeadline, i18n.language)}</dd>
      </dl>
      <p>{t('oversight.register.tell')}</p>
      <div className="button-row">
        {canOpen && <Link href={`/complaints/${registered.complaintNo}`} className="button-link primary" data-testid="open-registered">{t('oversight.register.open')}</Link>}
        <button type="button" onClick={onAnother}>{t('oversight.register.another')}</button>
      </div>
    </section>
  );
}

/** Staff register a complaint for a caller (phone, SMS or web); the caller is given its number and query code. */
export function NewComplaintPage() {
  const { t } = useTranslation();
  const canOpen = useSession((s) => s.user?.roles.some((r) => r === 'supervisor' || r === 'auditor' || r === 'administrator' || r === 'department-officer') ?? false);
  const departments = useRemote(() => listDepartments(), []);
  const [form, setForm] = useState(EMPTY);
  const [registered, setRegistered] = useState<Registered>();
  const action = useAction(FIELDS);
  const set = (patch: Partial<typeof EMPTY>) => setForm({ ...form, ...patch });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
    const about = { department: optional(form.department), caseNo: optional(form.caseNo), itemCode: optional(form.itemCode) };
    const body: Registration = {
      channel: form.channel,
      complainant: { name: form.name, ...(optional(form.phone) && { phone: form.phone.trim() }), ...(optional(form.email) && { email: form.email.trim() }) },
      content: form.content,
      // Blank entries are left out (undefined is not sent).
      ...(Object.values(about).some((v) => v !== undefined) && { about }),
    };
    action.run((key) => registerComplaint(body, key), (done) => {
      setRegistered(done);
      setForm(EMPTY);
      return t('oversight.register.done', { complaintNo: done.complaintNo });
    });
  };
  const err = (name: string) => action.fields[name];
  return (
    <main className="page narrow" aria-labelledby="register-title">
      <header className="page-head">
        <h1 id="register-title">{t('oversight.register.title')}</h1>
      </header>
      {registered ? (
        <RegisteredNote registered={registered} canOpen={canOpen} onAnother={() => setRegistered(undefined)} />
      ) : (
        <form onSubmit={submit} noValidate data-testid="register-form">
          <p className="muted">{t('oversight.register.hint')}</p>
          <ChoiceField label={t('oversight.register.channel')} value={form.channel} options={CHANNELS.map((c) => ({ value: c, label: t(`oversight.channel.${c}`) }))} onChange={(c) => c !== '' && set({ channel: c })} error={err('channel')} testId="register-channel" />
          <InputField label={t('oversight.register.name')} value={form.name} onChange={(name) => set({ name })} error={err('complainant/name')} testId="register-name" />
          <InputField label={t('oversight.register.phone')} type="tel" value={form.phone} onChange={(phone) => set({ phone })} error={err('complainant/phone')} testId="register-phone" />
          <InputField label={t('oversight.register.email')} type="email" value={form.email} onChange={(email) => set({ email })} error={err('complainant/email')} testId="register-email" />
          <AreaField label={t('oversight.register.content')} value={form.content} rows={5} onChange={(content) => set({ content })} error={err('content')} testId="register-content" />
          <fieldset className="section">
            <legend>{t('oversight.register.about')}</legend>
            <ChoiceField
              label={t('oversight.register.department')}
              value={form.department}
              options={[{ value: '', label: t('oversight.register.noDepartment') }, ...(departments.data ?? []).map((d) => ({ value: d.code, label: d.name === d.code ? d.code : `${d.name} (${d.code})` }))]}
              onChange={(department) => set({ department })}
              error={err('about/department')}
              testId="register-department"
            />
            <InputField label={t('oversight.register.caseNo')} value={form.caseNo} onChange={(caseNo) => set({ caseNo })} error={err('about/caseNo')} testId="register-case" />
            <InputField label={t('oversight.register.itemCode')} value={form.itemCode} onChange={(itemCode) => set({ itemCode })} error={err('about/itemCode')} testId="register-item" />
          </fieldset>
          <button type="submit" className="primary" disabled={action.busy} data-testid="register-submit">{t('oversight.register.submit')}</button>
          <Outcome outcome={action.outcome} testId="register-outcome" />
        </form>
      )}
    </main>
  );
}
