import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { urge } from '../api/cases';
import { newIdempotencyKey } from '../api/client';
import { openOrder } from '../api/orders';
import { NumberField, TextField } from '../ui/fields';
import { useKeyedAction } from '../ui/useKeyedAction';

/** 催办 and 督办 on one case. */
export function SupervisorActions({ caseNo, onDone }: { caseNo: string; onDone(): void }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const [days, setDays] = useState<number | undefined>(3);
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const [openedOrder, setOpenedOrder] = useState<string>();
  // Kept until an order is opened, so a repeated click opens no second order.
  const orderKey = useRef(newIdempotencyKey());
  // 催办 likewise: a click repeated after an answer that settled nothing urges once.
  const urging = useKeyedAction();
  const run = (what: 'urge' | 'order') => (event?: FormEvent) => {
    event?.preventDefault();
    const text = message.trim() === '' ? t(`supervise.${what}Default`) : message;
    const call = what === 'urge' ? urging.send({ caseNo, text }, (key) => urge(caseNo, text, key)) : openOrder({ caseNo, title: t('supervise.orderTitle', { caseNo }), requirement: text, responseDays: days ?? 3 }, orderKey.current);
    call
      .then((answer) => {
        setResult({ ok: true, text: t(`supervise.${what}Done`) });
        if ('orderId' in answer) {
          setOpenedOrder(answer.orderId);
          orderKey.current = newIdempotencyKey();
        }
        setMessage('');
        onDone();
      })
      .catch((e: unknown) => setResult({ ok: false, text: (e as Error).message }));
  };
  return (
    <section className="actions" aria-labelledby="supervise-title">
      <h2 id="supervise-title">{t('supervise.title')}</h2>
      <form onSubmit={run('urge')}>
        <TextField label={t('supervise.message')} value={message} onChange={setMessage} testId="supervise-message" />
        <NumberField label={t('supervise.responseDays')} value={days} min={1} onChange={setDays} />
        <div className="button-row">
          <button type="submit" data-testid="urge">{t('supervise.urge')}</button>
          <button type="button" onClick={() => run('order')()} data-testid="open-order">{t('supervise.order')}</button>
        </div>
      </form>
      {result && <p className={`status status--${result.ok ? 'info' : 'error'}`} role={result.ok ? 'status' : 'alert'}>{result.text}</p>}
      {openedOrder && (
        <p>
          <Link href={`/orders/${openedOrder}`} data-testid="opened-order">{t('oversight.order.opened', { orderId: openedOrder })}</Link>
        </p>
      )}
    </section>
  );
}
