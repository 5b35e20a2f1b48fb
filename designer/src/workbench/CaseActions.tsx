import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { holdsStep, specialProcedureKinds, taskActions, type EdgeAction, type GraphShape, type SpecialProcedureKind, type StepTaker } from '../../../domain/definition';
import { act, type CaseAction, type LiveCase } from '../api/cases';
import { ApiError, isPending, isUnanswered } from '../api/client';
import { useSession } from '../auth/session';
import { LinesField, SelectField, TextField } from '../ui/fields';
import { useKeyedAction } from '../ui/useKeyedAction';

type Result = { ok: boolean; text: string; detail?: string } | null;

/** The actions a task's outgoing edges offer; every action when the definition is not at hand. */
function actionsOf(task: LiveCase['position'][number], definition: GraphShape | undefined): EdgeAction[] {
  if (definition === undefined) return ['complete', 'approve', 'reject', 'return'];
  return [...new Set(taskActions(definition, task.nodeId))];
}

/** The active steps the user may take: only their buttons are offered. */
export function stepsFor(view: Pick<LiveCase, 'position'>, user: StepTaker | null): LiveCase['position'] {
  return user === null ? [] : view.position.filter((task) => holdsStep(task, user));
}

/**
 * The clerk's actions on one case. Each is sent as it is; the workflow decides, and a refusal
 * comes back with its code, shown here in the reader's language. An action the case has not
 * answered yet (a midnight's alerts ahead of it) is repeated under the same key while the page
 * says it is waiting; a click after any answer that settled nothing is the same action again.
 */
