import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { listOrders } from '../api/orders';
import { formatDeadline } from '../ui/format';
import { useRemote } from '../ui/useRemote';
import { LadderState } from './Ladder';

const POLL_MS = 5000;

/** The supervision orders opened on one case, each linked to its page (for the case page). */
export function CaseOrders({ caseNo }: { caseNo: string }) {
  const { t, i18n } = useTranslation();
  const orders = useRemote(() => listOrders({ caseNo }, undefined, 20), [caseNo], POLL_MS);
  const items = orders.data?.items ?? [];
  return (
    <section className="feed" aria-labelledby="case-orders-title">
      <h2 id="case-orders-title">{t('oversight.order.onCase')}</h2>
      {orders.error && <p className="status status--error" role="alert">{orders.error}</p>}
      <ul data-testid="case-orders">
        {items.map((o) => (
          <li key={o.orderId} className={`alert alert--${o.level === 'normal' ? 'none' : o.level}`} data-order={o.orderId}>
            <div>
              <Link href={`/orders/${o.orderId}`}>{o.orderId}</Link> <span className="muted">· {t(`oversight.status.${o.status}`)}</span>
            </div>
            <div>{o.title}</div>
            <div className="muted">
              {t('oversight.orders.responseDeadline')} {formatDeadline(o.responseDeadline, i18n.language)} · <LadderState level={o.level} />
            </div>
          </li>
        ))}
      </ul>
      {orders.data && items.length === 0 && <p className="muted">{t('oversight.order.noneOnCase')}</p>}
    </section>
  );
}
