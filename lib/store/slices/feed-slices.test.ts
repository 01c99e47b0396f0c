import { describe, expect, it } from 'vitest';
import type { EventFrame, JackpotsSnapshotItem, KpiMinute } from '@/lib/protocol';
import { initialJackpots, potKey, potPoints, reduceJackpots } from './jackpots-slice';
import { initialWins, reduceWins } from './wins-slice';
import type { ChannelItem } from './channel-item';
import { initialKpis, reduceKpis } from './kpis-slice';

const ctx = { now: 10_000, paused: false };
const event = (seq: number, channel: EventFrame['channel'], name: EventFrame['event'], data: object, ts = 5_000): EventFrame =>
  ({ type: 'event', channel, event: name, subscription_id: 's', seq, id: `e-${seq}`, ts: new Date(ts).toISOString(), data }) as EventFrame;
const win = (seq: number, amount: number, bet_amount: number | null) =>
  event(seq, 'game', 'round.won', { round_id: `r${seq}`, player_id: 'p', game_id: 'g', device_id: 'd', location_id: 'loc-a', amount, currency: 'EUR', bet_amount });

describe('wins slice', () => {
  it('highlights big wins by amount or multiple of stake, and every jackpot win', () => {
    const next = reduceWins(initialWins, [
      win(1, 3, 1),
      win(2, 40, 1),
      win(3, 600, 100),
      event(4, 'jackpots', 'jackpot.won', { instance_id: 'jp', jackpot_name: 'Grand', player_id: 'p', win_pot_id: 'grand', win_amount: 50, currency: 'EUR' }),
    ], ctx);
    expect(next.rows.map((r) => [r.id, r.big])).toEqual([
      ['e-4', true],
      ['e-3', true],
      ['e-2', true],
      ['e-1', false],
    ]);
    expect(next.rows[0]).toMatchObject({ kind: 'jackpot', jackpot_name: 'Grand' });
  });
});

describe('jackpots slice', () => {
  it('keeps pot values, their history and win markers', () => {
    const updated = (seq: number, value: number, ts: number) =>
      event(seq, 'jackpots', 'jackpot.updated', { instance_id: 'jp', name: 'Grand', currency: 'EUR', status: 'active', pots: [{ id: 'grand', is_progressive: true, current_value: value }] }, ts);
    const next = reduceJackpots(initialJackpots, [
      updated(1, 100, 1_000),
      updated(2, 101, 6_000),
      updated(3, 102, 11_000),
      event(4, 'jackpots', 'jackpot.won', { instance_id: 'jp', jackpot_name: 'Grand', player_id: 'p9', win_pot_id: 'grand', win_amount: 102, currency: 'EUR' }, 11_500),
    ], ctx);
    expect(next.instances.jp.pots[0].current_value).toBe(102);
    expect(potPoints(next.series[potKey('jp', 'grand')])).toEqual([{ t: 1_000, v: 100 }, { t: 6_000, v: 101 }, { t: 11_000, v: 102 }]);
    expect(next.wins[potKey('jp', 'grand')]).toEqual([{ t: 11_500, amount: 102, player_id: 'p9' }]);
  });

  it('ticks the pot value on every update but adds a chart point at most every five seconds', () => {
    const updated = (seq: number, value: number, ts: number) =>
      event(seq, 'jackpots', 'jackpot.updated', { instance_id: 'jp', name: 'Grand', currency: 'EUR', status: 'active', pots: [{ id: 'grand', is_progressive: true, current_value: value }] }, ts);
    const first = reduceJackpots(initialJackpots, [updated(1, 100, 10_000)], ctx);
    const ticked = reduceJackpots(first, [updated(2, 100.5, 10_700), updated(3, 101, 14_900)], ctx);
    expect(ticked.instances.jp.pots[0].current_value).toBe(101);
    expect(ticked.series[potKey('jp', 'grand')]).toBe(first.series[potKey('jp', 'grand')]);
    const later = reduceJackpots(ticked, [updated(4, 102, 15_000)], ctx);
    expect(later.series[potKey('jp', 'grand')]).not.toBe(first.series[potKey('jp', 'grand')]);
    expect(potPoints(later.series[potKey('jp', 'grand')]).map((p) => p.v)).toEqual([100, 102]);
  });

  it('keeps ten minutes of a pot in a window of fixed size, and two points for a pot that does not move', () => {
    const updated = (seq: number, pots: { id: string; value: number }[], ts: number) =>
      event(seq, 'jackpots', 'jackpot.updated', { instance_id: 'jp', name: 'Grand', currency: 'EUR', status: 'active', pots: pots.map((p) => ({ id: p.id, is_progressive: true, current_value: p.value })) }, ts);
    // Half an hour of updates every 2.5 s: a growing pot and a fixed one.
    const items = Array.from({ length: 720 }, (_, i) => updated(i + 1, [{ id: 'grand', value: 100 + i }, { id: 'raffle', value: 50 }], i * 2_500));
    const next = reduceJackpots(initialJackpots, items, ctx);
    const grand = next.series[potKey('jp', 'grand')];
    const points = potPoints(grand);
    expect(points).toHaveLength(121);
    expect(points[0].t).toBe(points.at(-1)!.t - 10 * 60_000);
    expect(grand.ring.capacity).toBe(121);
    const raffle = potPoints(next.series[potKey('jp', 'raffle')]);
    expect(raffle.map((p) => p.v)).toEqual([50, 50]);
    expect(raffle[1].t).toBe(1_795_000);
  });

  it('keeps a bounded number of win markers per pot', () => {
    const won = (seq: number) =>
      event(seq, 'jackpots', 'jackpot.won', { instance_id: 'jp', jackpot_name: 'Grand', player_id: `p${seq}`, win_pot_id: 'grand', win_amount: 1, currency: 'EUR' }, 5_000 + seq);
    const next = reduceJackpots(initialJackpots, Array.from({ length: 100 }, (_, i) => won(i + 1)), ctx);
    const markers = next.wins[potKey('jp', 'grand')];
    expect(markers.length).toBeLessThanOrEqual(20);
    expect(markers.at(-1)?.player_id).toBe('p100');
  });

  it('drops the history of pots a snapshot no longer has', () => {
    const jackpot = (id: string, value: number) => ({ instance_id: id, name: id, currency: 'EUR', status: 'active', pots: [{ id: 'grand', is_progressive: true, current_value: value }] });
    const snapshot = (data: JackpotsSnapshotItem[]): ChannelItem => ({ type: 'snapshot', subscription_id: 's', channel: 'jackpots', seq: 1, data });
    const both = reduceJackpots(initialJackpots, [snapshot([jackpot('a', 1), jackpot('b', 2)])], ctx);
    expect(Object.keys(both.series)).toEqual([potKey('a', 'grand'), potKey('b', 'grand')]);
    const one = reduceJackpots(both, [snapshot([jackpot('b', 3)])], { ...ctx, now: ctx.now + 5_000 });
    expect(Object.keys(one.series)).toEqual([potKey('b', 'grand')]);
    expect(potPoints(one.series[potKey('b', 'grand')]).map((p) => p.v)).toEqual([2, 3]);
  });
});

