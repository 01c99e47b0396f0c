import { describe, expect, it } from 'vitest';
import type { EventFrame } from '@/lib/protocol';
import { type KpiBucket, initialKpis, reduceKpis } from '@/lib/store/slices/kpis-slice';
import { CHART_WINDOW_MS, lastMinute, rollingPerMinute } from './kpi-series';

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

  it('has a full minute behind every chart point from the buckets the store keeps', () => {
    const bet = (seq: number, ts: number): EventFrame => ({
      type: 'event', channel: 'game', event: 'bet.placed', subscription_id: 's', seq, id: `e-${seq}`, ts: new Date(ts).toISOString(), data: { location_id: 'loc-a', amount: 1 },
    });
    const now = 1_800_000;
    // One bet every 10 s for the last ten minutes.
    const bets = Array.from({ length: 60 }, (_, i) => bet(i, now - 600_000 + i * 10_000));
    const kept = reduceKpis(initialKpis, bets, { now, paused: false }).buckets;
    const points = rollingPerMinute(kept, null, now);
    expect(points[0].t).toBe(now - CHART_WINDOW_MS);
    for (const p of points.slice(0, -1)) expect(p.bets).toBe(6);
  });
});
