import type { AlarmSourceCount, AlarmStats } from '../../protocol';
import type { StatsRows } from './history';

/** ISA-18.2 alarm-load bounds: more than 10 alarms in 10 minutes is a flood; 3 in a minute is chattering. */
export const LOAD_LIMITS = { windowMs: 10 * 60_000, floodAbove: 10, chatterWindowMs: 60_000, chatterCount: 3, top: 10 } as const;

/**
 * The alarm load of `[sinceMs, untilMs)` from the ledger's rows. Rates count newly raised alarms, flood
 * alarms excluded (they are about the rate itself); top and chattering count every raise and repeat.
 */
export function computeAlarmStats(rows: StatsRows, sinceMs: number, untilMs: number): AlarmStats {
  const raisedTimes = rows.alarms.filter((a) => a.kind !== 'flood').map((a) => a.raised_at_ms);
  return {
    since: new Date(sinceMs).toISOString(),
    until: new Date(untilMs).toISOString(),
    raised: rows.alarms.length,
    acknowledged: rows.acknowledged,
    mtta_s: meanSeconds(rows.alarms.map((a) => [a.raised_at_ms, a.acked_at])),
    mttr_s: meanSeconds(rows.alarms.map((a) => [a.raised_at_ms, a.cleared_at])),
    max_per_10min: maxInWindow(raisedTimes, LOAD_LIMITS.windowMs),
    flood_time_pct: floodTimePct(raisedTimes, sinceMs, untilMs),
    standing: rows.standing,
    ...sourceCounts(rows.raises),
  };
}

function meanSeconds(pairs: [number, string | null][]): number | null {
  const waits = pairs.filter((p): p is [number, string] => p[1] !== null).map(([from, to]) => (Date.parse(to) - from) / 1000);
  if (waits.length === 0) return null;
  return Math.round((waits.reduce((s, w) => s + w, 0) / waits.length) * 10) / 10;
}

/** The most sorted times that fit in any window of `windowMs` (two pointers). */
export function maxInWindow(sorted: number[], windowMs: number): number {
  let best = 0;
  for (let lo = 0, hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi] - sorted[lo] >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

/**
 * Share of the range spent in flood: the moments when the preceding ten minutes held more than ten new
 * alarms. Each run of eleven raises within a window floods from its last raise until the first leaves the window.
 */
export function floodTimePct(sorted: number[], sinceMs: number, untilMs: number): number {
  const span = untilMs - sinceMs;
  if (span <= 0) return 0;
  const n = LOAD_LIMITS.floodAbove;
  let flooded = 0;
  let coveredTo = sinceMs;
  for (let i = 0; i + n < sorted.length; i++) {
    const start = Math.max(sorted[i + n], coveredTo);
    const end = Math.min(sorted[i] + LOAD_LIMITS.windowMs, untilMs);
    if (end > start) {
      flooded += end - start;
      coveredTo = end;
    }
  }
  return Math.round((flooded / span) * 1000) / 10;
}

function sourceCounts(raises: StatsRows['raises']): Pick<AlarmStats, 'chattering' | 'top'> {
  const bySource = new Map<string, { entry: AlarmSourceCount; times: number[] }>();
  for (const r of raises) {
    const key = `${r.kind}\u0000${r.source_ref}`;
    let s = bySource.get(key);
    if (!s) bySource.set(key, (s = { entry: { kind: r.kind, source_ref: r.source_ref, count: 0, message: r.message, location_id: r.location_id }, times: [] }));
    s.entry.count++;
    // Rows come oldest first: the entry ends with the latest message and place.
    s.entry.message = r.message;
    s.entry.location_id = r.location_id;
    s.times.push(Date.parse(r.at));
  }
  const all = [...bySource.values()];
  const byCount = (a: AlarmSourceCount, b: AlarmSourceCount) => b.count - a.count || a.source_ref.localeCompare(b.source_ref);
  return {
    chattering: all
      .filter((s) => maxInWindow(s.times, LOAD_LIMITS.chatterWindowMs) >= LOAD_LIMITS.chatterCount)
      .map((s) => s.entry)
      .sort(byCount),
    top: all.map((s) => s.entry).sort(byCount).slice(0, LOAD_LIMITS.top),
  };
}