describe('jackpots snapshot history', () => {
  it('opens each pot chart with the recent values the snapshot carries, then the current value', () => {
    const now = 1_000_000;
    const item: JackpotsSnapshotItem = { instance_id: 'jp', name: 'Grand', currency: 'EUR', status: 'active', pots: [{ id: 'grand', is_progressive: true, current_value: 130 }], history: { grand: [[now - 60_000, 100], [now - 30_000, 120]] } };
    const next = reduceJackpots(initialJackpots, [{ type: 'snapshot', subscription_id: 's', channel: 'jackpots', seq: 1, data: [item] }], { now, paused: false });
    expect(potPoints(next.series[potKey('jp', 'grand')])).toEqual([
      { t: now - 60_000, v: 100 },
      { t: now - 30_000, v: 120 },
      { t: now, v: 130 },
    ]);
  });
});

describe('kpis slice', () => {
  const minute = (at: string, location_id: string | null, bets: number, turnover: number) => ({ minute: at, location_id, bets, turnover, wins: 0, payout: 0, deposits: 0, withdrawals: 0 });
  const snapshot = (data: KpiMinute[]): ChannelItem => ({ type: 'snapshot', subscription_id: 's', channel: 'kpis', seq: 5, data });

  it('opens with the minutes of the snapshot, by minute and location', () => {
    const next = reduceKpis(initialKpis, [snapshot([minute('2026-01-18T14:30:00.000Z', 'loc-a', 3, 30), minute('2026-01-18T14:30:00.000Z', null, 1, 5), minute('2026-01-18T14:31:00.000Z', 'loc-b', 2, 8)])]);
    expect(next.buckets.map((b) => new Date(b.t).toISOString())).toEqual(['2026-01-18T14:30:00.000Z', '2026-01-18T14:31:00.000Z']);
    expect(next.buckets[0].byLocation).toEqual({ 'loc-a': expect.objectContaining({ bets: 3 }), '': expect.objectContaining({ bets: 1 }) });
  });

  it('replaces a minute with each running total instead of adding it', () => {
    const opened = reduceKpis(initialKpis, [snapshot([minute('2026-01-18T14:30:00.000Z', 'loc-a', 3, 30)])]);
    const next = reduceKpis(opened, [
      event(6, 'kpis', 'kpi.minute', minute('2026-01-18T14:30:00.000Z', 'loc-a', 4, 35), 0),
      event(7, 'kpis', 'kpi.minute', minute('2026-01-18T14:30:00.000Z', 'loc-a', 5, 41), 0),
      event(8, 'kpis', 'kpi.minute', minute('2026-01-18T14:31:00.000Z', 'loc-a', 1, 2), 0),
    ]);
    expect(next.buckets.map((b) => b.byLocation['loc-a'].bets)).toEqual([5, 1]);
    expect(next.buckets[0].byLocation['loc-a'].turnover).toBe(41);
    expect(opened.buckets[0].byLocation['loc-a'].bets).toBe(3);
  });

  it('keeps the hour and the open minute', () => {
    const old = minute('2026-01-18T13:29:00.000Z', 'loc-a', 1, 1);
    const next = reduceKpis(initialKpis, [snapshot([old, minute('2026-01-18T13:30:00.000Z', 'loc-a', 1, 1), minute('2026-01-18T14:30:00.000Z', 'loc-a', 1, 1)])]);
    expect(next.buckets).toHaveLength(2);
  });

  it('ignores game and cash events: the gateway counts them', () => {
    expect(reduceKpis(initialKpis, [event(1, 'game', 'bet.placed', { location_id: 'loc-a', amount: 2 }, 1_000)])).toBe(initialKpis);
  });
});
