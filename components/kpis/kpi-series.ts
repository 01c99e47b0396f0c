import { KPI_MINUTE_MS, type KpiBucket, type KpiCounters, bucketTotals, emptyCounters } from '@/lib/store/slices/kpis-slice';

/** One point of the KPI charts: the totals of the minute starting at `t`. */
export interface RatePoint extends KpiCounters {
  t: number;
}

/** How far back the KPI charts reach: the hour the gateway keeps. */
export const CHART_WINDOW_MS = 60 * KPI_MINUTE_MS;

/** The start of the last minute that has closed at `now`: the minute the tiles report. */
export const lastClosedMinute = (now: number) => Math.floor(now / KPI_MINUTE_MS) * KPI_MINUTE_MS - KPI_MINUTE_MS;

/**
 * The totals of the last closed minute, at one location or all: a whole minute as the gateway
 * counted it, so it is the true per-minute figure from the first paint on.
 */
export function lastMinute(buckets: readonly KpiBucket[], locationId: string | null, now: number): KpiCounters {
  const t = lastClosedMinute(now);
  const bucket = buckets.find((b) => b.t === t);
  return bucket ? bucketTotals(bucket, locationId) : emptyCounters();
}

/** The x-axis range of the KPI charts: the window, or less while the gateway holds less (but at least ten minutes). */
export function chartDomain(points: readonly RatePoint[], now: number, windowMs = CHART_WINDOW_MS): [number, number] {
  const end = lastClosedMinute(now);
  const first = points[0]?.t ?? end;
  return [Math.max(end - windowMs, Math.min(first, end - 10 * KPI_MINUTE_MS)), end];
}

/**
 * Per-minute totals of every closed minute from the first the store holds (at most `windowMs` back)
 * to the last closed one. A minute the gateway sent nothing for had no play: it is a zero.
 */
export function perMinute(buckets: readonly KpiBucket[], locationId: string | null, now: number, windowMs = CHART_WINDOW_MS): RatePoint[] {
  if (buckets.length === 0) return [];
  const end = lastClosedMinute(now);
  const start = Math.max(buckets[0].t, end - windowMs);
  const byT = new Map(buckets.map((b) => [b.t, b]));
  const points: RatePoint[] = [];
  for (let t = start; t <= end; t += KPI_MINUTE_MS) {
    const bucket = byT.get(t);
    points.push({ t, ...(bucket ? bucketTotals(bucket, locationId) : emptyCounters()) });
  }
  return points;
}

/** Whether two series hold the same minutes with the same totals. */
export function samePoints(a: readonly RatePoint[], b: readonly RatePoint[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const p = a[i];
    const q = b[i];
    if (p.t !== q.t || p.bets !== q.bets || p.wins !== q.wins || p.turnover !== q.turnover || p.payout !== q.payout) return false;
    if (p.deposits !== q.deposits || p.withdrawals !== q.withdrawals) return false;
  }
  return true;
}
