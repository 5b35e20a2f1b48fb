import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { listDepartments } from '../api/departments';
import { listInbox, markAllRead, markRead, MESSAGE_KINDS, type InboxFilters, type InboxMessage } from '../api/inbox';
import { usePages } from '../oversight/usePages';
import { formatDateTime } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';
import { useRemote } from '../ui/useRemote';
import { refreshUnread, useUnread } from './unread';

/** The staff page of each kind of subject; a follow-up is found by its case's number. */
const PAGES: Record<InboxMessage['subject']['kind'], string> = {
  case: 'cases', 'supervision-order': 'orders', complaint: 'complaints', consultation: 'consultations', 'follow-up': 'follow-ups',
};
const hrefOf = (s: InboxMessage['subject']) => `/${PAGES[s.kind]}/${encodeURIComponent(s.id)}`;

/** The signed-in user's messages: filters, mark read, and the list follows new messages without a reload. */
export function InboxPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('desk.inbox.title'));
  const [filters, setFilters] = useState<InboxFilters>({});
  const [subject, setSubject] = useState('');
  const [note, setNote] = useState<string>();
  const [error, setError] = useState<string>();
  const [readNow, setReadNow] = useState<ReadonlySet<string>>(new Set());
  const messages = usePages((cursor) => listInbox(filters, cursor), [filters.unread, filters.kind, filters.subject]);
  const departments = useRemote(listDepartments, []);
  const names = new Map((departments.data ?? []).map((d) => [d.code, d.name]));

  // The header's poll sees new messages first; the list reloads when the newest unread one changes.
  const latest = useUnread((s) => s.latest);
  const seen = useRef(latest);
  useEffect(() => {
    if (latest !== null && latest !== seen.current) messages.reload();
    seen.current = latest;
  }, [latest, messages.reload]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ ...filters, subject: subject.trim() === '' ? undefined : subject.trim() });
  };
  const act = async (work: () => Promise<void>) => {
    setError(undefined);
    try {
      await work();
      await refreshUnread();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const readOne = (id: string) => act(async () => {
    await markRead(id);
    setReadNow((before) => new Set(before).add(id));
  });
  const readAll = () => act(async () => {
    const { marked } = await markAllRead();
    setNote(t('desk.inbox.markedAll', { count: marked }));
    setReadNow(new Set());
    messages.reload();
  });

  return (
    <main className="page" aria-labelledby="inbox-title">
      <header className="page-head">
        <h1 id="inbox-title">{t('desk.inbox.title')}</h1>
        <button type="button" data-testid="inbox-read-all" onClick={() => void readAll()}>{t('desk.inbox.markAll')}</button>
      </header>
      {error && <p className="status status--error" role="alert">{error}</p>}
      {note && <p className="status status--info" role="status">{note}</p>}
      <form className="filters" role="search" onSubmit={apply}>
        <label className="check">
          <input type="checkbox" data-testid="inbox-unread-only" checked={filters.unread ?? false} onChange={(e) => setFilters({ ...filters, unread: e.target.checked })} />
          {t('desk.inbox.unreadOnly')}
        </label>
        <label>
          {t('desk.inbox.kind')}
          <select value={filters.kind ?? ''} data-testid="inbox-kind" onChange={(e) => setFilters({ ...filters, kind: (e.target.value || undefined) as InboxFilters['kind'] })}>
            <option value="">{t('common.all')}</option>
            {MESSAGE_KINDS.map((k) => <option key={k} value={k}>{t(`desk.inbox.kinds.${k}`)}</option>)}
          </select>
        </label>
        <label>
          {t('desk.inbox.subject')}
          <input value={subject} data-testid="inbox-subject" onChange={(e) => setSubject(e.target.value)} />
        </label>
        <button type="submit">{t('desk.inbox.filter')}</button>
      </form>
      {messages.error && <p className="status status--error" role="alert">{messages.error}</p>}
      <table className="table" data-testid="inbox-list">
        <thead>
          <tr>
            <th scope="col">{t('desk.inbox.about')}</th>
            <th scope="col">{t('desk.inbox.department')}</th>
            <th scope="col">{t('desk.inbox.received')}</th>
            <th scope="col">{t('desk.inbox.read')}</th>
          </tr>
        </thead>
        <tbody>
          {(messages.items ?? []).map((m) => {
            const read = m.read || readNow.has(m.id);
            return (
              <tr key={m.id} data-message={m.id} className={read ? 'message--read' : 'message--unread'}>
                <td>
                  <Link href={hrefOf(m.subject)} title={m.body}>
                    {t('desk.inbox.line', { subject: t(`desk.inbox.subjects.${m.subject.kind}`), id: m.subject.id, kind: t(`desk.inbox.kinds.${m.kind}`) })}
                  </Link>
                </td>
                <td>{m.department === null ? '' : names.get(m.department) ?? m.department}</td>
                <td>{formatDateTime(m.createdAt, i18n.language)}</td>
                <td>
                  {read ? (
                    <span className="muted" data-testid="message-state">{t('desk.inbox.read')}</span>
                  ) : (
                    <button type="button" className="link" data-testid="message-read" onClick={() => void readOne(m.id)}>{t('desk.inbox.markRead')}</button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!messages.loading && messages.items?.length === 0 && !messages.error && <p className="muted">{t('desk.inbox.empty')}</p>}
      {messages.hasMore && <button type="button" className="more" disabled={messages.loading} onClick={messages.more}>{t('desk.inbox.more')}</button>}
    </main>
  );
}
