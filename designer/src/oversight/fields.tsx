import { useId, type ReactNode } from 'react';

interface FieldProps {
  label: string;
  /** The API's objection to this field, shown under it. */
  error?: string | undefined;
  testId?: string;
}

/** A label, a control and the field's error; the control gets the ids that tie them together. */
function Field({ label, error, children }: FieldProps & { children(a11y: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }): ReactNode }) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error !== undefined, 'aria-describedby': error ? errorId : undefined })}
      {error && (
        <small id={errorId} className="error-text" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

export function InputField({ value, onChange, type = 'text', ...props }: FieldProps & { value: string; onChange(value: string): void; type?: 'text' | 'tel' | 'email' }) {
  return <Field {...props}>{(a11y) => <input {...a11y} type={type} value={value} data-testid={props.testId} onChange={(e) => onChange(e.target.value)} />}</Field>;
}

export function AreaField({ value, onChange, rows = 4, ...props }: FieldProps & { value: string; onChange(value: string): void; rows?: number }) {
  return <Field {...props}>{(a11y) => <textarea {...a11y} rows={rows} value={value} data-testid={props.testId} onChange={(e) => onChange(e.target.value)} />}</Field>;
}

export function ChoiceField<T extends string>({ value, options, onChange, ...props }: FieldProps & { value: T | ''; options: { value: T | ''; label: string }[]; onChange(value: T | ''): void }) {
  return (
    <Field {...props}>
      {(a11y) => (
        <select {...a11y} value={value} data-testid={props.testId} onChange={(e) => onChange(e.target.value as T | '')}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The outcome of an action: a confirmation, or the refusal with its reason. */
export function Outcome({ outcome, testId }: { outcome: { ok: boolean; text: string } | undefined; testId?: string }) {
  if (!outcome) return null;
  return (
    <p className={`status status--${outcome.ok ? 'info' : 'error'}`} role={outcome.ok ? 'status' : 'alert'} data-testid={testId}>
      {outcome.text}
    </p>
  );
}
