import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Answer } from '../api/contract';

type Principal = Answer<'me'>;

const STORAGE_KEY = 'sunlight.session';

export interface SessionState {
  token: string | null;
  user: Principal | null;
  expiresAt: string | null;
  signIn(token: string, user: Principal, expiresAt: string): void;
  signOut(): void;
}

interface Stored {
  token: string;
  user: Principal;
  expiresAt: string;
}

function restore(): Stored | null {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (raw === null || raw === undefined) return null;
    const stored = JSON.parse(raw) as Stored;
    return Date.parse(stored.expiresAt) > Date.now() ? stored : null;
  } catch {
    return null;
  }
}

const initial = restore();

/** Who is signed in; the token survives a reload until it expires. */
export const sessionStore = createStore<SessionState>()((set) => ({
  token: initial?.token ?? null,
  user: initial?.user ?? null,
  expiresAt: initial?.expiresAt ?? null,
  signIn(token, user, expiresAt) {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify({ token, user, expiresAt } satisfies Stored));
    set({ token, user, expiresAt });
  },
  signOut() {
    globalThis.localStorage?.removeItem(STORAGE_KEY);
    set({ token: null, user: null, expiresAt: null });
  },
}));

export function useSession<T>(selector: (state: SessionState) => T): T {
  return useStore(sessionStore, selector);
}
