import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  downloadLogExport, listLog, LOG_ACTIONS, TARGET_KINDS, verifyLog, type LogCheck, type LogFilters, type LogRecord,
} from '../api/supervision-log';
import { formatDateTime } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';
import { useRemote } from '../ui/useRemote';
import { usePages } from '../oversight/usePages';

const PAGE = 50;

/** A typed sequence number, or nothing when the field is empty or not a number. */
const seqOf = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined);

/** The supervision log for supervisors and auditors: records with filters, the chain's check, the export and the anchor. */
export function LogPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('desk.log.title'));
  const [filters, setFilters] = useState<LogFilters>({});
  const [typed, setTyped] = useState({ actorName: '', targetId: '', fromSeq: '', toSeq: '' });
  const [check, setCheck] = useState<LogCheck | null>(null);
  const [busy, setBusy] = useState<'verify' | 'export' | null>(null);
  const [error, setError] = useState<string>();
  const [copied, setCopied] = useState(false);
  // The API pages newest first by `beforeSeq`; the last record shown is the next page's bound.
  const records = usePages<LogRecord>(async (cursor) => {
    const page = await listLog(filters, cursor === undefined ? undefined : Number(cursor), PAGE);
    const last = page.records.at(-1);
    return { items: page.records, nextCursor: page.records.length === PAGE && last ? String(last.seq) : null };
  }, [filters]);
  const head = useRemote(async () => (await listLog({}, undefined, 1)).records[0] ?? null, [check]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const text = (v: string) => (v.trim() === '' ? undefined : v.trim());
    setFilters({ ...filters, actorName: text(typed.actorName), targetId: text(typed.targetId), fromSeq: seqOf(typed.fromSeq), toSeq: seqOf(typed.toSeq) });
  };
  const run = async (what: 'verify' | 'export') => {
    setBusy(what);
    setError(undefined);
    try {
      if (what === 'verify') setCheck(await verifyLog());
      else await downloadLogExport({ fromSeq: seqOf(typed.fromSeq), toSeq: seqOf(typed.toSeq) });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  const anchor = head.data ? `${head.data.seq}:${head.data.hash}` : null;
  const copy = async () => {
    if (anchor === null) return;
    try {
      await navigator.clipboard.writeText(anchor);
      setCopied(true);
    } catch {
      // No clipboard outside a secure context: the anchor stays on the page to select by hand.
    }
  };

  return (
    <main className="page" aria-labelledby="log-title">
      <header className="page-head">
        <h1 id="log-title">{t('desk.log.title')}</h1>
        <div className="actions">
          <button type="button" data-testid="log-verify" disabled={busy !== null} onClick={() => void run('verify')}>
            {busy === 'verify' ? t('desk.log.verifying') : t('desk.log.verify')}
          </button>
          <button type="button" data-testid="log-export" disabled={busy !== null} onClick={() => void run('export')} title={t('desk.log.exportHint')}>
            {t('desk.log.export')}
          </button>
          <button type="button" onClick={records.reload}>{t('desk.log.refresh')}</button>
        </div>
      </header>
      {error && <p className="status status--error" role="alert">{error}</p>}
      {check && <ChainCheck check={check} />}
      <section className="anchor" aria-labelledby="anchor-title" data-testid="log-anchor">
        <h2 id="anchor-title">{t('desk.log.anchor')}</h2>
        {anchor === null ? (
          <p className="muted">{t('desk.log.anchorEmpty')}</p>
        ) : (
          <p>
            <code data-testid="log-anchor-value">{anchor}</code>{' '}
            <button type="button" className="link" onClick={() => void copy()}>{copied ? t('desk.log.copied') : t('desk.log.copy')}</button>
          </p>
        )}
        <p className="muted">{t('desk.log.anchorHint')}</p>
      </section>
      <form className="filters" role="search" onSubmit={apply}>
        <label>
          {t('desk.log.action')}
          <select value={filters.action ?? ''} data-testid="log-action" onChange={(e) => setFilters({ ...filters, action: e.target.value || undefined })}>
            <option value="">{t('common.all')}</option>
            {LOG_ACTIONS.map((a) => <option key={a} value={a}>{t(`desk.logAction.${a}`)}</option>)}
          </select>
        </label>
        <label>
          {t('desk.log.targetKind')}
          <select value={filters.targetKind ?? ''} onChange={(e) => setFilters({ ...filters, targetKind: e.target.value || undefined })}>
            <option value="">{t('common.all')}</option>
            {TARGET_KINDS.map((k) => <option key={k} value={k}>{t(`desk.target.${k}`)}</option>)}
          </select>
        </label>
        <label>
          {t('desk.log.targetId')}
          <input value={typed.targetId} onChange={(e) => setTyped({ ...typed, targetId: e.target.value })} />
        </label>
        <label>
          {t('desk.log.actor')}
          <input value={typed.actorName} data-testid="log-actor" onChange={(e) => setTyped({ ...typed, actorName: e.target.value })} />
        </label>
        <label>
          {t('desk.log.fromSeq')}
          <input inputMode="numeric" size={8} value={typed.fromSeq} data-testid="log-from" onChange={(e) => setTyped({ ...typed, fromSeq: e.target.value })} />
        </label>
        <label>
          {t('desk.log.toSeq')}
          <input inputMode="numeric" size={8} value={typed.toSeq} data-testid="log-to" onChange={(e) => setTyped({ ...typed, toSeq: e.target.value })} />
        </label>
        <button type="submit">{t('desk.log.filter')}</button>
      </form>
      {records.error && <p className="status status--error" role="alert">{records.error}</p>}
      <table className="table" data-testid="log-list">
        <thead>
          <tr>
            <th scope="col">{t('desk.log.seq')}</th>
            <th scope="col">{t('desk.log.at')}</th>
            <th scope="col">{t('desk.log.actor')}</th>
            <th scope="col">{t('desk.log.action')}</th>
            <th scope="col">{t('desk.log.target')}</th>
            <th scope="col">{t('desk.log.hash')}</th>
          </tr>
        </thead>
        <tbody>
          {(records.items ?? []).map((r) => (
            <tr key={r.seq} data-seq={r.seq}>
              <td>{r.seq}</td>
              <td>{formatDateTime(r.at, i18n.language)}</td>
              <td>{r.actor.username}</td>
              <td data-testid="log-record-action">{t(`desk.logAction.${r.action}`, { defaultValue: r.action })}</td>
              <td>{t(`desk.target.${r.target.kind}`, { defaultValue: r.target.kind })} {r.target.id}</td>
              <td><code title={r.hash}>{r.hash.slice(0, 12)}…</code></td>
            </tr>
          ))}
        </tbody>
      </table>
      {!records.loading && records.items?.length === 0 && !records.error && <p className="muted">{t('desk.log.empty')}</p>}
      {records.hasMore && (
        <button type="button" className="more" disabled={records.loading} onClick={records.more}>{t('desk.log.more')}</button>
      )}
    </main>
  );
}

/** The chain's check: intact, or each record where it breaks and what is wrong there. */
function ChainCheck({ check }: { check: LogCheck }) {
  const { t, i18n } = useTranslation();
  if (check.valid) {
    return (
      <p className="status status--info" role="status" data-testid="log-verify-result">
        {t('desk.log.intact', { count: check.count, at: formatDateTime(check.checkedAt, i18n.language) })}
      </p>
    );
  }
  return (
    <div className="status status--error" role="alert" data-testid="log-verify-result">
      <p>{t('desk.log.broken', { count: check.problems.length })}</p>
      <ul>
        {check.problems.map((p, i) => (
          <li key={i} data-problem-seq={p.seq ?? ''}>
            {p.seq === null ? t('desk.log.problemNoSeq') : t('desk.log.problemAt', { seq: p.seq })}:{t(`desk.problem.${p.code}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}
