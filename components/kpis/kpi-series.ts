import { KPI_BUCKET_MS, type KpiBucket, type KpiCounters, bucketTotals, emptyCounters } from '@/lib/store/slices/kpis-slice';

/** One point of the KPI charts: per-minute figures over the minute ending at `t`. */
export interface RatePoint extends KpiCounters {
  t: number;
}

const MINUTE = 60_000;
const PER_MINUTE = MINUTE / KPI_BUCKET_MS;

const COUNTERS = Object.keys(emptyCounters()) as (keyof KpiCounters)[];

function add(into: KpiCounters, c: KpiCounters): void {
  for (const k of COUNTERS) into[k] += c[k];
}

function scale(c: KpiCounters, factor: number): void {
  if (factor === 1) return;
  for (const k of COUNTERS) c[k] = k === 'bets' || k === 'wins' ? Math.round(c[k] * factor) : c[k] * factor;
}

/**
 * Per-minute figures over the last 60 s, at one location or all. A page younger than a minute
 * has seen less than a minute of play, so its partial sums are scaled up to a per-minute rate.
 */
export function lastMinute(buckets: readonly KpiBucket[], locationId: string | null, now: number): KpiCounters {
  const total = emptyCounters();
  for (const b of buckets) if (b.t >= now - MINUTE) add(total, bucketTotals(b, locationId));
  const seen = buckets.length ? now - buckets[0].t : MINUTE;
  if (seen < MINUTE) scale(total, MINUTE / Math.max(seen, KPI_BUCKET_MS));
  return total;
}

/** How far back the KPI charts reach; the store keeps a minute more than this (`KPI_BUCKETS`). */
export const CHART_WINDOW_MS = 5 * MINUTE;

/** The x-axis range of the KPI charts: the window, or less while the page has seen less (but at least two minutes). */
export function chartDomain(points: readonly RatePoint[], now: number, windowMs = CHART_WINDOW_MS): [number, number] {
  const end = Math.floor(now / KPI_BUCKET_MS) * KPI_BUCKET_MS;
  const first = points[0]?.t ?? end;
  return [Math.max(end - windowMs, Math.min(first, end - 2 * MINUTE)), end];
}

/** Rolling per-minute figures every 10 s, from the first data (at most `windowMs` back) to now. */
export function rollingPerMinute(buckets: readonly KpiBucket[], locationId: string | null, now: number, windowMs = CHART_WINDOW_MS): RatePoint[] {
  if (buckets.length === 0) return [];
  const end = Math.floor(now / KPI_BUCKET_MS) * KPI_BUCKET_MS;
  const start = Math.max(buckets[0].t, end - windowMs);
  const byT = new Map(buckets.map((b) => [b.t, bucketTotals(b, locationId)]));
  const points: RatePoint[] = [];
  for (let t = start; t <= end; t += KPI_BUCKET_MS) {
    const point: RatePoint = { t, ...emptyCounters() };
    for (let i = 0; i < PER_MINUTE; i++) {
      const c = byT.get(t - i * KPI_BUCKET_MS);
      if (c) add(point, c);
    }
    // Near the first data the window is partly before it: scale to a per-minute rate.
    const covered = Math.min(PER_MINUTE, (t - buckets[0].t) / KPI_BUCKET_MS + 1);
    scale(point, PER_MINUTE / covered);
    points.push(point);
  }
  return points;
}
