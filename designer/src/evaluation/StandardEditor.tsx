import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createStandardVersion, type StandardVersion } from '../api/evaluations';
import { Outcome } from './Outcome';
import { refusalOf, type Refusal } from './refusal';

/**
 * The next version of a standard, edited as JSON. The API validates it (JSON Schema, then
 * unique ids, targets above floors); each problem shows by its JSON pointer and the text stays.
 */
export function StandardEditor({ from, onCreated, onCancel }: { from: StandardVersion; onCreated(created: StandardVersion): void; onCancel(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(() => JSON.stringify(from.standard, null, 2));
  const [syntax, setSyntax] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setRefusal(undefined);
    let body: unknown;
    try {
      body = JSON.parse(text);
      setSyntax(undefined);
    } catch (e) {
      setSyntax(t('evaluation.editor.syntax', { detail: (e as Error).message }));
      return;
    }
    setBusy(true);
    createStandardVersion(body)
      .then(onCreated)
      .catch((e: unknown) => setRefusal(refusalOf(e, t)))
      .finally(() => setBusy(false));
  };
  const problems = Object.entries(refusal?.fields ?? {});
  return (
    <form className="eval-editor" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('evaluation.editor.title', { code: from.code, version: from.version + 1 })}</h2>
      <p className="muted">{t('evaluation.editor.hint')}</p>
      <div className="field">
        <label htmlFor={`${id}-json`}>{t('evaluation.editor.json')}</label>
        <textarea
          id={`${id}-json`} className="mono" rows={22} spellCheck={false} value={text} data-testid="standard-json"
          aria-invalid={syntax !== undefined || problems.length > 0} aria-describedby={`${id}-problems`} onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div id={`${id}-problems`}>
        {syntax && <small className="error-text" role="alert">{syntax}</small>}
        {problems.length > 0 && (
          <ul className="eval-problems" data-testid="standard-problems">
            {problems.map(([pointer, detail]) => (
              <li key={pointer}><code>{pointer || '/'}</code> {detail}</li>
            ))}
          </ul>
        )}
      </div>
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy} data-testid="save-standard">{t('evaluation.editor.save')}</button>
        <button type="button" onClick={onCancel}>{t('evaluation.publish.cancel')}</button>
      </div>
      <Outcome refusal={refusal} testId="standard-outcome" />
    </form>
  );
}
