import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { unlock, type LiveCase } from '../api/cases';
import { isPending } from '../api/client';
import { formatDateTime } from '../ui/format';
import { TextField } from '../ui/fields';
import { useKeyedAction } from '../ui/useKeyedAction';

/** 流程锁定: whether the flow is locked and since which card; a supervisor unlocks it giving the reason. */
export function FlowLock({ caseNo, lock, canUnlock, onDone }: { caseNo: string; lock: NonNullable<LiveCase['lock']>; canUnlock: boolean; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const keyed = useKeyedAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    keyed.send({ caseNo, reason }, (key) => unlock(caseNo, reason, key))
      .then(() => {
        setReason('');
        setError(undefined);
        onDone();
      })
      .catch((e: unknown) => setError(isPending(e) ? t('actions.pending') : (e as Error).message));
  };
  return (
    <section className="actions" aria-labelledby="lock-title" data-testid="flow-lock">
      <h2 id="lock-title">{t('lock.title')}</h2>
      <p className={`status status--${lock.locked ? 'error' : 'info'}`} data-testid="lock-state">
        {lock.locked
          ? t('lock.locked', { card: t(`threshold.${lock.card}`), since: formatDateTime(lock.since, i18n.language) })
          : lock.unlocked
            ? t('lock.unlocked', { reason: lock.unlocked.reason, at: formatDateTime(lock.unlocked.at, i18n.language) })
            : t('lock.orderWindow', { orderId: lock.order?.orderId ?? '—', until: lock.order?.until ? formatDateTime(lock.order.until, i18n.language) : '—' })}
      </p>
      {canUnlock && !lock.unlocked && (
        <form onSubmit={submit}>
          <TextField label={t('lock.reason')} value={reason} onChange={setReason} testId="unlock-reason" />
          <button type="submit" disabled={reason.trim() === ''} data-testid="unlock">{t('lock.unlock')}</button>
          {error && <p className="status status--error" role="alert">{error}</p>}
        </form>
      )}
    </section>
  );
}
