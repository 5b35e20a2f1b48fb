import { useCallback, useEffect, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { DefinitionIssue } from '../../../domain/definition';
import { ApiError } from '../api/client';
import { getDirectory } from '../api/definitions';
import { localToday } from '../ui/format';
import { useKeyedAction } from '../ui/useKeyedAction';
import { Canvas } from './Canvas';
import { fitReadable } from './commands';
import { DepartmentOptions } from './DepartmentOptions';
import { DeadlinePreview } from './DeadlinePreview';
import { openDraft, publishCurrentDraft, saveCurrentDraft } from './drafts';
import { Inspector } from './Inspector';
import { IssuesPanel } from './IssuesPanel';
import { Palette } from './Palette';
import { PublishDialog } from './PublishDialog';
import { Toolbar } from './Toolbar';
import { selectDirty } from './selectors';
import { designerStore, useDesigner, useLiveValidation } from './useDesigner';
import { useShortcuts } from './useShortcuts';

type Status = { kind: 'info' | 'error'; text: string } | null;

function Shortcuts({ onSave }: { onSave(): void }) {
  useShortcuts(onSave);
  return null;
}

/**
 * Brings the graph into view, readably, once a draft has loaded (React Flow's `fitView` prop
 * acts only on mount), two frames later, when its nodes are measured; then calls `onFitted`.
 */
function FitOnLoad({ loading, onFitted }: { loading: boolean; onFitted(): void }) {
  const flow = useReactFlow();
  useEffect(() => {
    if (loading) return;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        fitReadable(flow, undefined, 0);
        onFitted();
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [flow, loading, onFitted]);
  return null;
}

/**
 * Asks before the page is left with unsaved changes: the browser's own prompt for a reload or
 * a closed tab, and a confirmation for a link to another page of the app. Links are caught in
 * the capture phase, before the router sees the click.
 */
function useLeaveGuard(message: string): void {
  const dirty = useDesigner(selectDirty);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium shows the prompt only when returnValue is set.
      event.returnValue = '';
    };
    const onClick = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!(link instanceof HTMLAnchorElement) || link.origin !== window.location.origin || link.target === '_blank') return;
      if (link.pathname === window.location.pathname || link.hasAttribute('download')) return;
      if (window.confirm(message)) return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('beforeunload', warn);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', warn);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty, message]);
}

/** Reads the directory once, so tasks naming an unknown department or role show as errors at once. */
function useDirectory(): void {
  useEffect(() => {
    let live = true;
    getDirectory()
      .then((directory) => live && designerStore.getState().setDirectory(directory))
      // Without it the server still refuses such tasks at publishing.
      .catch(() => undefined);
    return () => {
      live = false;
      designerStore.getState().setDirectory(null);
    };
  }, []);
}

/** A refusal in the reader's language: a definition's issues name their node and field. */
function refusalText(error: unknown, lang: 'zh' | 'en'): string | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const issues = (error.problem as { errors?: unknown[] }).errors ?? [];
  const texts = issues.flatMap((issue) => {
    const message = (issue as Partial<DefinitionIssue>).message;
    return message ? [message[lang]] : [];
  });
  return texts.length === 0 ? null : texts.join(';');
}

/** The process designer: palette, canvas, inspector and issues, as siblings inside the React Flow provider. */
export function DesignerPage({ itemCode }: { itemCode: string | null }) {
  const { t, i18n } = useTranslation();
  const [, navigate] = useLocation();
  const [loading, setLoading] = useState(true);
  // Until the draft is loaded and in view, the canvas shows the graph of the page before it (the
  // store outlives the page) or moves under the pointer: a click there would be lost to the load.
  const [fitted, setFitted] = useState(false);
  const onFitted = useCallback(() => setFitted(true), []);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const [preview, setPreview] = useState(false);
  const [dialog, setDialog] = useState<'compare' | 'publish' | null>(null);
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';
  useLiveValidation();
  useLeaveGuard(t('design.leave'));
  useDirectory();

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    setFitted(false);
    openDraft(itemCode)
      .catch((error: unknown) => !cancelled && setStatus({ kind: 'error', text: t('designer.loadFailed', { reason: String((error as Error).message) }) }))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [itemCode, t]);

  // Save and publish each send their request under a key held until it is answered, so a click
  // repeated after a lost answer saves or publishes once.
  const { send } = useKeyedAction();

  const fail = useCallback((error: unknown) => {
    const refused = refusalText(error, lang);
    const text = refused !== null ? t('design.refused', { reason: refused })
      : error instanceof ApiError && error.status === 409 ? t('designer.conflict') : String((error as Error).message);
    setStatus({ kind: 'error', text });
    const issue = error instanceof ApiError ? ((error.problem as { errors?: Partial<DefinitionIssue>[] }).errors ?? [])[0] : undefined;
    if (issue?.nodeId !== undefined) designerStore.getState().select({ kind: 'node', id: issue.nodeId });
  }, [lang, t]);

  const save = useCallback(() => {
    setBusy(true);
    saveCurrentDraft(send)
      .then((code) => {
        setStatus({ kind: 'info', text: t('designer.savedAs', { code }) });
        if (code !== itemCode) navigate(`/designer/${encodeURIComponent(code)}`, { replace: true });
      })
      .catch(fail)
      .finally(() => setBusy(false));
  }, [fail, itemCode, navigate, send, t]);

  const publish = useCallback(() => {
    setBusy(true);
    setDialog(null);
    publishCurrentDraft(send)
      .then((version) => {
        setStatus({ kind: 'info', text: t('designer.published', { version: version.version }) });
        navigate(`/designer/${encodeURIComponent(version.itemCode)}/versions`);
      })
      .catch(fail)
      .finally(() => setBusy(false));
  }, [fail, navigate, send, t]);

  return (
    <ReactFlowProvider>
      <div className="designer" aria-busy={loading || !fitted}>
        <Shortcuts onSave={save} />
        <FitOnLoad loading={loading} onFitted={onFitted} />
        <Toolbar busy={busy || loading} onSave={save} onPublish={() => setDialog('publish')} onCompare={() => setDialog('compare')} onPreview={() => setPreview(true)} />
        {status && (
          <p className={`status status--${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'} data-testid="designer-status">
            {status.text}
          </p>
        )}
        <div className="designer-main" inert={loading || !fitted}>
          <Palette />
          <Canvas />
          <Inspector />
        </div>
        <IssuesPanel />
        <DepartmentOptions />
        {preview && <DeadlinePreview onClose={() => setPreview(false)} today={localToday()} />}
        {dialog !== null && <PublishDialog mode={dialog} busy={busy} onConfirm={publish} onClose={() => setDialog(null)} />}
      </div>
    </ReactFlowProvider>
  );
}
