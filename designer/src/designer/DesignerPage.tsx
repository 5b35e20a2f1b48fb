import { useCallback, useEffect, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { ApiError } from '../api/client';
import { localToday } from '../ui/format';
import { Canvas } from './Canvas';
import { DepartmentOptions } from './DepartmentOptions';
import { DeadlinePreview } from './DeadlinePreview';
import { openDraft, publishCurrentDraft, saveCurrentDraft } from './drafts';
import { Inspector } from './Inspector';
import { IssuesPanel } from './IssuesPanel';
import { Palette } from './Palette';
import { Toolbar } from './Toolbar';
import { selectDirty } from './selectors';
import { useDesigner, useLiveValidation } from './useDesigner';
import { useShortcuts } from './useShortcuts';

type Status = { kind: 'info' | 'error'; text: string } | null;

function Shortcuts({ onSave }: { onSave(): void }) {
  useShortcuts(onSave);
  return null;
}

/** Brings the whole graph into view once a draft has loaded (React Flow's `fitView` prop acts only on mount). */
function FitOnLoad({ loading }: { loading: boolean }) {
  const flow = useReactFlow();
  useEffect(() => {
    if (loading) return;
    const frame = requestAnimationFrame(() => requestAnimationFrame(() => void flow.fitView()));
    return () => cancelAnimationFrame(frame);
  }, [flow, loading]);
  return null;
}

/** Asks before the page is left with unsaved changes (a reload, a closed tab). */
function useLeaveGuard(): void {
  const dirty = useDesigner(selectDirty);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}

/** The process designer: palette, canvas, inspector and issues, as siblings inside the React Flow provider. */
export function DesignerPage({ itemCode }: { itemCode: string | null }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const [preview, setPreview] = useState(false);
  useLiveValidation();
  useLeaveGuard();

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    openDraft(itemCode)
      .catch((error: unknown) => !cancelled && setStatus({ kind: 'error', text: t('designer.loadFailed', { reason: String((error as Error).message) }) }))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [itemCode, t]);

  const fail = useCallback((error: unknown) => {
    const text = error instanceof ApiError && error.status === 409 ? t('designer.conflict') : String((error as Error).message);
    setStatus({ kind: 'error', text });
  }, [t]);

  const save = useCallback(() => {
    setBusy(true);
    saveCurrentDraft()
      .then((code) => {
        setStatus({ kind: 'info', text: t('designer.savedAs', { code }) });
        if (code !== itemCode) navigate(`/designer/${encodeURIComponent(code)}`, { replace: true });
      })
      .catch(fail)
      .finally(() => setBusy(false));
  }, [fail, itemCode, navigate, t]);

  const publish = useCallback(() => {
    setBusy(true);
    publishCurrentDraft()
      .then((version) => {
        setStatus({ kind: 'info', text: t('designer.published', { version: version.version }) });
        navigate(`/designer/${encodeURIComponent(version.itemCode)}/versions`);
      })
      .catch(fail)
      .finally(() => setBusy(false));
  }, [fail, navigate, t]);

  return (
    <ReactFlowProvider>
      <div className="designer" aria-busy={loading}>
        <Shortcuts onSave={save} />
        <FitOnLoad loading={loading} />
        <Toolbar busy={busy || loading} onSave={save} onPublish={publish} onPreview={() => setPreview(true)} />
        {status && (
          <p className={`status status--${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'} data-testid="designer-status">
            {status.text}
          </p>
        )}
        <div className="designer-main">
          <Palette />
          <Canvas />
          <Inspector />
        </div>
        <IssuesPanel />
        <DepartmentOptions />
        {preview && <DeadlinePreview onClose={() => setPreview(false)} today={localToday()} />}
      </div>
    </ReactFlowProvider>
  );
}
