import { describe, expect, it } from 'vitest';
import type { KpiBucket } from '@/lib/store/slices/kpis-slice';
import { lastMinute, rollingPerMinute } from './kpi-series';

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

  it('scales the first minute of a young page to a per-minute rate', () => {
    expect(lastMinute([{ t: 0, byLocation: { 'loc-a': counters(5, 50) } }], null, 20_000)).toMatchObject({ bets: 15, turnover: 150 });
  });

  it('gives a rolling one-minute sum every 10 s from the first data to now', () => {
    const points = rollingPerMinute(buckets, null, 125_000, 600_000);
    expect(points[0]).toMatchObject({ t: 0, bets: 6 });
    expect(points.find((p) => p.t === 50_000)).toMatchObject({ bets: 1 });
    expect(points.find((p) => p.t === 60_000)).toMatchObject({ bets: 5 });
    expect(points.find((p) => p.t === 110_000)).toMatchObject({ bets: 9 });
    expect(points.at(-1)).toMatchObject({ t: 120_000, bets: 4 });
  });

  it('reaches back at most the window', () => {
    expect(rollingPerMinute(buckets, null, 125_000, 30_000)[0].t).toBe(90_000);
  });
});
