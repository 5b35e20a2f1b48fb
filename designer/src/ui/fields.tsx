import { useId, useState, type ReactNode } from 'react';

interface FieldProps {
  label: string;
  hint?: string;
  testId?: string;
}

/** A labelled text input; `onChange` gets the text (empty string when cleared). */
export function TextField({ label, value, onChange, hint, testId, required, list }: FieldProps & { value: string; onChange(value: string): void; required?: boolean; list?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" value={value} required={required} list={list} data-testid={testId} onChange={(e) => onChange(e.target.value)} />
      {hint && <small>{hint}</small>}
    </div>
  );
}

/** A labelled whole-number input; `onChange` gets undefined when cleared. */
export function NumberField({ label, value, onChange, hint, testId, min, max, step }: FieldProps & { value: number | undefined; onChange(value: number | undefined): void; min?: number; max?: number; step?: number }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        step={step ?? 1}
        value={value ?? ''}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      />
      {hint && <small>{hint}</small>}
    </div>
  );
}

export function SelectField<T extends string>({ label, value, options, onChange, testId, hint }: FieldProps & { value: T | ''; options: { value: T | ''; label: string }[]; onChange(value: T | ''): void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} data-testid={testId} onChange={(e) => onChange(e.target.value as T | '')}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && <small>{hint}</small>}
    </div>
  );
}

export function CheckField({ label, checked, onChange, testId }: FieldProps & { checked: boolean; onChange(checked: boolean): void }) {
  const id = useId();
  return (
    <div className="field field--check">
      <input id={id} type="checkbox" checked={checked} data-testid={testId} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** One entry per line, e.g. required documents or catalogue conditions; blank lines are dropped. */
export function LinesField({ label, value, onChange, hint, testId }: FieldProps & { value: readonly string[]; onChange(value: string[]): void }) {
  const id = useId();
  const [text, setText] = useState(() => value.join('\n'));
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        value={text}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value.split('\n').map((line) => line.trim()).filter((line) => line !== ''));
        }}
      />
      {hint && <small>{hint}</small>}
    </div>
  );
}

/** JSON edited as text: the value changes only when the text parses; otherwise the error shows. */
export function JsonField({ label, value, onChange, invalidText, testId }: FieldProps & { value: unknown; onChange(value: unknown): void; invalidText: string }) {
  const id = useId();
  const [text, setText] = useState(() => JSON.stringify(value, null, 2));
  const [invalid, setInvalid] = useState(false);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={8}
        className="mono"
        value={text}
        data-testid={testId}
        aria-invalid={invalid}
        onChange={(e) => {
          setText(e.target.value);
          try {
            onChange(JSON.parse(e.target.value));
            setInvalid(false);
          } catch {
            setInvalid(true);
          }
        }}
      />
      {invalid && <small className="error-text" role="alert">{invalidText}</small>}
    </div>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="section">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}
