'use client';

import { useEffect, useState } from 'react';
import type { Alarm, AlarmStats } from '@/lib/protocol';
import { fetchAlarmStats, fetchAllAlarms } from '@/lib/store/alarms-api';
import { useMonitor } from '@/lib/store/use-monitor';

export interface ShiftReport {
  stats: AlarmStats;
  /** Every alarm raised in the range, for the per-10-minute series the stats do not carry. */
  alarms: Alarm[];
  sinceMs: number;
  untilMs: number;
}

/** The stats and the alarms of a range, fetched together; a new range starts over. */
export function useShiftReport(range: { since?: string; until?: string; location_id?: string }, requestedAt: number) {
  const token = useMonitor((s) => s.session.token);
  const key = JSON.stringify({ range, requestedAt });
  const [loaded, setLoaded] = useState<{ key: string; report: ShiftReport | null; error: string | null } | null>(null);

  useEffect(() => {
    if (!token) return;
    const abort = new AbortController();
    const { range: r, requestedAt: at } = JSON.parse(key) as { range: typeof range; requestedAt: number };
    Promise.all([fetchAlarmStats(token, r, abort.signal), fetchAllAlarms(token, r, abort.signal)])
      .then(([stats, alarms]) => {
        const sinceMs = Date.parse(stats.since ?? r.since ?? '') || Math.min(at, ...alarms.map((a) => Date.parse(a.raised_at)));
        const untilMs = Date.parse(stats.until ?? r.until ?? '') || at;
        setLoaded({ key, report: { stats, alarms, sinceMs, untilMs }, error: null });
      })
      .catch((e: unknown) => !abort.signal.aborted && setLoaded({ key, report: null, error: e instanceof Error ? e.message : 'The report could not be made' }));
    return () => abort.abort();
  }, [token, key]);

  const current = loaded?.key === key ? loaded : null;
  return { report: current?.report ?? null, error: current?.error ?? null, loading: !current };
}
