import { useEffect } from 'react';
import { create } from 'zustand';
import { listDepartments } from '../api/departments';

interface DepartmentNames {
  names: ReadonlyMap<string, string>;
  state: 'idle' | 'loading' | 'loaded';
  load(): void;
}

/** The departments' names, loaded once for every drawn node (a failed load is tried again by the next node). */
const useNames = create<DepartmentNames>((set, get) => ({
  names: new Map(),
  state: 'idle',
  load() {
    if (get().state !== 'idle') return;
    set({ state: 'loading' });
    listDepartments()
      .then((list) => set({ names: new Map(list.map((d) => [d.code, d.name])), state: 'loaded' }))
      .catch(() => set({ state: 'idle' }));
  },
}));

/** A department's name for a node of the drawing; its code until the names are in, or if none is known. */
export function useDepartmentName(code: string | undefined): string | undefined {
  const name = useNames((s) => (code === undefined ? undefined : s.names.get(code)));
  const load = useNames((s) => s.load);
  useEffect(load, [load]);
  return name ?? code;
}
