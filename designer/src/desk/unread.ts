import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { fetchUnread } from '../api/inbox';

/** How often a signed-in page asks whether the inbox changed (an unchanged inbox costs a 304). */
export const POLL_MS = 15_000;

interface UnreadState {
  unread: number;
  /** The newest unread message: when it changes, new messages arrived. */
  latest: string | null;
  etag: string | null;
}

const unreadStore = createStore<UnreadState>()(() => ({ unread: 0, latest: null, etag: null }));

/** Asks the API now (after marking read, or on the poll); an unchanged answer leaves the state alone. */
export async function refreshUnread(): Promise<void> {
  try {
    const answer = await fetchUnread(unreadStore.getState().etag);
    if (answer !== null) unreadStore.setState({ ...answer.unread, etag: answer.etag });
  } catch {
    // A failed poll keeps the last count; the next one tries again.
  }
}

export function useUnread<T>(selector: (state: UnreadState) => T): T {
  return useStore(unreadStore, selector);
}

/** Polls while mounted (the shell of every signed-in page); a new session starts from nothing. */
export function useUnreadPolling(userId: string | undefined): void {
  useEffect(() => {
    if (userId === undefined) return;
    unreadStore.setState({ unread: 0, latest: null, etag: null });
    void refreshUnread();
    const timer = setInterval(() => void refreshUnread(), POLL_MS);
    return () => clearInterval(timer);
  }, [userId]);
}
