'use client';

import { useEffect, useRef, useState } from 'react';
import type { Alarm } from '@/lib/protocol';
import { type AlarmQuery, fetchAlarmPage } from '@/lib/store/alarms-api';
import { useMonitor } from '@/lib/store/use-monitor';

export const PAGE_SIZE = 100;

interface Loaded {
  /** The query these rows answer. */
  key: string;
  rows: Alarm[];
  nextCursor: string | null;
  error: string | null;
  loadingMore: boolean;
}

const failure = (e: unknown) => (e instanceof Error ? e.message : 'The alarm history could not be loaded');

/** The alarm history for a query, a page at a time from the API (`next_cursor`); a new query starts over. */
export function useAlarmHistory(query: AlarmQuery) {
  const token = useMonitor((s) => s.session.token);
  const key = JSON.stringify(query);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const more = useRef<AbortController | null>(null);

  useEffect(() => {
    if (!token) return;
    more.current?.abort();
    const abort = new AbortController();
    fetchAlarmPage(token, { ...(JSON.parse(key) as AlarmQuery), limit: PAGE_SIZE }, abort.signal)
      .then((page) => setLoaded({ key, rows: page.alarms, nextCursor: page.next_cursor, error: null, loadingMore: false }))
      .catch((e: unknown) => !abort.signal.aborted && setLoaded({ key, rows: [], nextCursor: null, error: failure(e), loadingMore: false }));
    return () => abort.abort();
  }, [token, key]);

  const current = loaded?.key === key ? loaded : null;
  const loadMore = () => {
    if (!token || !current?.nextCursor || current.loadingMore) return;
    const abort = new AbortController();
    more.current = abort;
    setLoaded({ ...current, loadingMore: true });
    fetchAlarmPage(token, { ...query, limit: PAGE_SIZE, cursor: current.nextCursor }, abort.signal)
      .then((page) => setLoaded((l) => (l?.key === key ? { ...l, rows: [...l.rows, ...page.alarms], nextCursor: page.next_cursor, loadingMore: false } : l)))
      .catch((e: unknown) => !abort.signal.aborted && setLoaded((l) => (l?.key === key ? { ...l, error: failure(e), loadingMore: false } : l)));
  };

  return {
    rows: current?.rows ?? [],
    nextCursor: current?.nextCursor ?? null,
    status: !current || current.loadingMore ? ('loading' as const) : current.error ? ('error' as const) : ('ready' as const),
    error: current?.error ?? null,
    loadMore,
  };
}
