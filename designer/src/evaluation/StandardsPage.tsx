import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearch } from 'wouter';
import { listStandards, standardVersions } from '../api/evaluations';
import { useSession } from '../auth/session';
import { useRemote } from '../ui/useRemote';
import { StandardEditor } from './StandardEditor';
import { createdText, StandardView } from './StandardView';

/** Scoring standards (绩效评估量化标准): the current version's indicators and formulas, and every version. */
export function StandardsPage() {
  const { t, i18n } = useTranslation();
  const roles = useSession((s) => s.user?.roles ?? []);
  const asked = new URLSearchParams(useSearch()).get('code');
  const standards = useRemote(listStandards, []);
  const [picked, setPicked] = useState<string>();
  const code = picked ?? asked ?? standards.data?.[0]?.code;
  const versions = useRemote(() => (code ? standardVersions(code) : Promise.resolve([])), [code]);
  const [shown, setShown] = useState<number>();
  const [editing, setEditing] = useState(false);
  const [created, setCreated] = useState<string>();
  const current = versions.data?.find((v) => v.version === shown) ?? versions.data?.[0];
  const canEdit = roles.some((r) => r === 'supervisor' || r === 'administrator');
  return (
    <main className="page" aria-labelledby="standards-title">
      <header className="page-head">
        <h1 id="standards-title">{t('evaluation.standards.title')}</h1>
        {(standards.data?.length ?? 0) > 1 && (
          <select aria-label={t('evaluation.standards.pick')} value={code ?? ''} onChange={(e) => { setPicked(e.target.value); setShown(undefined); setEditing(false); }}>
            {(standards.data ?? []).map((s) => <option key={s.code} value={s.code}>{s.standard.name}</option>)}
          </select>
        )}
      </header>
      {(standards.error ?? versions.error) && <p className="status status--error" role="alert">{standards.error ?? versions.error}</p>}
      {created && <p className="status status--info" role="status" data-testid="standard-created">{created}</p>}
      <div className="eval-standards">
        <div>
          {current && !editing && <StandardView version={current} />}
          {current && editing && (
            <StandardEditor
              from={versions.data?.[0] ?? current}
              onCancel={() => setEditing(false)}
              onCreated={(v) => {
                setEditing(false);
                setShown(undefined);
                setCreated(t('evaluation.editor.created', { code: v.code, version: v.version }));
                versions.reload();
                standards.reload();
              }}
            />
          )}
        </div>
        <aside className="eval-panel" aria-labelledby="versions-title">
          <h2 id="versions-title">{t('evaluation.standards.versions')}</h2>
          <ol className="eval-versions" data-testid="standard-versions">
            {(versions.data ?? []).map((v) => (
              <li key={v.version}>
                <button type="button" className="link" aria-current={v === current ? 'true' : undefined} onClick={() => { setShown(v.version); setEditing(false); }}>
                  v{v.version}
                </button>
                <span className="muted">{createdText(v, t, i18n.language)}</span>
              </li>
            ))}
          </ol>
          {canEdit && current && !editing && (
            <button type="button" data-testid="edit-standard" onClick={() => { setEditing(true); setCreated(undefined); }}>{t('evaluation.editor.open')}</button>
          )}
        </aside>
      </div>
    </main>
  );
}
