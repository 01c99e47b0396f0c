import { type KpiBucket, type KpiCounters, bucketTotals, emptyCounters } from '@/lib/store/slices/kpis-slice';

/** One minute of the KPI charts. */
export interface MinutePoint extends KpiCounters {
  t: number;
}

const MINUTE = 60_000;

/** Totals of the last 60 s (a rate per minute), at one location or all. */
export function lastMinute(buckets: readonly KpiBucket[], locationId: string | null, now: number): KpiCounters {
  const total = emptyCounters();
  for (const b of buckets) {
    if (b.t < now - MINUTE) continue;
    const c = bucketTotals(b, locationId);
    for (const k of Object.keys(total) as (keyof KpiCounters)[]) total[k] += c[k];
  }
  return total;
}

/** Per-minute totals over the kept buckets, oldest first, without gaps. */
export function perMinute(buckets: readonly KpiBucket[], locationId: string | null, now: number, minutes = 15): MinutePoint[] {
  const end = Math.floor(now / MINUTE) * MINUTE;
  const points: MinutePoint[] = Array.from({ length: minutes }, (_, i) => ({ t: end - (minutes - 1 - i) * MINUTE, ...emptyCounters() }));
  const start = points[0].t;
  for (const b of buckets) {
    const i = Math.floor((b.t - start) / MINUTE);
    if (i < 0 || i >= points.length) continue;
    const c = bucketTotals(b, locationId);
    for (const k of Object.keys(c) as (keyof KpiCounters)[]) points[i][k] += c[k];
  }
  return points;
}
