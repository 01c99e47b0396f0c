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

/** Totals of the last 60 s (a rate per minute), at one location or all. */
export function lastMinute(buckets: readonly KpiBucket[], locationId: string | null, now: number): KpiCounters {
  const total = emptyCounters();
  for (const b of buckets) if (b.t >= now - MINUTE) add(total, bucketTotals(b, locationId));
  return total;
}

/** How far back the KPI charts reach. */
export const CHART_WINDOW_MS = 5 * MINUTE;

/** The x-axis range of the KPI charts at `now`: fixed, so a young page's line grows in from the right. */
export function chartDomain(now: number, windowMs = CHART_WINDOW_MS): [number, number] {
  const end = Math.floor(now / KPI_BUCKET_MS) * KPI_BUCKET_MS;
  return [end - windowMs, end];
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
    points.push(point);
  }
  return points;
}
