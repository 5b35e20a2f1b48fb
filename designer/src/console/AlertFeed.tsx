import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { acknowledgeAlert, listAlerts } from '../api/alerts';
import { describeAlert } from '../ui/describe';
import { formatDateTime } from '../ui/format';
import { useRemote } from '../ui/useRemote';

const POLL_MS = 5000;

/**
 * Alerts as they are raised (polled, so the feed moves without a reload); each can be
 * acknowledged. With `caseNo`, that case's alerts only; with its graph's `nodes`, a step's
 * alert names the step.
 */
export function AlertFeed({ caseNo, nodes }: { caseNo?: string; nodes?: readonly { id: string; name: string }[] | undefined }) {
  const { t, i18n } = useTranslation();
  const names = new Map((nodes ?? []).map((n) => [n.id, n.name]));
  const describe = { t, nodeName: (id: string) => names.get(id) };
  const alerts = useRemote(() => listAlerts(caseNo === undefined ? {} : { caseNo }), [caseNo], POLL_MS);
  const [failure, setFailure] = useState<string>();
  const acknowledge = (id: string) => {
    acknowledgeAlert(id)
      .then(alerts.reload)
      .catch((e: unknown) => setFailure((e as Error).message));
  };
  return (
    <section className="feed" aria-labelledby="feed-title" aria-live="polite">
      <h2 id="feed-title">{t(caseNo === undefined ? 'feed.title' : 'feed.caseTitle')}</h2>
      {alerts.notServed ? (
        <p className="muted">{t('feed.unavailable')}</p>
      ) : (
        (alerts.error ?? failure) && <p className="status status--error" role="alert">{alerts.error ?? failure}</p>
      )}
      <ul data-testid="alert-feed">
        {(alerts.data ?? []).map((a) => (
          <li key={a.alertId} className={`alert alert--${a.level}${a.handled ? ' is-acknowledged' : ''}`} data-alert={a.alertId}>
            <div>
              <strong>{t(`threshold.${a.kind}`, { defaultValue: a.kind })}</strong>{' '}
              {caseNo === undefined && (
                <>
                  <Link href={`/cases/${encodeURIComponent(a.caseNo)}`}>{a.caseNo}</Link>
                  <span className="muted"> · {a.department}</span>
                </>
              )}
            </div>
            <div data-testid="alert-reason">{describeAlert(a, describe)}</div>
            <div className="muted">{formatDateTime(a.raisedAt, i18n.language)}</div>
            {a.handled ? (
              <span className="muted">{t('feed.acknowledged')}</span>
            ) : (
              <button type="button" onClick={() => acknowledge(a.alertId)} data-testid="acknowledge">
                {t('feed.acknowledge')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {alerts.data?.length === 0 && <p className="muted">{t('feed.empty')}</p>}
    </section>
  );
}
