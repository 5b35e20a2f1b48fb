import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { holdsStep } from '../../../domain/definition';
import { act, type LiveCase } from '../api/cases';
import { listDepartments } from '../api/departments';
import { ApiError, isPending, isUnanswered } from '../api/client';
import { useSession } from '../auth/session';
import { formatDateTime } from '../ui/format';
import { positionName } from '../ui/position';
import { useKeyedAction } from '../ui/useKeyedAction';
import { useRemote } from '../ui/useRemote';

type HeldTask = LiveCase['position'][number] & { claim?: { userId: string; at: string; name?: string | null } };

/**
 * Who holds each open step (签收): the clerk who claimed it and since when, else its position.
 * A clerk who may take an unclaimed step is offered 签收; the clerk who claimed it, to release it.
 */
export function StepHolders({ view, onDone }: { view: LiveCase; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const user = useSession((s) => s.user);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const keyed = useKeyedAction();
  const departments = useRemote(listDepartments, []);
  const departmentName = (code: string) => departments.data?.find((d) => d.code === code)?.name ?? code;
  const tasks = view.position as HeldTask[];
  if (tasks.length === 0 || view.status === 'concluded') return null;

  const send = (action: 'claim' | 'release', nodeId: string) => {
    setBusy(true);
    setError(null);
    const request = { action, body: { nodeId } };
    keyed.send({ caseNo: view.caseNo, ...request }, (key) => act(view.caseNo, request, key))
      .then(onDone)
      .catch((e: unknown) => {
        if (isPending(e)) return setError(t('actions.pending'));
        const why = e instanceof ApiError && e.code !== undefined ? t(`refusal.${e.code}`, { defaultValue: '' }) : '';
        setError(isUnanswered(e) ? t('common.unreachable') : t('actions.refused', { reason: why || (e as Error).message }));
      })
      .finally(() => setBusy(false));
  };
  return (
    <section className="step-holders" aria-labelledby="holders-title" data-testid="step-holders">
      <h2 id="holders-title">{t('claim.title')}</h2>
      <ul>
        {tasks.map((task) => {
          const mine = task.claim !== undefined && task.claim.userId === user?.userId;
          const mayClaim = user !== null && user.roles.includes('clerk') && holdsStep(task, user) && task.claim === undefined;
          return (
            <li key={task.nodeId} data-testid={`holder-${task.nodeId}`}>
              <strong>{task.name}</strong> <span className="muted">{departmentName(task.department)}</span>{' '}
              {task.claim
                ? t('claim.claimedBy', { name: task.claim.name ?? t('claim.unknownClerk'), since: formatDateTime(task.claim.at, i18n.language) })
                : t('claim.position', { position: positionName(t, task.role, task.name) })}
              {mayClaim && (
                <button type="button" disabled={busy} data-testid={`claim-${task.nodeId}`} onClick={() => send('claim', task.nodeId)}>{t('claim.claim')}</button>
              )}
              {mine && (
                <button type="button" disabled={busy} data-testid={`release-${task.nodeId}`} onClick={() => send('release', task.nodeId)}>{t('claim.release')}</button>
              )}
            </li>
          );
        })}
      </ul>
      {keyed.waitingMs !== null && <p className="status status--info" role="status">{t('actions.waiting', { seconds: Math.round(keyed.waitingMs / 1000) })}</p>}
      {error && <p className="status status--error" role="alert">{error}</p>}
    </section>
  );
}
