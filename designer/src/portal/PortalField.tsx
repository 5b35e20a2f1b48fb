import { useId } from 'react';

interface PortalFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: string;
  /** The refusal shown beside the field (role=alert); the typed value stays. */
  error?: string | undefined;
  name: string;
  multiline?: boolean;
  type?: 'text' | 'email' | 'tel';
  autoComplete?: string;
  maxLength?: number;
}

/** A labelled input of the public forms, its hint and error tied to it for screen readers. */
export function PortalField({ label, value, onChange, hint, error, name, multiline, type = 'text', autoComplete, maxLength }: PortalFieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id, name, value, maxLength, autoComplete,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described,
    'data-testid': `field-${name}`,
  };
  return (
    <div className={`field portal-field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={6} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type={type} onChange={(e) => onChange(e.target.value)} />
      )}
      {hint && <small id={`${id}-hint`}>{hint}</small>}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert" data-testid={`error-${name}`}>
          {error}
        </p>
      )}
    </div>
  );
}
