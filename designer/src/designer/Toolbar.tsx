import { useRef, useState, type ReactNode } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { DefinitionIssue } from '../../../domain/definition';
import { autoLayout, copy, exportJson, importJson, paste, redo, remove, undo } from './commands';
import { selectDirty, selectDraft, selectHasErrors } from './selectors';
import { useDesigner, useHistory } from './useDesigner';

export interface ToolbarProps {
  busy: boolean;
  onSave(): void;
  onPublish(): void;
  onCompare(): void;
  onPreview(): void;
}

function Tool({ label, shortcut, onClick, disabled, testId, children }: { label: string; shortcut?: string; onClick(): void; disabled?: boolean; testId?: string; children?: ReactNode }) {
  return (
    <button type="button" onClick={onClick} disabled={disabled} title={shortcut ? `${label} (${shortcut})` : label} aria-keyshortcuts={shortcut} data-testid={testId}>
      {children ?? label}
    </button>
  );
}

/** Editing commands, file import/export, saving and publishing. */
export function Toolbar({ busy, onSave, onPublish, onCompare, onPreview }: ToolbarProps) {
  const { t, i18n } = useTranslation();
  const flow = useReactFlow();
  const canUndo = useHistory((h) => h.pastStates.length > 0);
  const canRedo = useHistory((h) => h.futureStates.length > 0);
  const hasErrors = useDesigner(selectHasErrors);
  const dirty = useDesigner(selectDirty);
  const draft = useDesigner(selectDraft);
  const file = useRef<HTMLInputElement>(null);
  const [importIssues, setImportIssues] = useState<DefinitionIssue[]>([]);
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';

  const onFile = async (files: FileList | null) => {
    const chosen = files?.[0];
    if (!chosen) return;
    setImportIssues(importJson(await chosen.text()));
    if (file.current) file.current.value = '';
  };

  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.title')}>
      <div className="tool-group">
        <Tool label={t('toolbar.undo')} shortcut="Control+Z" onClick={undo} disabled={!canUndo} testId="undo" />
        <Tool label={t('toolbar.redo')} shortcut="Control+Shift+Z" onClick={redo} disabled={!canRedo} testId="redo" />
        <Tool label={t('toolbar.copy')} shortcut="Control+C" onClick={copy} />
        <Tool label={t('toolbar.paste')} shortcut="Control+V" onClick={paste} />
        <Tool label={t('toolbar.delete')} shortcut="Delete" onClick={remove} />
      </div>
      <div className="tool-group">
        <Tool label={t('toolbar.layout')} shortcut="Shift+L" onClick={() => autoLayout(flow)} testId="auto-layout" />
        <Tool label={t('toolbar.fit')} shortcut="Shift+F" onClick={() => void flow.fitView({ duration: 200 })} />
      </div>
      <div className="tool-group">
        <Tool label={t('toolbar.import')} onClick={() => file.current?.click()} />
        <input ref={file} type="file" accept="application/json,.json" hidden aria-label={t('toolbar.import')} data-testid="import-file" onChange={(e) => void onFile(e.target.files)} />
        <Tool label={t('toolbar.export')} onClick={exportJson} />
        <Tool label={t('toolbar.preview')} onClick={onPreview} testId="open-preview" />
      </div>
      <div className="tool-group tool-group--end">
        <span className="draft-state" role="status" data-testid="draft-state">
          {draft === null ? t('toolbar.unsaved') : dirty ? t('toolbar.changed') : t('toolbar.saved', { revision: draft.revision ?? 0 })}
        </span>
        <Tool label={t('toolbar.save')} shortcut="Control+S" onClick={onSave} disabled={busy} testId="save-draft" />
        <Tool label={t('design.compare')} onClick={onCompare} disabled={busy} testId="compare" />
        <Tool label={t('toolbar.publish')} onClick={onPublish} disabled={busy || hasErrors} testId="publish" />
        {draft !== null && (
          <Link href={`/designer/${encodeURIComponent(draft.itemCode)}/versions`} className="button-link" data-testid="versions-link">
            {t('toolbar.versions')}
          </Link>
        )}
      </div>
      {importIssues.length > 0 && (
        <div className="import-issues" role="alert">
          <strong>{t('toolbar.importFailed')}</strong>
          <ul>
            {importIssues.slice(0, 8).map((issue, i) => (
              <li key={i}>
                {issue.message[lang]} <code>{issue.path}</code>
              </li>
            ))}
          </ul>
          <button type="button" className="link" onClick={() => setImportIssues([])}>
            {t('common.close')}
          </button>
        </div>
      )}
    </div>
  );
}
