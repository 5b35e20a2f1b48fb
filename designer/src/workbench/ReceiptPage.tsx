import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { getReceipt, type Receipt } from '../api/front-desk';
import { formatDateTime, localToday } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';
import { useRemote } from '../ui/useRemote';
import { officialDate } from './official-date';

/** Until the case's first record is written (a moment after registration) the code is not there yet. */
const RETRY_MS = 1000;

function useQr(text: string | null): string | null {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    if (text === null) return;
    let live = true;
    void QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((s) => live && setSvg(s));
    return () => {
      live = false;
    };
  }, [text]);
  return svg;
}

function ReceiptSheet({ receipt }: { receipt: Receipt }) {
  const { t, i18n } = useTranslation();
  const url = `${window.location.origin}${receipt.progressPath}`;
  const qr = useQr(url);
  const received = receipt.materials.filter((m) => m.received);
  return (
    <article className="paper receipt" data-testid="receipt">
      <h1 className="paper-title">{t('front.receipt.title')}</h1>
      <p className="paper-issuer">{receipt.departmentName}</p>
      <div className="receipt-head">
        <dl className="paper-facts">
          <dt>{t('front.receipt.caseNo')}</dt>
          <dd data-testid="receipt-case-no">{receipt.caseNo}</dd>
          <dt>{t('front.receipt.queryCode')}</dt>
          <dd className="query-code" data-testid="receipt-query-code">{receipt.queryCode}</dd>
          <dt>{t('front.receipt.applicant')}</dt>
          <dd>{receipt.applicantName}</dd>
          <dt>{t('front.receipt.item')}</dt>
          <dd>{receipt.itemName}({receipt.itemCode})</dd>
          <dt>{t('front.receipt.submittedAt')}</dt>
          <dd>{formatDateTime(receipt.submittedAt, i18n.language)}</dd>
          <dt>{t('front.receipt.limits')}</dt>
          <dd>{t('front.receipt.limitsText', { promised: receipt.promisedDays, statutory: receipt.statutoryDays })}</dd>
          <dt>{t('front.receipt.deadline')}</dt>
          <dd data-testid="receipt-deadline">
            {receipt.deadlineDate ? officialDate(receipt.deadlineDate) : '—'}
            {receipt.statutoryDeadlineDate && <span className="muted">{t('front.receipt.statutoryBy', { date: officialDate(receipt.statutoryDeadlineDate) })}</span>}
            {receipt.provisional && <span className="muted">{t('front.receipt.provisional')}</span>}
          </dd>
        </dl>
        <figure className="receipt-qr">
          {qr && <div data-testid="receipt-qr" aria-label={url} dangerouslySetInnerHTML={{ __html: qr }} />}
          <figcaption>
            {t('front.receipt.scan')}
            <br />
            <a href={receipt.progressPath} data-testid="receipt-link">{url}</a>
          </figcaption>
        </figure>
      </div>
      <h2>{t('front.receipt.materials')}</h2>
      <table className="paper-table">
        <thead>
          <tr><th>{t('front.receipt.no')}</th><th>{t('front.receipt.material')}</th><th>{t('front.receipt.copies')}</th><th>{t('front.receipt.received')}</th></tr>
        </thead>
        <tbody>
          {receipt.materials.map((m, i) => (
            <tr key={m.name}>
              <td>{i + 1}</td>
              <td>{m.name}{m.required ? '' : t('front.receipt.optional')}</td>
              <td>{m.copies ?? '—'}</td>
              <td>{m.received ? '✓' : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t('front.receipt.count', { received: received.length, total: receipt.materials.length })}</p>
      <p className="paper-note">{t('front.receipt.note')}</p>
      <p className="paper-sign">{receipt.departmentName}<br />{officialDate(localToday(Date.parse(receipt.submittedAt)))}</p>
    </article>
  );
}

/** 受理回执: shown right after registration and printed again from the case page; prints on A4. */
export function ReceiptPage({ caseNo }: { caseNo: string }) {
  const { t } = useTranslation();
  usePageTitle(t('front.receipt.title'));
  const [tries, setTries] = useState(0);
  const receipt = useRemote(() => getReceipt(caseNo), [caseNo, tries]);
  const pending = receipt.data !== undefined && receipt.data.queryCode === null;
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => setTries((n) => n + 1), RETRY_MS);
    return () => clearTimeout(timer);
  }, [pending, tries]);
  return (
    <main className="page print-page" aria-label={t('front.receipt.title')}>
      <div className="button-row no-print">
        <Link href={`/cases/${encodeURIComponent(caseNo)}`}>{t('front.receipt.toCase')}</Link>
        <button type="button" className="primary" disabled={receipt.data === undefined || pending} onClick={() => window.print()} data-testid="print-receipt">
          {t('front.print')}
        </button>
      </div>
      {receipt.error && <p className="status status--error no-print" role="alert">{receipt.error}</p>}
      {receipt.data && !pending ? <ReceiptSheet receipt={receipt.data} /> : !receipt.error && <p>{t('common.loading')}</p>}
    </main>
  );
}