export function CaseActions({ view, definition, onDone }: { view: LiveCase; definition: GraphShape | undefined; onDone(): void }) {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const [result, setResult] = useState<Result>(null);
  const [reason, setReason] = useState('');
  const [materials, setMaterials] = useState<string[]>([]);
  const [documents, setDocuments] = useState<string[]>([]);
  const [special, setSpecial] = useState<SpecialProcedureKind>('expert-review');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<'refuse' | 'terminate' | null>(null);
  const keyed = useKeyedAction();

  const send = (action: CaseAction, label: string) => {
    setBusy(true);
    setResult(null);
    keyed.send({ caseNo: view.caseNo, ...action }, (key) => act(view.caseNo, action, key))
      .then(() => {
        setResult({ ok: true, text: t('actions.done', { action: label }) });
        onDone();
      })
      .catch((e: unknown) => setResult(refusalOf(e)))
      .finally(() => setBusy(false));
  };
  // A refusal's code says why in the reader's language; the workflow's own (English) reason
  // stays at hand as the line's title. An unknown code shows the reason itself.
  const refusalOf = (e: unknown): Result => {
    if (isPending(e)) return { ok: false, text: t('actions.pending'), detail: e.message };
    if (isUnanswered(e)) return { ok: false, text: t('common.unreachable') };
    const why = e instanceof ApiError && e.code !== undefined ? t(`refusal.${e.code}`, { defaultValue: '' }) : '';
    const reason = (e as Error).message;
    return why === '' ? { ok: false, text: t('actions.refused', { reason }) } : { ok: false, text: t('actions.refused', { reason: why }), detail: reason };
  };
  const report = documents.length > 0 ? { documents } : {};
  const status = view.status;
  if (status === 'concluded') return <p className="muted">{t('actions.concluded')}</p>;

  return (
    <section className="actions" aria-labelledby="actions-title" data-testid="case-actions">
      <h2 id="actions-title">{t('actions.title')}</h2>
      <TextField label={t('actions.reason')} value={reason} onChange={setReason} testId="action-reason" />
      <LinesField label={t('actions.documents')} hint={t('inspector.onePerLine')} value={documents} onChange={setDocuments} />
      {status === 'submitted' && (
        <div className="button-row">
          <button type="button" disabled={busy} data-testid="action-accept" onClick={() => send({ action: 'accept', body: report }, t('actions.accept'))}>{t('actions.accept')}</button>
          <button type="button" disabled={busy} className="danger" data-testid="action-refuse" onClick={() => setConfirming('refuse')}>{t('actions.refuse')}</button>
        </div>
      )}
      {status === 'submitted' && (
        <div className="subform">
          <LinesField label={t('actions.materials')} hint={t('inspector.onePerLine')} value={materials} onChange={setMaterials} />
          <button type="button" disabled={busy} onClick={() => send({ action: 'supplement-notice', body: { materials } }, t('actions.supplementNotice'))}>{t('actions.supplementNotice')}</button>
        </div>
      )}
      {(status === 'awaiting-supplement' || status === 'supplementing') && (
        <button type="button" disabled={busy} onClick={() => send({ action: 'supplement-received', body: {} }, t('actions.supplementReceived'))}>{t('actions.supplementReceived')}</button>
      )}
      {status === 'processing' &&
        stepsFor(view, user).map((task) => (
          <div className="task-actions" key={task.nodeId} data-task={task.nodeId}>
            <h3>
              {task.name} <span className="muted">({t(`stage.${task.stage}`)})</span>
            </h3>
            <div className="button-row">
              {actionsOf(task, definition).map((action) => (
                <button
                  key={action}
                  type="button"
                  disabled={busy}
                  data-testid={`complete-${task.nodeId}-${action}`}
                  onClick={() =>
                    send(
                      task.stage === 'conclude'
                        ? { action: 'conclude', body: { nodeId: task.nodeId, action, ...report } }
                        : { action: 'complete-step', body: { nodeId: task.nodeId, action, ...report } },
                      t(`action.${action}`),
                    )
                  }
                >
                  {t(`action.${action}`)}
                </button>
              ))}
            </div>
          </div>
        ))}
      {status === 'processing' && (
        <div className="subform">
          <SelectField<SpecialProcedureKind>
            label={t('actions.specialKind')}
            value={special}
            options={specialProcedureKinds.map((k) => ({ value: k, label: t(`special.${k}`) }))}
            onChange={(k) => k !== '' && setSpecial(k)}
          />
          <div className="button-row">
            <button type="button" disabled={busy} onClick={() => send({ action: 'start-special-procedure', body: { kind: special, reason } }, t('actions.startSpecial'))}>{t('actions.startSpecial')}</button>
            <button type="button" disabled={busy} onClick={() => send({ action: 'suspend', body: { reason } }, t('actions.suspend'))}>{t('actions.suspend')}</button>
            <button type="button" disabled={busy} className="danger" data-testid="action-terminate" onClick={() => setConfirming('terminate')}>{t('actions.terminate')}</button>
          </div>
        </div>
      )}
      {status === 'special-procedure' && (
        <button type="button" disabled={busy} onClick={() => send({ action: 'end-special-procedure', body: {} }, t('actions.endSpecial'))}>{t('actions.endSpecial')}</button>
      )}
      {status === 'suspended' && (
        <button type="button" disabled={busy} onClick={() => send({ action: 'resume', body: {} }, t('actions.resume'))}>{t('actions.resume')}</button>
      )}
      {confirming && (
        <div className="confirm" role="alertdialog" aria-labelledby="confirm-text" data-testid="confirm-end">
          <p id="confirm-text">{t(`front.confirm.${confirming}`)}</p>
          <TextField label={t('actions.reason')} value={reason} onChange={setReason} testId="confirm-reason" />
          {reason.trim() === '' && <small className="error-text">{t('front.confirm.reasonRequired')}</small>}
          <div className="button-row">
            <button
              type="button"
              className="danger"
              disabled={busy || reason.trim() === ''}
              data-testid="confirm-ok"
              onClick={() => {
                const action = confirming;
                setConfirming(null);
                send({ action, body: { reason: reason.trim() } }, t(`actions.${action}`));
              }}
            >
              {t('front.confirm.ok')}
            </button>
            <button type="button" onClick={() => setConfirming(null)}>{t('front.confirm.cancel')}</button>
          </div>
        </div>
      )}
      {keyed.waitingMs !== null && (
        <p className="status status--info" role="status" data-testid="action-waiting">
          {t('actions.waiting', { seconds: Math.round(keyed.waitingMs / 1000) })}
        </p>
      )}
      {result && (
        <p className={`status status--${result.ok ? 'info' : 'error'}`} role={result.ok ? 'status' : 'alert'} data-testid="action-result" title={result.detail}>
          {result.text}
        </p>
      )}
    </section>
  );
}
