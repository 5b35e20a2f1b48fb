import { useEffect, useState } from 'react';
import { listCases, type CaseFilters, type CaseSummary } from '../api/cases';
import { useRemote } from './useRemote';

/** The value once it has stopped changing for `ms`: a search is sent when the typing pauses. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Pages loaded after the first, for the filters named by `key`. */
interface Pages {
  key: string;
  items: CaseSummary[];
  cursor: string | null;
  error?: string;
}

export interface CaseList {
  items: CaseSummary[];
  error: string | undefined;
  loading: boolean;
  /** Another page follows the loaded ones. */
  hasMore: boolean;
  more(): void;
}

/**
 * Cases the API finds for the filters (searched and filtered by the server), newest first:
 * the first page again every `pollMs`, further pages through the API's cursor on demand.
 * Pages loaded for other filters are dropped.
 */
export function useCaseList(filters: CaseFilters, pollMs: number, pageSize = 100): CaseList {
  const key = JSON.stringify(filters);
  const first = useRemote(() => listCases(filters, undefined, pageSize), [key, pageSize], pollMs);
  const [extra, setExtra] = useState<Pages>({ key, items: [], cursor: null });
  const current: Pages = extra.key === key ? extra : { key, items: [], cursor: null };
  const cursor = current.items.length > 0 ? current.cursor : (first.data?.nextCursor ?? null);
  const seen = new Set((first.data?.items ?? []).map((c) => c.caseNo));
  const items = [...(first.data?.items ?? []), ...current.items.filter((c) => !seen.has(c.caseNo))];
  const more = () => {
    if (cursor === null) return;
    listCases(filters, cursor, pageSize).then(
      (page) => setExtra((e) => ({ key, items: [...(e.key === key ? e.items : []), ...page.items], cursor: page.nextCursor })),
      (err: unknown) => {
        const error = err instanceof Error ? err.message : String(err);
        setExtra((e) => (e.key === key ? { ...e, error } : { key, items: [], cursor: null, error }));
      },
    );
  };
  return { items, error: first.error ?? current.error, loading: first.loading, hasMore: cursor !== null, more };
}
