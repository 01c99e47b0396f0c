import { describe, expect, it } from 'vitest';
import type { KpiBucket } from '@/lib/store/slices/kpis-slice';
import { CHART_WINDOW_MS, chartDomain, lastMinute, perMinute, samePoints } from './kpi-series';

const MIN = 60_000;
const counters = (bets: number, turnover: number) => ({ bets, turnover, wins: 0, payout: 0, deposits: 0, withdrawals: 0 });
const buckets: KpiBucket[] = [
  { t: 0, byLocation: { 'loc-a': counters(1, 10) } },
  { t: 2 * MIN, byLocation: { 'loc-a': counters(2, 20), 'loc-b': counters(3, 30) } },
  { t: 3 * MIN, byLocation: { 'loc-b': counters(4, 40) } },
];

describe('KPI series', () => {
  it('reports the last closed minute over all locations or one', () => {
    expect(lastMinute(buckets, null, 3 * MIN + 5_000)).toMatchObject({ bets: 5, turnover: 50 });
    expect(lastMinute(buckets, 'loc-b', 3 * MIN + 5_000)).toMatchObject({ bets: 3, turnover: 30 });
    expect(lastMinute(buckets, null, 4 * MIN + 1)).toMatchObject({ bets: 4 });
  });

  it('reports zero for a closed minute without play, not the minute before it', () => {
    expect(lastMinute(buckets, null, 2 * MIN + 1)).toMatchObject({ bets: 0, turnover: 0 });
  });

  it('gives one point per closed minute from the first held, with zeros for minutes without play', () => {
    const points = perMinute(buckets, null, 4 * MIN + 30_000);
    expect(points.map((p) => [p.t / MIN, p.bets])).toEqual([
      [0, 1],
      [1, 0],
      [2, 5],
      [3, 4],
    ]);
    expect(perMinute(buckets, 'loc-a', 4 * MIN).map((p) => p.turnover)).toEqual([10, 0, 20, 0]);
  });

  it('leaves the open minute out, and reaches back at most the window', () => {
    expect(perMinute(buckets, null, 3 * MIN + 1).at(-1)!.t).toBe(2 * MIN);
    expect(perMinute(buckets, null, 4 * MIN, 2 * MIN)[0].t).toBe(MIN);
  });

  it('spans at least ten minutes and at most the window', () => {
    const now = 90 * MIN + 5_000;
    expect(chartDomain(perMinute(buckets, null, now), now)).toEqual([89 * MIN - CHART_WINDOW_MS, 89 * MIN]);
    expect(chartDomain([], 20 * MIN)).toEqual([9 * MIN, 19 * MIN]);
  });

  it('tells a series whose closed minutes are unchanged from one with a changed total', () => {
    const now = 4 * MIN + 30_000;
    const before = perMinute(buckets, null, now);
    const openMinute: KpiBucket = { t: 4 * MIN, byLocation: { 'loc-a': counters(9, 90) } };
    expect(samePoints(before, perMinute([...buckets, openMinute], null, now))).toBe(true);
    const late: KpiBucket = { t: 3 * MIN, byLocation: { 'loc-b': { ...counters(4, 40), withdrawals: 5 } } };
    expect(samePoints(before, perMinute([...buckets.slice(0, 2), late], null, now))).toBe(false);
    expect(samePoints(before, perMinute(buckets, null, now + MIN))).toBe(false);
  });
});
