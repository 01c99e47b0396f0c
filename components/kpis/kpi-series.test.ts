import { describe, expect, it } from 'vitest';
import type { KpiBucket } from '@/lib/store/slices/kpis-slice';
import { lastMinute, perMinute } from './kpi-series';

const counters = (bets: number, turnover: number) => ({ bets, turnover, wins: 0, payout: 0, deposits: 0, withdrawals: 0 });
const buckets: KpiBucket[] = [
  { t: 0, byLocation: { 'loc-a': counters(1, 10) } },
  { t: 60_000, byLocation: { 'loc-a': counters(2, 20), 'loc-b': counters(3, 30) } },
  { t: 110_000, byLocation: { 'loc-b': counters(4, 40) } },
];

describe('KPI series', () => {
  it('sums the last minute over all locations or one', () => {
    expect(lastMinute(buckets, null, 120_000)).toMatchObject({ bets: 9, turnover: 90 });
    expect(lastMinute(buckets, 'loc-b', 120_000)).toMatchObject({ bets: 7, turnover: 70 });
  });

  it('gives one point per minute, oldest first, with empty minutes as zero', () => {
    const points = perMinute(buckets, null, 125_000, 3);
    expect(points.map((p) => [p.t, p.bets])).toEqual([
      [0, 1],
      [60_000, 9],
      [120_000, 0],
    ]);
  });
});
