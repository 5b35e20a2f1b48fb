import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { startCase } from '../api/cases';
import { ApiError } from '../api/client';
import { listItems, type CatalogueItem, type FormField } from '../api/items';
import { useSession } from '../auth/session';
import { CheckField, NumberField, SelectField, TextField } from '../ui/fields';
import { useKeyedAction } from '../ui/useKeyedAction';
import { useRemote } from '../ui/useRemote';
import { choicesOf, fieldOfPointer, formErrors } from './form-fields';

type FormData = Record<string, string | number | boolean | undefined>;

/** One field of the item's application form, drawn from its JSON Schema. */
function FormInput({ name, field, required, value, error, onChange }: { name: string; field: FormField; required: boolean; value: FormData[string]; error?: string; onChange(v: FormData[string]): void }) {
  return (
    <div className={error ? 'form-input has-error' : 'form-input'}>
      <FormControl name={name} field={field} required={required} value={value} onChange={onChange} />
      {error && <small className="error-text" role="alert" data-testid={`error-${name}`}>{error}</small>}
    </div>
  );
}

function FormControl({ name, field, required, value, onChange }: { name: string; field: FormField; required: boolean; value: FormData[string]; onChange(v: FormData[string]): void }) {
  const label = `${field.title ?? name}${required ? ' *' : ''}`;
  const choices = choicesOf(field);
  if (choices) {
    return (
      <SelectField
        label={label}
        value={value === undefined ? '' : String(value)}
        testId={`form-${name}`}
        options={[{ value: '', label: '—' }, ...choices.map((c) => ({ value: String(c.value), label: c.label }))]}
        onChange={(v) => onChange(v === '' ? undefined : (choices.find((c) => String(c.value) === v)?.value ?? v))}
      />
    );
  }
  if (field.type === 'number' || field.type === 'integer') {
    return <NumberField label={label} value={typeof value === 'number' ? value : undefined} min={field.minimum} step={field.type === 'integer' ? 1 : 0.01} testId={`form-${name}`} onChange={onChange} />;
  }
  if (field.type === 'boolean') return <CheckField label={label} checked={value === true} testId={`form-${name}`} onChange={onChange} />;
  return <TextField label={label} value={typeof value === 'string' ? value : ''} testId={`form-${name}`} onChange={(v) => onChange(v === '' ? undefined : v)} />;
}

/** 收件: a clerk registers an application for one of the department's items; the case starts at once. */
export function NewApplicationPage() {
  const { t, i18n } = useTranslation();
  const [, navigate] = useLocation();
  const department = useSession((s) => s.user?.department ?? undefined);
  const items = useRemote(() => listItems(department ?? undefined), [department]);
  const [itemCode, setItemCode] = useState('');
  const [applicant, setApplicant] = useState({ name: '', kind: 'person' as 'person' | 'organisation', phone: '' });
  const [data, setData] = useState<FormData>({});
  const [received, setReceived] = useState<string[]>([]);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  // The registration goes under a key held until it is answered: a click repeated after a lost
  // answer starts no second case, and answers the one the first started.
  const keyed = useKeyedAction();
  const item: CatalogueItem | undefined = items.data?.find((i) => i.code === itemCode);
  const fields = Object.entries(item?.formSchema.properties ?? {});
  const required = new Set(item?.formSchema.required ?? []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!item) return;
    setProblem([]);
    const form = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
    const local = formErrors(item.formSchema, form, i18n.language);
    setFieldErrors(local);
    if (Object.keys(local).length > 0) {
      setProblem([t('front.form.invalid')]);
      return;
    }
    setBusy(true);
    const materials = item.materials.map((m) => m.name).filter((name) => received.includes(name));
    const application = { itemCode: item.code, applicant: { name: applicant.name, kind: applicant.kind, ...(applicant.phone ? { phone: applicant.phone } : {}) }, data: form, materials };
    keyed.send(application, (key) => startCase(application, key))
      .then((started) => navigate(`/cases/${encodeURIComponent(started.caseNo)}/receipt`))
      .catch((e: unknown) => {
        // The API checks the same schema: its errors go beside the fields their pointers name.
        const errors = e instanceof ApiError ? (e.problem.errors ?? []) : [];
        const placed: Record<string, string> = {};
        const rest: string[] = [];
        for (const f of errors) {
          const field = fieldOfPointer(f.pointer, '/data');
          if (field) placed[field] = t('front.form.serverInvalid', { detail: f.detail });
          else rest.push(t(`front.form.pointer.${f.pointer.split('/')[1] ?? ''}`, { defaultValue: f.pointer }));
        }
        setFieldErrors(placed);
        setProblem([(e as Error).message, ...rest]);
      })
      .finally(() => setBusy(false));
  };

  return (
    <main className="page narrow" aria-labelledby="new-title">
      <header className="page-head">
        <h1 id="new-title">{t('application.title')}</h1>
      </header>
      {items.error && <p className="status status--error" role="alert">{items.error}</p>}
      <form onSubmit={submit} className="application">
        <SelectField
          label={t('application.item')}
          value={itemCode}
          testId="application-item"
          options={[{ value: '', label: t('application.chooseItem') }, ...(items.data ?? []).map((i) => ({ value: i.code, label: `${i.name} (${i.code})` }))]}
          onChange={(code) => {
            setItemCode(code);
            setData({});
            setReceived([]);
            setFieldErrors({});
          }}
        />
        {item && (
          <>
            <p className="muted">{t('application.limits', { promised: item.promisedDays, statutory: item.statutoryDays })}</p>
            <fieldset className="section">
              <legend>{t('application.applicant')}</legend>
              <TextField label={`${t('application.applicantName')} *`} value={applicant.name} required testId="applicant-name" onChange={(name) => setApplicant({ ...applicant, name })} />
              <SelectField
                label={t('application.applicantKind')}
                value={applicant.kind}
                options={[{ value: 'person', label: t('application.person') }, { value: 'organisation', label: t('application.organisation') }]}
                onChange={(kind) => kind !== '' && setApplicant({ ...applicant, kind })}
              />
              <TextField label={t('application.phone')} value={applicant.phone} onChange={(phone) => setApplicant({ ...applicant, phone })} />
            </fieldset>
            <fieldset className="section">
              <legend>{t('application.form')}</legend>
              {fields.map(([name, field]) => (
                <FormInput key={name} name={name} field={field} required={required.has(name)} value={data[name]} error={fieldErrors[name]} onChange={(v) => setData({ ...data, [name]: v })} />
              ))}
            </fieldset>
            {item.materials.length > 0 && (
              <fieldset className="section">
                <legend>{t('application.materials')}</legend>
                <p className="muted">{t('front.materialsReceived')}</p>
                {item.materials.map((m, i) => (
                  <CheckField
                    key={m.name}
                    label={`${m.name}${m.required ? ' *' : ''}`}
                    checked={received.includes(m.name)}
                    testId={`material-${i}`}
                    onChange={(on) => setReceived(on ? [...received, m.name] : received.filter((n) => n !== m.name))}
                  />
                ))}
              </fieldset>
            )}
          </>
        )}
        {problem.length > 0 && (
          <div className="status status--error" role="alert">
            {problem.map((p) => (
              <div key={p}>{p}</div>
            ))}
          </div>
        )}
        <button type="submit" className="primary" disabled={!item || busy} data-testid="submit-application">
          {t('application.submit')}
        </button>
      </form>
    </main>
  );
}
